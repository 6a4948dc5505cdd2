import mongoose from 'mongoose';
import { WebhookReceiver } from './fakes/webhookReceiver';
import {
  analysisCompleted,
  createRule,
  CREATE_RULE,
  eventually,
  incidentUpdated,
  listNotifications,
  startNotificationsStack,
  type NotificationsTestStack,
} from './support/notificationsStack';

const SECRET_VAR = 'TEST_RULES_HOOK_SECRET';
let s: NotificationsTestStack;
let receiver: WebhookReceiver;

beforeAll(async () => {
  process.env[SECRET_VAR] = 'rules-hook-secret';
  receiver = await new WebhookReceiver('rules-hook-secret').start();
  s = await startNotificationsStack();
});

afterAll(async () => {
  await s?.stop();
  await receiver?.stop();
  delete process.env[SECRET_VAR];
});

const RULES = `{ notificationRules { id name enabled email { to toIncidentOwner } webhooks { url format secretRef } } }`;

test('only tenant admins manage rules; analysts and viewers read them', async () => {
  const input = { name: 'Everything high', match: { eventTypes: ['INCIDENT_CREATED'], severities: ['HIGH'] }, email: { to: ['soc@contoso.example'] } };
  for (const who of ['viewer', 'analyst'] as const) {
    const refused = await s.gql(who, CREATE_RULE, { input });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
  const id = await createRule(s, { ...input, webhooks: [{ url: 'https://hooks.slack.com/services/T000/B000/XXXX', format: 'SLACK' }] });
  const asViewer = await s.gql('viewer', RULES);
  const rule = asViewer.body.data.notificationRules.find((r: { id: string }) => r.id === id);
  // Incoming-webhook URLs are credentials: only admins see them whole.
  expect(rule.webhooks[0].url).toBe('https://hooks.slack.com/…');
  const asAdmin = await s.gql('admin', RULES);
  expect(asAdmin.body.data.notificationRules.find((r: { id: string }) => r.id === id).webhooks[0].url).toBe('https://hooks.slack.com/services/T000/B000/XXXX');
  const deleted = await s.gql('admin', 'mutation($id: ID!) { deleteNotificationRule(id: $id) }', { id });
  expect(deleted.body.data.deleteNotificationRule).toBe(id);
});

test('invalid rules are refused with BAD_USER_INPUT naming the field, and change nothing', async () => {
  const before = (await s.gql('admin', RULES)).body.data.notificationRules;
  const valid = { name: 'Valid', match: { eventTypes: ['ANALYSIS_COMPLETED'] }, email: { to: ['soc@contoso.example'] } };
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ ...valid, email: { to: ['soc@contoso.example', 'not an address'] } }, 'input.email.to[1]'],
    [{ ...valid, match: { eventTypes: ['INCIDENT_UPDATED'], minConfidence: 0.9 } }, 'input.match.minConfidence'],
    [{ ...valid, match: { eventTypes: ['ANALYSIS_COMPLETED'], minConfidence: 1.5 } }, 'input.match.minConfidence'],
    [{ ...valid, match: { eventTypes: ['ANALYSIS_COMPLETED'], statusTransitions: [{ to: 'CLOSED' }] } }, 'input.match.statusTransitions'],
    [{ ...valid, match: { eventTypes: [] } }, 'input.match.eventTypes'],
    [{ ...valid, email: null, webhooks: [{ url: 'http://teams.example/hook' }] }, 'input.webhooks[0].url'],
    [{ ...valid, email: null, webhooks: [{ url: 'ftp://files.example/drop' }] }, 'input.webhooks[0].url'],
    [{ ...valid, email: null, webhooks: [{ url: 'https://hooks.example/x', secretRef: 'hunter2' }] }, 'input.webhooks[0].secretRef'],
    [{ ...valid, email: null }, 'input.email'],
    [{ ...valid, email: { to: [] } }, 'input.email'],
    [{ ...valid, name: '   ' }, 'input.name'],
  ];
  for (const [input, field] of cases) {
    const result = await s.gql('admin', CREATE_RULE, { input });
    expect({ field, error: result.body.errors?.[0]?.extensions }).toEqual({ field, error: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });
    expect(result.body.errors?.[0]?.message).toContain(field.replace(/\[\d+\]$/, ''));
  }
  const id = await createRule(s, valid);
  const update = await s.gql('admin', 'mutation($id: ID!, $input: UpdateNotificationRuleInput!) { updateNotificationRule(id: $id, input: $input) { id } }', {
    id,
    input: { name: 'Renamed', email: { to: ['still-valid@contoso.example', 'broken@'] } },
  });
  expect(update.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email.to[1]' });
  const after = (await s.gql('admin', RULES)).body.data.notificationRules;
  expect(after).toHaveLength(before.length + 1);
  expect(after.find((r: { id: string }) => r.id === id)).toMatchObject({ name: 'Valid', email: { to: ['soc@contoso.example'], toIncidentOwner: false } });
  await s.gql('admin', 'mutation($id: ID!) { deleteNotificationRule(id: $id) }', { id });
});

