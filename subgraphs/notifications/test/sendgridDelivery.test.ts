import { FakeSendGrid } from './fakes/fakeSendGrid';
import { analysisCompleted, createRule, eventually, listNotifications, startNotificationsStack, type NotificationsTestStack } from './support/notificationsStack';

const CONTOSO_KEY = 'SG.contoso-test-key';
let s: NotificationsTestStack;
let sendgrid: FakeSendGrid;

beforeAll(async () => {
  process.env.TEST_SG_KEY_CONTOSO = CONTOSO_KEY;
  process.env.TEST_SG_KEY_FABRIKAM = 'SG.revoked-key';
  sendgrid = await new FakeSendGrid([CONTOSO_KEY]).start();
  s = await startNotificationsStack({
    email: {
      contoso: { transport: 'sendgrid', from: 'soc@contoso.example', fromName: 'Contoso SOC', sendgridApiKey: 'env:TEST_SG_KEY_CONTOSO' },
      fabrikam: { transport: 'sendgrid', from: 'soc@fabrikam.example', sendgridApiKey: 'env:TEST_SG_KEY_FABRIKAM' },
    },
    env: { SENDGRID_API_URL: sendgrid.url },
  });
});

afterAll(async () => {
  await s?.stop();
  await sendgrid?.stop();
  delete process.env.TEST_SG_KEY_CONTOSO;
  delete process.env.TEST_SG_KEY_FABRIKAM;
});

const settled = (rows: any[]) => rows.every((n) => ['SENT', 'DEAD_LETTER'].includes(n.status));

