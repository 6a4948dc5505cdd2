import { mapSentinelIncident } from '../../../../src/integrations/sentinel/mapSentinelIncident';
import { SentinelEtagConflictError, SentinelNotFoundError } from '../../../../src/integrations/sentinel/client/errors';
import { toIncidentUpdate } from '../../../../src/integrations/sentinel/client/incidentUpdate';
import type { SentinelClient } from '../../../../src/integrations/sentinel/client/sentinelClient';
import { FakeSentinel } from '../../../fakes/fakeSentinel';
import { createTestClient } from './sentinelTestClient';

describe('SentinelClient get and put with etags', () => {
  let fake: FakeSentinel;
  let client: SentinelClient;
  let names: string[];

  beforeAll(async () => {
    fake = await FakeSentinel.start();
    names = fake.seedDemoIncidents(6, { seed: 11 }).map((d) => d.incident.name);
    client = createTestClient(fake);
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.clearRequests());

  it('gets an incident as Sentinel holds it', async () => {
    const incident = await client.getIncident(names[0]!);
    expect(incident).toEqual(fake.incident(names[0]!));
    expect(incident.etag).toMatch(/^".+"$/);
  });

  it('puts a change with the current etag and returns the incident with its new etag', async () => {
    const before = await client.getIncident(names[1]!);
    const update = { ...toIncidentUpdate(before), severity: 'High' as const, title: `${before.properties.title} (escalated)` };

    const after = await client.putIncident(before.name, update, before.etag);

    expect(after.etag).not.toBe(before.etag);
    expect(after.properties).toMatchObject({ severity: 'High', title: update.title, incidentNumber: before.properties.incidentNumber });
    expect(Date.parse(after.properties.lastModifiedTimeUtc)).toBeGreaterThan(Date.parse(before.properties.lastModifiedTimeUtc));
    expect(fake.incident(before.name)).toEqual(after);
    const put = fake.armRequests().find((r) => r.operation === 'put');
    // The etag travels in the body, as the API defines it.
    expect(put?.body).toEqual({ etag: before.etag, properties: update });
  });

  it('closes an incident with a classification, and the result maps to our record', async () => {
    const before = await client.getIncident(names[2]!);
    const after = await client.putIncident(
      before.name,
      { ...toIncidentUpdate(before), status: 'Closed', classification: 'TruePositive', classificationReason: 'SuspiciousActivity', classificationComment: 'Confirmed by the SOC platform' },
      before.etag,
    );
    const related = await client.getIncidentRelated(before.name);
    const record = mapSentinelIncident(after, related);
    expect(record).toMatchObject({ status: 'CLOSED', classification: 'TRUE_POSITIVE', etag: after.etag, sentinelId: before.name });
    expect(record.alerts.length).toBeGreaterThan(0);
  });

  it('turns 412 into SentinelEtagConflictError when the incident changed in Sentinel since it was read', async () => {
    const read = await client.getIncident(names[3]!);
    fake.modifyIncident(read.name, { status: 'Active' });

    const error = await client.putIncident(read.name, { ...toIncidentUpdate(read), severity: 'Low' }, read.etag).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SentinelEtagConflictError);
    expect(error).toMatchObject({ status: 412, code: 'PreconditionFailed', attempts: 1, possiblyOwnWrite: false });
    expect((error as Error).message).toMatch(/412 PreconditionFailed/);
    expect(fake.incident(read.name)?.properties.severity).not.toBe('Low');
    // Not retried: asking again cannot make a stale etag current.
    expect(fake.armRequests().filter((r) => r.operation === 'put')).toHaveLength(1);
  });

  it('flags a conflict that may be its own write when an earlier attempt timed out after being applied', async () => {
    const slow = createTestClient(fake, { client: { requestTimeoutMs: 300 } });
    const read = await slow.getIncident(names[4]!);
    fake.delayNext(1000);

    const error = await slow.putIncident(read.name, { ...toIncidentUpdate(read), title: 'written once' }, read.etag).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SentinelEtagConflictError);
    expect(error).toMatchObject({ possiblyOwnWrite: true, attempts: 2 });
    expect(fake.incident(read.name)?.properties.title).toBe('written once');
  });

  it('reports a missing incident as SentinelNotFoundError without retrying', async () => {
    const error = await client.getIncident('00000000-0000-0000-0000-000000000000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentinelNotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'NotFound', attempts: 1 });
    expect(fake.armRequests()).toHaveLength(1);
  });

  it('refuses names that would change the request path', async () => {
    await expect(client.getIncident('..')).rejects.toThrow(/not a valid ARM resource name/);
    await expect(client.getIncident('a/b')).rejects.toThrow(/not a valid ARM resource name/);
    await expect(client.putIncident(names[5]!, toIncidentUpdate(fake.incident(names[5]!)!), '')).rejects.toThrow(/etag/);
    expect(fake.armRequests()).toHaveLength(0);
  });
});
