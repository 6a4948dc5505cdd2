import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import mongoose from 'mongoose';
import pino from 'pino';
import {
  createServiceTokenSigner,
  createServiceTokenVerifier,
  generateInternalKeyPair,
  mountEventFeed,
  outboxModel,
  processedEventModel,
  recordEvent,
  startEventConsumer,
  type DomainEvent,
} from '../src';

/** Durable events: a producer's outbox read through its feed by a consumer in another database. */
let producerDb: mongoose.Connection;
let consumerDb: mongoose.Connection;
let server: ReturnType<ReturnType<typeof express>['listen']>;
let producerUrl: string;
const keys = generateInternalKeyPair();

beforeAll(async () => {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  producerDb = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: `${prefix}_producer` }).asPromise();
  consumerDb = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: `${prefix}_consumer` }).asPromise();
  const verify = await createServiceTokenVerifier(keys.publicKeyPem);
  const app = express();
  const router = express.Router();
  router.use(async (req, res, next) => {
    try {
      await verify(req.header('authorization')?.slice(7) ?? '');
      next();
    } catch {
      res.status(401).end();
    }
  });
  mountEventFeed(router, outboxModel(producerDb));
  app.use('/service', router);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  producerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await producerDb?.close();
  await consumerDb?.close();
});

const record = (id: string, payload: Record<string, unknown> = {}) => recordEvent(outboxModel(producerDb), { id, type: 'thing.happened', tenantId: 'contoso', payload });

test('each event is applied once, a failing one is retried, a poison one is dead-lettered, and a new consumer instance resumes', async () => {
  const applied: string[] = [];
  let flaky = 0;
  const handle = async (event: DomainEvent) => {
    if (event.id === 'e-flaky' && flaky++ === 0) throw new Error('downstream busy');
    if (event.id === 'e-poison') throw new Error('cannot apply');
    applied.push(event.id);
  };
  const options = {
    name: 'consumer<-producer',
    producerUrl: () => producerUrl,
    types: ['thing.happened'],
    connection: consumerDb,
    signServiceToken: await createServiceTokenSigner(keys.privateKeyPem, 'consumer'),
    handle,
    logger: pino({ level: 'silent' }),
    intervalMs: 3_600_000,
    maxAttempts: 2,
  };
  await record('e-1');
  await record('e-flaky');
  await record('e-poison');
  await record('e-1'); // recorded twice by a producer retry: still one event
  const consumer = startEventConsumer(options);
  await consumer.pollNow();
  expect(applied).toEqual(['e-1']);

  // Retries wait for their backoff; make them due.
  const processed = processedEventModel(consumerDb);
  await processed.updateMany({ status: 'RETRY' }, { $set: { nextAttemptAt: new Date(0) } });
  await consumer.pollNow();
  expect(applied).toEqual(['e-1', 'e-flaky']);
  const poison = await processed.findById('consumer<-producer:e-poison').lean();
  expect(poison).toMatchObject({ status: 'DEAD', attempts: 2, lastError: 'cannot apply' });
  await consumer.stop();

  // A restarted consumer re-reads the overlap window but applies nothing twice, then takes new events.
  await record('e-2');
  const restarted = startEventConsumer(options);
  await restarted.pollNow();
  expect(applied).toEqual(['e-1', 'e-flaky', 'e-2']);
  await restarted.stop();
});

test('the feed refuses a consumer signed with another key', async () => {
  const stranger = await createServiceTokenSigner(generateInternalKeyPair().privateKeyPem, 'stranger');
  const response = await fetch(`${producerUrl}/service/events`, { headers: { authorization: `Bearer ${await stranger()}` } });
  expect(response.status).toBe(401);
});
