import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { socRsbuildConfig } from '../common/rsbuild';
import federation from './module-federation.config';
import pkg from './package.json';

export default socRsbuildConfig({
  app: 'chat',
  dir: path.dirname(fileURLToPath(import.meta.url)),
  port: Number(process.env.CHAT_PORT ?? 3002),
  title: 'Chat · SOC Analyst',
  version: pkg.version,
  federation,
  remote: true,
});
