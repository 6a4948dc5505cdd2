import { setTimeout as delay } from 'node:timers/promises';
import { SentinelSync } from '../../../src/services/sentinelSync';
import { graphql } from '../../../../../test/support/client';
import { FakeSentinel } from '../../fakes/fakeSentinel';
import { startSentinelTestStack, type SentinelTestStack } from './sentinelTestStack';

/**
 * The comment sweep, through the real client and SDK against the local fake Sentinel and Entra ID.
 * A comment added in Sentinel leaves the incident's etag and lastModifiedTimeUtc alone (the fake
 * behaves like ARM here), so only the sweep can bring it in.
 */
const N = 40;
let fake: FakeSentinel;
let sentinel: SentinelTestStack;

const INCIDENT = 'query($id: ID!) { incident(id: $id) { comments { id message } timeline { source field note } } }';
const services = () => sentinel.services();
const stored = (name: string) => sentinel.stored(name);

/** Comments and sync timeline entries carrying this message, as the API shows them. */
async function shown(name: string, message: string) {
  const id = String((await stored(name))._id);
  const { body } = await graphql(sentinel.stack.gatewayUrl, INCIDENT, { id }, { token: sentinel.analyst });
  expect(body.errors).toBeUndefined();
  const incident = body.data!.incident as { comments: Array<{ id: string; message: string }>; timeline: Array<{ source: string; field: string; note: string | null }> };
  return {
    comments: incident.comments.filter((c) => c.message === message),
    timeline: incident.timeline.filter((e) => e.field === 'comment' && e.note === message),
  };
}

const openIncidents = () => fake.incidents().filter((i) => i.properties.status !== 'Closed');
const commentReads = (name: string) => fake.armRequests().filter((r) => r.operation === 'comments' && r.incidentName === name).length;

beforeAll(async () => {
  fake = await FakeSentinel.start({ defaultPageSize: 50 });
  fake.seedDemoIncidents(N, { seed: 4242 });
  // Small batches, so a sweep of these few incidents spans several; the scheduled sweep only runs
  // once a test starts the schedule (the stack's tick is an hour).
  sentinel = await startSentinelTestStack(fake, { commentSweep: { intervalMs: 500, batchSize: 7 } });
  expect(await sentinel.syncNow()).toMatchObject({ status: 'IDLE', processed: N, lastError: null });
  expect(openIncidents().length).toBeGreaterThan(14); // several sweep batches of 7
}, 60_000);

afterAll(async () => {
  await sentinel?.stop();
  await fake?.stop();
});

test('a comment added in Sentinel is missed by the incremental sync, stored by the sweep, and exactly once after two sweeps', async () => {
  const name = openIncidents()[2]!.name;
  const before = fake.incident(name)!;
  const message = 'Checked the sign-in logs in the portal: the VPN egress explains the location';
  const comment = fake.addComment(name, message);
  // Sentinel's comment endpoint does not touch the incident: nothing for an incremental sync to see.
  expect(fake.incident(name)!.properties.lastModifiedTimeUtc).toBe(before.properties.lastModifiedTimeUtc);
  expect(fake.incident(name)!.etag).toBe(before.etag);

  expect(await services().sync.run('contoso')).toMatchObject({ status: 'IDLE', lastError: null });
  expect(await shown(name, message)).toEqual({ comments: [], timeline: [] });

  const readsBefore = commentReads(name);
  const first = await services().sync.sweepComments('contoso');
  expect(first).toMatchObject({ added: 1, updatedIncidents: 1, complete: true });
  expect(first.incidents).toBe(openIncidents().length);
  expect(await shown(name, message)).toEqual({ comments: [{ id: comment.name, message }], timeline: [{ source: 'SYNC', field: 'comment', note: message }] });
  const rev = (await stored(name)).rev;

  const second = await services().sync.sweepComments('contoso');
  expect(second).toMatchObject({ added: 0, updatedIncidents: 0, complete: true });
  // Both sweeps really read the incident's comments from Sentinel; the second one changed nothing.
  expect(commentReads(name)).toBe(readsBefore + 2);
  expect(await shown(name, message)).toEqual({ comments: [{ id: comment.name, message }], timeline: [{ source: 'SYNC', field: 'comment', note: message }] });
  expect((await stored(name)).rev).toBe(rev);
  expect((await stored(name)).comments).toHaveLength(fake.incidentWithRelated(name)!.comments.length);
});

test('bounded sweeps continue where the previous one stopped until every open incident was read', async () => {
  const bounded = new SentinelSync(sentinel.models(), services().clients, sentinel.logger(), { commentSweep: { maxIncidents: 10, batchSize: 4 } });
  const open = openIncidents();
  const last = open.at(-1)!.name;
  const message = 'Host re-imaged; closing once the EDR scan is clean';
  fake.addComment(last, message);
  const readsBefore = fake.armRequests().filter((r) => r.operation === 'comments').length;

  const sweeps = [];
  for (let i = 0; i < 10; i += 1) {
    const result = await bounded.sweepComments('contoso');
    sweeps.push(result);
    if (result.complete) break;
    expect(result.incidents).toBe(10);
  }
  // Every open incident was read exactly once across the sweeps, at most 10 per sweep.
  expect(sweeps.reduce((sum, s) => sum + s.incidents, 0)).toBe(open.length);
  expect(fake.armRequests().filter((r) => r.operation === 'comments').length - readsBefore).toBe(open.length);
  expect(sweeps.length).toBe(Math.ceil(open.length / 10) + (open.length % 10 === 0 ? 1 : 0));
  expect(sweeps.reduce((sum, s) => sum + s.added, 0)).toBe(1);
  expect((await shown(last, message)).comments).toHaveLength(1);
  await bounded.stop();
});

test('a sweep that fails (retries exhausted) loses nothing: the next one stores the comment', async () => {
  const name = openIncidents()[0]!.name;
  const message = 'Sentinel was down when this was written';
  fake.addComment(name, message);
  fake.failNext(10_000, { status: 500, code: 'InternalServerError', message: 'Sentinel is having a bad day' });
  try {
    await expect(services().sync.sweepComments('contoso')).rejects.toThrow(/500/);
  } finally {
    fake.clearFaults();
  }
  expect((await shown(name, message)).comments).toHaveLength(0);
  await delay(200); // requests of the failed batch still retrying end first

  expect(await services().sync.sweepComments('contoso')).toMatchObject({ added: 1 });
  expect((await shown(name, message)).comments).toHaveLength(1);
});

test('the scheduled sweep brings in a new comment on its own', async () => {
  const name = openIncidents()[8]!.name;
  const message = 'User confirmed the MFA prompt was theirs';
  fake.addComment(name, message);
  services().sync.startSchedule(200);
  const deadline = Date.now() + 20_000;
  while ((await shown(name, message)).comments.length === 0) {
    if (Date.now() > deadline) throw new Error('the scheduled sweep did not store the comment within 20 s');
    await delay(200);
  }
  // Later scheduled sweeps (every 500 ms here) keep it at one.
  await delay(1_500);
  expect(await shown(name, message)).toEqual({ comments: [expect.objectContaining({ message })], timeline: [{ source: 'SYNC', field: 'comment', note: message }] });
}, 40_000);
