import { startSubgraph } from '@soc/server-kit';
import { notificationsSubgraph } from '../src';
import { WebhookReceiver } from './fakes/webhookReceiver';
import { analysisCompleted, createRule, eventually, FAST_DELIVERY_ENV, listNotifications, startNotificationsStack, type NotificationsTestStack } from './support/notificationsStack';

const SECRET_VAR = 'TEST_WEBHOOKS_SECRET';
let s: NotificationsTestStack;
let receiver: WebhookReceiver;

beforeAll(async () => {
  process.env[SECRET_VAR] = 'partner-shared-secret';
  receiver = await new WebhookReceiver('partner-shared-secret').start();
  s = await startNotificationsStack();
});

afterAll(async () => {
  await s?.stop();
  await receiver?.stop();
  delete process.env[SECRET_VAR];
});

/** A rule that fires on one analysis classification only, so each test's events reach only its own rule. */
async function ruleFor(classification: string, webhooks: Array<Record<string, unknown>>) {
  return createRule(s, { name: `Webhooks ${classification}`, match: { eventTypes: ['ANALYSIS_COMPLETED'], classifications: [classification] }, webhooks });
}

const byRule = async (ruleId: string) => (await listNotifications(s, 'analyst', { ruleId })).sort((a, b) => a.recipient.localeCompare(b.recipient));

