import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { socRsbuildConfig } from '../common/rsbuild';
import federation from './module-federation.config';
import pkg from './package.json';

export default socRsbuildConfig({
  app: 'reports',
  dir: path.dirname(fileURLToPath(import.meta.url)),
  port: Number(process.env.REPORTS_PORT ?? 3003),
  title: 'Reports · SOC Analyst',
  version: pkg.version,
  federation,
  remote: true,
});