test('mail goes through @sendgrid/mail as a v3 Mail Send request: personalizations, from, subject, both parts, custom args', async () => {
  const ruleId = await createRule(s, { name: 'SendGrid TP', match: { eventTypes: ['ANALYSIS_COMPLETED'], classifications: ['TRUE_POSITIVE'] }, email: { to: ['soc-list@contoso.example'] } });
  const event = analysisCompleted({ title: 'Invoice <img src=x onerror=alert(1)> from "CFO"' });
  await s.publish('analysis', event);
  await s.drain();
  const [notification] = await eventually(async () => {
    const rows = await listNotifications(s, 'analyst', { ruleId });
    return rows.length === 1 && rows[0].status === 'SENT' ? rows : undefined;
  }, 'the mail sent');

  const [request] = sendgrid.to('soc-list@contoso.example');
  expect(request!.headers.authorization).toBe(`Bearer ${CONTOSO_KEY}`);
  expect(request!.headers['content-type']).toMatch(/^application\/json/);
  const body = request!.body;
  expect(body.personalizations).toEqual([{ to: [{ email: 'soc-list@contoso.example' }] }]);
  expect(body.from).toEqual({ email: 'soc@contoso.example', name: 'Contoso SOC' });
  expect(body.subject).toBe(notification.subject);
  expect(body.subject).toMatch(/^\[SOC\] \[HIGH\] Incident #\d+: Invoice <img src=x onerror=alert\(1\)> from "CFO" \(Analysis completed: TRUE_POSITIVE\)$/);
  expect(body.content!.map((c) => c.type)).toEqual(['text/plain', 'text/html']);
  expect(body.content![0]!.value).toContain('Recommended actions');
  expect(body.content![1]!.value).toContain('Invoice &lt;img src=x onerror=alert(1)&gt; from &quot;CFO&quot;');
  expect(body.content![1]!.value).not.toMatch(/<img|<script/i);
  expect(body.custom_args).toEqual({ soc_notification_id: notification.id, soc_tenant_id: 'contoso' });
  // The key never leaves the Authorization header.
  expect(JSON.stringify(body)).not.toContain(CONTOSO_KEY);

  expect(notification).toMatchObject({ transport: 'SENDGRID', providerMessageId: request!.messageId, attempts: 1, lastError: null });
  const viaApi = await s.gql('viewer', `query($id: ID!) { notification(id: $id) { outboxMail { id } deliveryEvents { type detail } } }`, { id: notification.id });
  expect(viaApi.body.data.notification.outboxMail).toBeNull();
  expect(viaApi.body.data.notification.deliveryEvents).toEqual([{ type: 'SENT', detail: `sendgrid accepted it as ${request!.messageId}` }]);
});

test('400 and 401 are not retried; 429 and 500 are, with backoff, until SENT or DEAD_LETTER', async () => {
  sendgrid.script('rejected@contoso.example', [400]);
  sendgrid.script('flaky@contoso.example', [500, 500, 202]);
  sendgrid.script('throttled@contoso.example', [429, 202]);
  sendgrid.script('down@contoso.example', [500]);
  const recipients = ['rejected@contoso.example', 'flaky@contoso.example', 'throttled@contoso.example', 'down@contoso.example'];
  const ruleId = await createRule(s, { name: 'SendGrid errors', match: { eventTypes: ['ANALYSIS_COMPLETED'], classifications: ['BENIGN_POSITIVE'] }, email: { to: recipients } });
  await s.publish('analysis', analysisCompleted({ classification: 'BENIGN_POSITIVE' }));
  await s.drain();
  const rows = await eventually(async () => {
    const all = await listNotifications(s, 'analyst', { ruleId });
    return all.length === 4 && settled(all) ? all : undefined;
  }, 'every mail settled', 30_000);
  const by = Object.fromEntries(rows.map((n) => [n.recipient, n]));

  expect(by['rejected@contoso.example']).toMatchObject({ status: 'DEAD_LETTER', attempts: 1 });
  expect(by['rejected@contoso.example'].lastError).toBe('SendGrid answered 400: Does not contain a valid address. (personalizations.0.to.0.email)');
  expect(sendgrid.to('rejected@contoso.example')).toHaveLength(1);

  expect(by['flaky@contoso.example']).toMatchObject({ status: 'SENT', attempts: 3, lastError: null });
  expect(sendgrid.to('flaky@contoso.example').map((r) => r.status)).toEqual([500, 500, 202]);
  expect(by['flaky@contoso.example'].deliveryEvents.map((e: { type: string; detail: string }) => [e.type, e.detail])).toEqual([
    ['ATTEMPT_FAILED', 'SendGrid answered 500: Internal server error'],
    ['ATTEMPT_FAILED', 'SendGrid answered 500: Internal server error'],
    ['SENT', expect.stringMatching(/^sendgrid accepted it as /)],
  ]);

  // 429: the next attempt waits for SendGrid's X-RateLimit-Reset, not just the (short) backoff.
  const throttled = sendgrid.to('throttled@contoso.example');
  expect(throttled.map((r) => r.status)).toEqual([429, 202]);
  expect(by['throttled@contoso.example']).toMatchObject({ status: 'SENT', attempts: 2 });
  const [limited, retried] = by['throttled@contoso.example'].deliveryEvents;
  expect(limited.detail).toBe('SendGrid answered 429: too many requests');
  expect(new Date(retried.at).getTime() - new Date(limited.at).getTime()).toBeGreaterThanOrEqual(300);

  expect(by['down@contoso.example']).toMatchObject({ status: 'DEAD_LETTER', attempts: 3, nextAttemptAt: null });
  expect(by['down@contoso.example'].lastError).toBe('SendGrid answered 500: Internal server error (gave up after 3 attempts)');
  expect(sendgrid.to('down@contoso.example')).toHaveLength(3);

  // Dead letters are listed with their reasons.
  const dead = await listNotifications(s, 'viewer', { ruleId, status: ['DEAD_LETTER'] });
  expect(dead.map((n) => n.recipient).sort()).toEqual(['down@contoso.example', 'rejected@contoso.example']);
});

test('a revoked API key (401) dead-letters at once with SendGrid\'s reason', async () => {
  const rule = await s.gql(
    'admin',
    `mutation($input: NotificationRuleInput!) { createNotificationRule(input: $input) { id } }`,
    { input: { name: 'Fabrikam SendGrid', match: { eventTypes: ['ANALYSIS_COMPLETED'] }, email: { to: ['soc@fabrikam.example'] } } },
    'fabrikam',
  );
  const ruleId = rule.body.data.createNotificationRule.id;
  await s.publish('analysis', analysisCompleted({ tenantId: 'fabrikam' }));
  await s.drain();
  const [row] = await eventually(async () => {
    const rows = await listNotifications(s, 'fabrikamAnalyst', { ruleId });
    return rows.length === 1 && rows[0].status === 'DEAD_LETTER' ? rows : undefined;
  }, 'the fabrikam mail dead-lettered');
  expect(row).toMatchObject({ attempts: 1, lastError: 'SendGrid answered 401: The provided authorization grant is invalid, expired, or revoked' });
  expect(row.lastError).not.toContain('revoked-key');
});
