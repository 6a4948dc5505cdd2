import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SentinelClient } from '../../../../src/integrations/sentinel/client/sentinelClient';
import type { SentinelIncidentEntitiesResponse, SentinelList, SentinelAlert, SentinelComment } from '../../../../src/integrations/sentinel/types';
import { FakeSentinel } from '../../../fakes/fakeSentinel';
import { createTestClient } from './sentinelTestClient';
import { SENTINEL_DATA } from '../../../../../../test/support/testData';

const EXAMPLES = path.join(SENTINEL_DATA, 'rest-api-examples');

function exampleBody<T>(file: string): T {
  return (JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as { responses: Record<string, { body: T }> }).responses['200']!.body;
}

describe('SentinelClient alerts, entities and comments', () => {
  let fake: FakeSentinel;
  let client: SentinelClient;

  beforeAll(async () => {
    fake = await FakeSentinel.start({ commentsPageSize: 2 });
    client = createTestClient(fake);
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.clearRequests());

  it('reads the REST API examples back exactly: alerts list, entities envelope, comments list', async () => {
    const example = fake.addExampleIncident();
    const name = example.incident.name;

    const alerts = await client.listAlerts(name);
    const entities = await client.listEntities(name);
    const comments = await client.listComments(name);

    expect(alerts).toEqual(exampleBody<SentinelList<SentinelAlert>>('GetAllIncidentAlerts_2025-09-01.json').value);
    expect(entities).toEqual(exampleBody<SentinelIncidentEntitiesResponse>('GetAllIncidentEntities_2025-09-01.json'));
    expect(comments).toEqual(exampleBody<SentinelList<SentinelComment>>('GetAllIncidentComments_2025-09-01.json').value);
    expect(fake.armRequests().map((r) => `${r.method} ${r.operation ?? ''}`)).toEqual(['POST alerts', 'POST entities', 'GET comments']);
  });

  it('lists the alerts and entities of a generated incident with per-kind counts', async () => {
    const [demo] = fake.seedDemoIncidents(1, { seed: 3 });
    const name = demo!.incident.name;

    const alerts = await client.listAlerts(name);
    const entities = await client.listEntities(name);

    expect(alerts).toEqual(demo!.alerts);
    expect(entities.entities).toEqual(demo!.entities);
    const kinds = new Set(demo!.entities.map((e) => e.kind));
    expect(entities.metaData.map((m) => m.entityKind).sort()).toEqual([...kinds].sort());
    expect(entities.metaData.reduce((sum, m) => sum + m.count, 0)).toBe(demo!.entities.length);
  });

  it('follows nextLink through every page of comments', async () => {
    const [demo] = fake.seedDemoIncidents(1, { seed: 4 });
    const name = demo!.incident.name;
    for (let i = 1; i <= 5; i += 1) fake.addComment(name, `analyst note ${i}`);
    fake.clearRequests();

    const comments = await client.listComments(name);

    const expected = fake.incidentWithRelated(name)!.comments;
    expect(comments).toEqual(expected);
    expect(comments.slice(-5).map((c) => c.properties.message)).toEqual([1, 2, 3, 4, 5].map((i) => `analyst note ${i}`));
    expect(fake.armRequests()).toHaveLength(Math.ceil(expected.length / 2));
  });

  it('creates a comment with a chosen id; repeating the call updates the same comment instead of adding one', async () => {
    const [demo] = fake.seedDemoIncidents(1, { seed: 5 });
    const name = demo!.incident.name;
    const commentId = 'c0ffee00-0000-4000-8000-000000000001';

    const created = await client.createComment(name, commentId, 'AI verdict: true positive (confidence 0.93)');
    const again = await client.createComment(name, commentId, 'AI verdict: true positive (confidence 0.93)');

    expect(created).toMatchObject({
      name: commentId,
      type: 'Microsoft.SecurityInsights/incidents/comments',
      id: `${demo!.incident.id}/comments/${commentId}`,
      properties: { message: 'AI verdict: true positive (confidence 0.93)', author: { name: 'SOC Platform' } },
    });
    expect(again.name).toBe(commentId);
    const comments = await client.listComments(name);
    expect(comments.filter((c) => c.name === commentId)).toHaveLength(1);
    expect(fake.incident(name)?.properties.additionalData.commentsCount).toBe(comments.length);
    expect(fake.armRequests().filter((r) => r.operation === 'comment.put').map((r) => r.status)).toEqual([201, 200]);
    expect(fake.armRequests().find((r) => r.operation === 'comment.put')?.body).toEqual({ properties: { message: 'AI verdict: true positive (confidence 0.93)' } });
  });

  it('fetches everything mapSentinelIncident needs in one call', async () => {
    const [demo] = fake.seedDemoIncidents(1, { seed: 6 });
    const related = await client.getIncidentRelated(demo!.incident.name);
    expect(related).toEqual({ alerts: demo!.alerts, entities: demo!.entities, comments: demo!.comments });
  });
});