test('Teams, Slack and generic payloads are posted; the receiver verifies the signature', async () => {
  const ruleId = await ruleFor('TRUE_POSITIVE', [
    { url: `${receiver.url}/generic`, format: 'GENERIC', secretRef: `env:${SECRET_VAR}` },
    { url: `${receiver.url}/teams`, format: 'TEAMS' },
    { url: `${receiver.url}/slack`, format: 'SLACK' },
  ]);
  const event = analysisCompleted({ summary: 'Escalate <!channel> now <https://evil.example|here>' });
  await s.publish('analysis', event);
  await s.drain();
  await eventually(async () => ((await byRule(ruleId)).every((n) => n.status === 'SENT') ? true : undefined), 'three webhooks sent');

  const [generic] = receiver.at('/generic');
  expect(generic!.signatureValid).toBe(true);
  expect(generic!.headers['x-soc-event']).toBe('analysis.completed');
  expect(generic!.headers['content-type']).toBe('application/json');
  expect(JSON.parse(generic!.body)).toMatchObject({ type: 'soc.notification', incident: { id: event.payload.incidentId, number: event.payload.incidentNumber }, analysis: { id: event.payload.analysisId } });

  const [teams] = receiver.at('/teams');
  expect(teams!.headers['x-soc-signature']).toBeUndefined(); // no secret: unsigned, as Teams expects
  const card = JSON.parse(teams!.body);
  expect(card).toMatchObject({ '@type': 'MessageCard', '@context': 'https://schema.org/extensions', themeColor: 'C62828' });
  expect(card.sections[0].facts).toEqual(expect.arrayContaining([{ name: 'Verdict', value: 'TRUE\\_POSITIVE (92%)' }]));

  const [slack] = receiver.at('/slack');
  const message = JSON.parse(slack!.body);
  expect(message.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
  expect(slack!.body).not.toContain('<!channel>');
  expect(slack!.body).toContain('&lt;!channel&gt;');

  const rows = await byRule(ruleId);
  const shown = rows.map((n) => [n.recipient, n.webhookFormat, n.transport]).sort((a, b) => a[1].localeCompare(b[1]));
  expect(shown).toEqual([
    [`${receiver.url}/…`, 'GENERIC', 'WEBHOOK'],
    [`${receiver.url}/…`, 'SLACK', 'WEBHOOK'],
    [`${receiver.url}/…`, 'TEAMS', 'WEBHOOK'],
  ]);
});

test('a failing receiver is retried with backoff, then dead-lettered with the reason; a refusing one is not retried', async () => {
  receiver.script('/flaky', [503, 500, 200]);
  receiver.script('/down', [500]);
  receiver.script('/refuses', [400]);
  const ruleId = await ruleFor('BENIGN_POSITIVE', [
    { url: `${receiver.url}/flaky`, format: 'GENERIC', secretRef: `env:${SECRET_VAR}` },
    { url: `${receiver.url}/down`, format: 'SLACK' },
    { url: `${receiver.url}/refuses`, format: 'TEAMS' },
  ]);
  await s.publish('analysis', analysisCompleted({ classification: 'BENIGN_POSITIVE' }));
  await s.drain();
  const final = await eventually(async () => {
    const rows = await byRule(ruleId);
    return rows.every((n) => ['SENT', 'DEAD_LETTER'].includes(n.status)) ? rows : undefined;
  }, 'every webhook settled');
  const byFormat = Object.fromEntries(final.map((n) => [n.webhookFormat, n]));

  // /flaky: 503, 500, then 200 — three attempts, each signed afresh.
  expect(byFormat.GENERIC).toMatchObject({ status: 'SENT', attempts: 3, lastError: null });
  expect(receiver.at('/flaky')).toHaveLength(3);
  expect(receiver.at('/flaky').every((post) => post.signatureValid)).toBe(true);
  expect(new Set(receiver.at('/flaky').map((post) => post.headers['x-soc-delivery']))).toEqual(new Set([byFormat.GENERIC.id]));
  expect(byFormat.GENERIC.deliveryEvents.map((e: { type: string }) => e.type)).toEqual(['ATTEMPT_FAILED', 'ATTEMPT_FAILED', 'SENT']);

  // /down: every attempt fails — dead letter after NOTIFICATIONS_MAX_ATTEMPTS (3), with the reason.
  expect(byFormat.SLACK).toMatchObject({ status: 'DEAD_LETTER', attempts: 3, maxAttempts: 3, nextAttemptAt: null });
  expect(byFormat.SLACK.lastError).toMatch(/webhook answered 500.*gave up after 3 attempts/);
  expect(receiver.at('/down')).toHaveLength(3);
  expect(byFormat.SLACK.deliveryEvents.map((e: { type: string }) => e.type)).toEqual(['ATTEMPT_FAILED', 'ATTEMPT_FAILED', 'ATTEMPT_FAILED', 'DEAD_LETTERED']);

  // /refuses: a 4xx other than 429 will not get better by retrying.
  expect(byFormat.TEAMS).toMatchObject({ status: 'DEAD_LETTER', attempts: 1 });
  expect(byFormat.TEAMS.lastError).toMatch(/webhook answered 400/);
  expect(receiver.at('/refuses')).toHaveLength(1);

  // Dead letters are visible in the list, and can be queued again once the receiver is fixed.
  const dead = await listNotifications(s, 'viewer', { status: ['DEAD_LETTER'], ruleId });
  expect(dead).toHaveLength(2);
  receiver.script('/down', [200]);
  const retried = await s.gql('analyst', 'mutation($id: ID!) { retryNotification(id: $id) { id status attempts } }', { id: byFormat.SLACK.id });
  expect(retried.body.data.retryNotification).toMatchObject({ status: 'QUEUED', attempts: 0 });
  const again = await eventually(async () => {
    const [row] = await listNotifications(s, 'analyst', { ruleId, channel: ['WEBHOOK'], status: ['SENT'] }).then((rows) => rows.filter((n) => n.id === byFormat.SLACK.id));
    return row;
  }, 'the retried webhook sent');
  expect(again.deliveryEvents.map((e: { type: string }) => e.type).slice(-2)).toEqual(['REQUEUED', 'SENT']);
  const viewerRetry = await s.gql('viewer', 'mutation($id: ID!) { retryNotification(id: $id) { id } }', { id: byFormat.TEAMS.id });
  expect(viewerRetry.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

test('a restart in the middle of deliveries sends nothing twice and loses nothing', async () => {
  receiver.delayMs = 150;
  const ruleId = await ruleFor('UNDETERMINED', [{ url: `${receiver.url}/restart`, format: 'GENERIC', secretRef: `env:${SECRET_VAR}` }]);
  const first = Array.from({ length: 6 }, () => analysisCompleted({ classification: 'UNDETERMINED' }));
  const second = Array.from({ length: 4 }, () => analysisCompleted({ classification: 'UNDETERMINED' }));
  for (const event of first) await s.publish('analysis', event);
  await s.drain();
  // Deliveries are in flight (the receiver answers slowly): stop and start the service, as a deploy would.
  await s.stack.restart('notifications');
  for (const event of second) await s.publish('analysis', event);
  await s.drain();
  const rows = await eventually(async () => {
    const all = await byRule(ruleId);
    return all.length === 10 && all.every((n) => n.status === 'SENT') ? all : undefined;
  }, 'ten webhooks sent across the restart', 30_000);
  receiver.delayMs = 0;
  const posts = receiver.at('/restart');
  const deliveries = posts.map((post) => post.headers['x-soc-delivery']);
  expect(new Set(deliveries).size).toBe(10);
  expect(deliveries).toHaveLength(10);
  expect(new Set(rows.map((n) => n.trigger.eventId))).toEqual(new Set([...first, ...second].map((e) => e.id)));
});

test('two replicas working the same queue send each notification once', async () => {
  // A second replica of the service on the same database: its worker competes for the same notifications.
  const replica = await startSubgraph(notificationsSubgraph, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MONGODB_URI: process.env.MONGODB_URI!,
    MONGODB_DB_PREFIX: s.stack.dbPrefix,
    INTERNAL_TOKEN_PUBLIC_KEY: s.stack.internalKeys.publicKeyPem,
    NOTIFICATIONS_PORT: '0',
    ...FAST_DELIVERY_ENV,
  });
  try {
    receiver.delayMs = 30;
    const ruleId = await ruleFor('FALSE_POSITIVE', [{ url: `${receiver.url}/replicas`, format: 'GENERIC', secretRef: `env:${SECRET_VAR}` }]);
    const events = Array.from({ length: 16 }, () => analysisCompleted({ classification: 'FALSE_POSITIVE' }));
    for (const event of events) await s.publish('analysis', event);
    await s.drain();
    await eventually(async () => {
      const rows = await listNotifications(s, 'analyst', { ruleId });
      return rows.length === 16 && rows.every((n) => n.status === 'SENT') ? rows : undefined;
    }, 'sixteen webhooks sent by two replicas', 30_000);
    const deliveries = receiver.at('/replicas').map((post) => post.headers['x-soc-delivery']);
    expect(deliveries).toHaveLength(16);
    expect(new Set(deliveries).size).toBe(16);
  } finally {
    receiver.delayMs = 0;
    await replica.stop();
  }
});
