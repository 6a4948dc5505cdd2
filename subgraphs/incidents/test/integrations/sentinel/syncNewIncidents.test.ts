import { mapSentinelIncident } from '../../../src/integrations/sentinel/mapSentinelIncident';
import { newIncidentDocument } from '../../../src/services/incidentDocument';
import { FakeSentinel } from '../../fakes/fakeSentinel';
import { startSentinelTestStack, type SentinelTestStack } from './sentinelTestStack';

/**
 * A sync writes the incidents created after its watermark with one insert per page. When one of
 * them is already stored (here: the webhook delivered it before the first sync), the page falls
 * back to writing each incident on its own: nothing is duplicated, and the stored one is updated.
 */
const N = 30;
let fake: FakeSentinel;
let sentinel: SentinelTestStack;

beforeAll(async () => {
  fake = await FakeSentinel.start({ defaultPageSize: 50 });
  fake.seedDemoIncidents(N, { seed: 777 });
  sentinel = await startSentinelTestStack(fake);
}, 60_000);

afterAll(async () => {
  await sentinel?.stop();
  await fake?.stop();
});

test('an incident stored before the first sync is updated, not duplicated, and every other one arrives complete', async () => {
  const early = fake.incidentWithRelated(fake.incidents()[4]!.name)!;
  const older = mapSentinelIncident(
    { ...early.incident, etag: '"00000000-0000-0000-0000-000000000000"', properties: { ...early.incident.properties, title: 'Earlier title from the webhook' } },
    early,
  );
  const incidents = (await sentinel.stack.database('incidents')).collection('incidents');
  await incidents.insertOne(newIncidentDocument('contoso', older, 'WEBHOOK'));

  expect(await sentinel.syncNow()).toMatchObject({ status: 'IDLE', processed: N, lastError: null });
  expect(await incidents.countDocuments({ tenantId: 'contoso' })).toBe(N);
  const updated = await sentinel.stored(early.incident.name);
  expect(updated).toMatchObject({ title: early.incident.properties.title, etag: early.incident.etag });
  expect(updated.timeline).toContainEqual(expect.objectContaining({ source: 'SYNC', field: 'title', from: 'Earlier title from the webhook', to: early.incident.properties.title }));
  for (const incident of fake.incidents()) {
    const related = fake.incidentWithRelated(incident.name)!;
    const stored = await sentinel.stored(incident.name);
    expect({ etag: stored.etag, alerts: stored.alerts.length, comments: stored.comments.length }).toEqual({
      etag: incident.etag,
      alerts: related.alerts.length,
      comments: related.comments.length,
    });
  }
});

test('a later sync inserts the incidents created since, together, next to updates of known ones', async () => {
  const changed = fake.incidents()[7]!.name;
  fake.modifyIncident(changed, { severity: 'High', status: 'Active' });
  const fresh = fake.seedDemoIncidents(12, { seed: 778, now: new Date(Date.now() + 31 * 86_400_000) });
  expect(await sentinel.syncNow()).toMatchObject({ status: 'IDLE', lastError: null });
  const incidents = (await sentinel.stack.database('incidents')).collection('incidents');
  expect(await incidents.countDocuments({ tenantId: 'contoso' })).toBe(N + 12);
  expect(await sentinel.stored(changed)).toMatchObject({ severity: 'HIGH', status: 'ACTIVE', etag: fake.incident(changed)!.etag });
  for (const demo of fresh) expect(await sentinel.stored(demo.incident.name)).toMatchObject({ title: demo.incident.properties.title, source: 'SENTINEL', rev: 0 });
});
