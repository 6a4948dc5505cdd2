import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { startEmbeddedMongo, type EmbeddedMongo } from '../scripts/lib/ferretdb';

declare global {
  // eslint-disable-next-line no-var
  var __EMBEDDED_MONGO__: EmbeddedMongo | undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** One database server for the whole run: MONGODB_URI when given, else a fresh embedded FerretDB. */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    console.log(`\ntests use MONGODB_URI (${process.env.MONGODB_URI.replace(/\/\/[^@]*@/, '//***@')})`);
    return;
  }
  const dataRoot = path.resolve(__dirname, '..', '.data');
  mkdirSync(dataRoot, { recursive: true });
  const dataDir = mkdtempSync(path.join(dataRoot, 'test-db-'));
  const mongo = await startEmbeddedMongo({ dataDir, port: await freePort(), logFile: path.join(dataDir, 'ferretdb.log'), log: (line) => console.log(line) });
  globalThis.__EMBEDDED_MONGO__ = mongo;
  process.env.MONGODB_URI = mongo.uri;
  process.env.TEST_DB_DIR = dataDir;
}