test('matching, non-matching and repeated events produce exactly the expected notifications', async () => {
  const tpHigh = await createRule(s, {
    name: 'True positive, high',
    match: { eventTypes: ['ANALYSIS_COMPLETED'], classifications: ['TRUE_POSITIVE'], severities: ['HIGH'], minConfidence: 0.8 },
    email: { to: ['SOC-List@Contoso.example', 'soc-list@contoso.example'] },
    webhooks: [{ url: `${receiver.url}/rules`, format: 'GENERIC', secretRef: `env:${SECRET_VAR}` }],
  });
  const closed = await createRule(s, {
    name: 'Any incident closed',
    match: { eventTypes: ['INCIDENT_UPDATED'], statusTransitions: [{ to: 'CLOSED' }] },
    email: { toIncidentOwner: true },
  });
  await createRule(s, { name: 'Disabled', enabled: false, match: { eventTypes: ['ANALYSIS_COMPLETED'] }, email: { to: ['never@contoso.example'] } });

  const match = analysisCompleted({ title: 'Phish <script>alert(1)</script>' });
  const falsePositive = analysisCompleted({ classification: 'FALSE_POSITIVE' });
  const low = analysisCompleted({ severity: 'LOW' });
  const unsure = analysisCompleted({ confidence: 0.5 });
  const foreign = analysisCompleted({ tenantId: 'fabrikam' });
  const closing = incidentUpdated({ ownerEmail: 'Owner@Contoso.example' });
  const notClosing = incidentUpdated({ status: 'ACTIVE', previousStatus: 'ACTIVE', changedFields: ['severity'] });
  const unowned = incidentUpdated({ ownerEmail: null });
  for (const event of [match, falsePositive, low, unsure, foreign]) await s.publish('analysis', event);
  for (const event of [closing, notClosing, unowned]) await s.publish('incidents', event);
  await s.publish('analysis', match); // recorded twice: the outbox keeps one
  await s.drain();

  const expected = [
    { channel: 'EMAIL', recipient: 'soc-list@contoso.example', eventId: match.id, ruleId: tpHigh },
    { channel: 'WEBHOOK', recipient: receiver.url.replace(/\/$/, '') + '/…', eventId: match.id, ruleId: tpHigh },
    { channel: 'EMAIL', recipient: 'owner@contoso.example', eventId: closing.id, ruleId: closed },
  ];
  const order = <T extends { eventId: string; channel: string }>(rows: T[]) => [...rows].sort((a, b) => `${a.eventId}${a.channel}`.localeCompare(`${b.eventId}${b.channel}`));
  const summary = (rows: any[]) => order(rows.map((n) => ({ channel: n.channel, recipient: n.recipient, eventId: n.trigger.eventId, ruleId: n.rule?.id })));
  expect(summary(await listNotifications(s))).toEqual(order(expected));

  // The same event handled again (as after a crash before the consumer recorded it): nothing new.
  const notificationsDb = await s.stack.database('notifications');
  await notificationsDb.collection('processed_events').deleteMany({ eventId: { $in: [match.id, closing.id] } });
  await s.drain();
  expect(await notificationsDb.collection('processed_events').countDocuments({ eventId: match.id, status: 'DONE' })).toBe(1);
  const all = await listNotifications(s);
  expect(summary(all)).toEqual(order(expected));

  // Delivered once each: mail to the outbox, the webhook to the receiver with a valid signature.
  const sent = await eventually(async () => {
    const rows = await listNotifications(s);
    if (rows.some((n) => n.status !== 'SENT')) throw new Error(JSON.stringify(rows.map((n) => [n.status, n.attempts, n.lastError, n.nextAttemptAt])));
    return rows;
  }, 'every notification sent');
  expect(sent.every((n) => n.attempts === 1)).toBe(true);
  const posts = receiver.at('/rules');
  expect(posts).toHaveLength(1);
  expect(posts[0]!.signatureValid).toBe(true);
  const webhook = sent.find((n) => n.channel === 'WEBHOOK');
  expect(posts[0]!.headers['x-soc-delivery']).toBe(webhook.id);
  expect(JSON.parse(posts[0]!.body)).toMatchObject({ type: 'soc.notification', notificationId: webhook.id, event: { id: match.id, type: 'analysis.completed' }, rule: { id: tpHigh, name: 'True positive, high' } });

  const mail = sent.find((n) => n.recipient === 'soc-list@contoso.example');
  expect(mail).toMatchObject({ transport: 'OUTBOX', trigger: { kind: 'RULE', eventType: 'analysis.completed', ruleName: 'True positive, high' } });
  expect(mail.deliveryEvents.map((e: { type: string }) => e.type)).toEqual(['SENT']);
  const outbox = await s.gql('analyst', `{ mailOutbox(first: 50) { totalCount edges { node { id to from subject text html notification { id } } } } }`);
  const stored = outbox.body.data.mailOutbox.edges.map((e: { node: any }) => e.node).find((m: any) => m.id === mail.id);
  expect(stored).toMatchObject({ to: 'soc-list@contoso.example', from: 'soc@contoso.example', notification: { id: mail.id } });
  expect(stored.subject).toContain('Phish <script>alert(1)</script>'); // a subject is text, not markup
  expect(stored.html).toContain('Phish &lt;script&gt;alert(1)&lt;/script&gt;');
  expect(stored.html).not.toContain('<script>');
  expect(stored.text).toContain('Verdict: TRUE_POSITIVE (92% confidence)');

  // Other tenants see none of it.
  expect(await listNotifications(s, 'fabrikamAnalyst')).toEqual([]);
});

test('a notification is visible on its incident and in the filtered list', async () => {
  const incidentId = new mongoose.Types.ObjectId().toHexString();
  await createRule(s, { name: 'Failed analyses', match: { eventTypes: ['ANALYSIS_FAILED'] }, email: { to: ['oncall@contoso.example'] } });
  await s.publish('analysis', { id: `analysis.failed:${incidentId}`, type: 'analysis.failed', tenantId: 'contoso', payload: { incidentId, analysisId: incidentId, stage: 'VERDICT_GENERATOR', reason: 'model timed out' } });
  await s.drain();
  const rows = await listNotifications(s, 'viewer', { incidentId });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ recipient: 'oncall@contoso.example', incident: { id: incidentId }, trigger: { eventType: 'analysis.failed' } });
  expect(rows[0].subject).toContain('Analysis failed');
});
