import mongoose, { type Connection } from 'mongoose';
import type { ServiceMetrics } from '../metrics';

/** Commands that are bookkeeping, not data access; they are not counted as queries. */
const HOUSEKEEPING = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo', 'saslStart', 'saslContinue', 'createIndexes', 'listIndexes']);

export interface MongoOptions {
  uri: string;
  dbName: string;
  metrics?: ServiceMetrics;
}

/**
 * Opens the service's own database (one database per service: a service never writes another's
 * collections). Every data command is counted in `mongo_commands_total`, which is how tests and
 * operators see N+1 patterns.
 */
export async function connectMongo({ uri, dbName, metrics }: MongoOptions): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    autoIndex: false,
    autoCreate: false,
    monitorCommands: Boolean(metrics),
    serverSelectionTimeoutMS: 10_000,
  });
  if (metrics) {
    connection.getClient().on('commandStarted', (event) => {
      if (HOUSEKEEPING.has(event.commandName)) return;
      const target = event.command[event.commandName];
      metrics.mongoCommands.inc({ command: event.commandName, collection: typeof target === 'string' ? target : '' });
    });
  }
  await connection.asPromise();
  return connection;
}

/** Creates every model's declared indexes; run on start so queries never scan by accident. */
export async function ensureIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    await model.createCollection().catch((error: { codeName?: string }) => {
      if (error.codeName !== 'NamespaceExists') throw error;
    });
    await model.createIndexes();
  }
}

export async function pingMongo(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('database not connected');
  await db.command({ ping: 1 });
}
