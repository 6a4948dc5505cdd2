import { randomBytes } from 'node:crypto';
import path from 'node:path';
import mongoose from 'mongoose';
import { generateInternalKeyPair, startSubgraph } from '@soc/server-kit';
import { incidentsSubgraph } from '../../src/subgraph';

/** Demo seeding happens once, and an interrupted seed completes on the next start without duplicates. */
const env = () => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  MONGODB_URI: process.env.MONGODB_URI!,
  MONGODB_DB_PREFIX: prefix,
  INTERNAL_TOKEN_PUBLIC_KEY: generateInternalKeyPair().publicKeyPem,
  INCIDENTS_PORT: '0',
  TENANTS_FILE: path.resolve(__dirname, '../../../../config/tenants.json'),
  DEMO_INCIDENTS_PER_TENANT: '25',
});
const prefix = `t${randomBytes(4).toString('hex')}`;
let connection: mongoose.Connection;

beforeAll(async () => {
  connection = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: `${prefix}_incidents` }).asPromise();
});
afterAll(() => connection?.close());

const counts = async () => {
  const incidents = connection.db!.collection('incidents');
  return { contoso: await incidents.countDocuments({ tenantId: 'contoso' }), fabrikam: await incidents.countDocuments({ tenantId: 'fabrikam' }) };
};

test('seeds each tenant once, and completes an interrupted seed on restart', async () => {
  await (await startSubgraph(incidentsSubgraph, env())).stop();
  expect(await counts()).toEqual({ contoso: 25, fabrikam: 25 });

  await (await startSubgraph(incidentsSubgraph, env())).stop();
  expect(await counts()).toEqual({ contoso: 25, fabrikam: 25 });

  // As if the first start had died after writing part of contoso's incidents.
  const incidents = connection.db!.collection('incidents');
  const kept = await incidents.find({ tenantId: 'contoso' }).sort({ number: 1 }).limit(10).toArray();
  await incidents.deleteMany({ tenantId: 'contoso', _id: { $nin: kept.map((d) => d._id) } });
  expect((await counts()).contoso).toBe(10);

  await (await startSubgraph(incidentsSubgraph, env())).stop();
  expect(await counts()).toEqual({ contoso: 25, fabrikam: 25 });
  const numbers = (await incidents.find({ tenantId: 'contoso' }).toArray()).map((d) => d.number).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
});
