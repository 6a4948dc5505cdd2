import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { socRsbuildConfig } from '../common/rsbuild';
import federation from './module-federation.config';
import pkg from './package.json';

export default socRsbuildConfig({
  app: 'shell',
  dir: path.dirname(fileURLToPath(import.meta.url)),
  port: Number(process.env.SHELL_PORT ?? 3000),
  title: 'SOC Analyst',
  version: pkg.version,
  federation,
  remote: false,
});
