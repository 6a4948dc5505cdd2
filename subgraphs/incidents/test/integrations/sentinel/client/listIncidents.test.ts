import { SentinelResponseError } from '../../../../src/integrations/sentinel/client/errors';
import type { SentinelClient } from '../../../../src/integrations/sentinel/client/sentinelClient';
import type { SentinelIncident } from '../../../../src/integrations/sentinel/types';
import { FakeSentinel } from '../../../fakes/fakeSentinel';
import { collect, createTestClient } from './sentinelTestClient';

const byModified = (a: SentinelIncident, b: SentinelIncident) =>
  Date.parse(a.properties.lastModifiedTimeUtc) - Date.parse(b.properties.lastModifiedTimeUtc) || (a.name < b.name ? -1 : 1);

describe('SentinelClient.listIncidents', () => {
  let fake: FakeSentinel;
  let client: SentinelClient;

  beforeAll(async () => {
    fake = await FakeSentinel.start();
    fake.seedDemoIncidents(25, { seed: 42 });
    client = createTestClient(fake);
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.clearRequests());

  it('lists every incident over three pages by following nextLink', async () => {
    const pages = await collect(client.listIncidents({ top: 10 }));

    expect(pages.map((page) => page.incidents.length)).toEqual([10, 10, 5]);
    expect(pages.map((page) => page.nextLink === undefined)).toEqual([false, false, true]);
    const listed = pages.flatMap((page) => page.incidents);
    expect(new Set(listed.map((i) => i.name))).toEqual(new Set(fake.incidents().map((i) => i.name)));
    expect(listed).toEqual([...fake.incidents()].sort(byModified));

    const requests = fake.armRequests();
    expect(requests).toHaveLength(3);
    expect(requests[0]?.query).toEqual({ 'api-version': '2025-09-01', $orderby: 'properties/lastModifiedTimeUtc asc', $top: '10' });
    // Later pages are exactly the nextLinks the service handed out.
    expect(requests.slice(1).map((r) => r.query.$skipToken)).toEqual(pages.slice(0, 2).map((p) => new URL(p.nextLink ?? '').searchParams.get('$skipToken')));
  });

  it('filters on lastModifiedTimeUtc ge modifiedSince, including incidents modified at that very instant', async () => {
    const sorted = [...fake.incidents()].sort(byModified);
    const boundary = sorted[12]!;
    const since = new Date(boundary.properties.lastModifiedTimeUtc);

    const listed = (await collect(client.listIncidents({ modifiedSince: since, top: 5 }))).flatMap((p) => p.incidents);

    const expected = sorted.filter((i) => Date.parse(i.properties.lastModifiedTimeUtc) >= since.getTime());
    expect(listed.map((i) => i.name)).toEqual(expected.map((i) => i.name));
    expect(listed.map((i) => i.name)).toContain(boundary.name);
    expect(fake.armRequests()[0]?.query.$filter).toBe(`properties/lastModifiedTimeUtc ge ${since.toISOString()}`);
  });

  it('resumes a listing from a saved nextLink', async () => {
    const iterator = client.listIncidents({ top: 10 });
    const first = await iterator.next();
    await iterator.return(undefined);
    const nextLink = first.done ? undefined : first.value.nextLink;
    expect(nextLink).toBeDefined();

    const rest = await collect(client.listIncidents({ nextLink: nextLink ?? '' }));

    expect(rest.map((p) => p.incidents.length)).toEqual([10, 5]);
    const all = [...(first.done ? [] : first.value.incidents), ...rest.flatMap((p) => p.incidents)];
    expect(all.map((i) => i.name)).toEqual([...fake.incidents()].sort(byModified).map((i) => i.name));
  });

  it('sees changes made in Sentinel on the next incremental listing', async () => {
    const all = (await collect(client.listIncidents({ top: 50 }))).flatMap((p) => p.incidents);
    const watermark = new Date(Math.max(...all.map((i) => Date.parse(i.properties.lastModifiedTimeUtc))));
    const target = all[3]!;

    const changed = fake.modifyIncident(target.name, { status: 'Active', severity: 'High' });
    const delta = (await collect(client.listIncidents({ modifiedSince: watermark }))).flatMap((p) => p.incidents);

    const seen = delta.find((i) => i.name === target.name);
    expect(seen?.etag).toBe(changed.etag);
    expect(seen?.etag).not.toBe(target.etag);
    expect(seen?.properties).toMatchObject({ status: 'Active', severity: 'High' });
    // Only the change and the incidents at the watermark itself (ge) come back.
    expect(delta.every((i) => Date.parse(i.properties.lastModifiedTimeUtc) >= watermark.getTime())).toBe(true);
    expect(delta.at(-1)?.name).toBe(target.name);
  });

  it('refuses a nextLink that points away from the ARM endpoint, before sending the token there', async () => {
    const foreign = `https://evil.example${fake.workspaceResourceId}/providers/Microsoft.SecurityInsights/incidents?api-version=2025-09-01`;
    await expect(collect(client.listIncidents({ nextLink: foreign }))).rejects.toBeInstanceOf(SentinelResponseError);
    const otherPath = `${fake.url}/subscriptions/other/resourceGroups/x/providers/Microsoft.Storage/storageAccounts?api-version=2025-09-01`;
    await expect(collect(client.listIncidents({ nextLink: otherPath }))).rejects.toThrow(/nextLink leaves/);
    expect(fake.armRequests()).toHaveLength(0);
  });

  it('rejects invalid arguments without calling Sentinel', async () => {
    await expect(collect(client.listIncidents({ top: 0 }))).rejects.toThrow(RangeError);
    await expect(collect(client.listIncidents({ modifiedSince: new Date('nope') }))).rejects.toThrow(TypeError);
    expect(fake.armRequests()).toHaveLength(0);
  });
});

describe('SentinelClient.listIncidents with incidents modified in the same instant', () => {
  const instant = Date.parse('2025-06-01T12:00:00.000Z');
  let fake: FakeSentinel;

  beforeAll(async () => {
    fake = await FakeSentinel.start({ now: () => instant });
    fake.seedDemoIncidents(6, { seed: 5, now: new Date(instant - 86_400_000) });
  });
  afterAll(() => fake.stop());

  it('returns every incident at the watermark, so a sync using the last seen timestamp misses none', async () => {
    const [a, b] = fake.incidents();
    fake.modifyIncident(a!.name, { status: 'Active' });
    fake.modifyIncident(b!.name, { status: 'Active' });
    expect(fake.incident(a!.name)?.properties.lastModifiedTimeUtc).toBe(fake.incident(b!.name)?.properties.lastModifiedTimeUtc);

    const listed = (await collect(createTestClient(fake).listIncidents({ modifiedSince: new Date(instant), top: 1 }))).flatMap((p) => p.incidents);

    expect(listed.map((i) => i.name).sort()).toEqual([a!.name, b!.name].sort());
  });
});
