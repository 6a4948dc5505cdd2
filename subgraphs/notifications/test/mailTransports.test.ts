import { FakeSmtpServer } from './fakes/fakeSmtpServer';
import { analysisCompleted, createRule, eventually, listNotifications, startNotificationsStack, type NotificationsTestStack } from './support/notificationsStack';

/** contoso keeps mail in the embedded outbox, at most 3 a minute; fabrikam sends over SMTP. */
let s: NotificationsTestStack;
let smtp: FakeSmtpServer;

beforeAll(async () => {
  smtp = await new FakeSmtpServer().start();
  process.env.TEST_SMTP_URL_FABRIKAM = `smtp://127.0.0.1:${smtp.port}`;
  s = await startNotificationsStack({
    email: {
      contoso: { transport: 'outbox', from: 'soc@contoso.example', mailPerMinute: 3 },
      fabrikam: { transport: 'smtp', from: 'soc@fabrikam.example', fromName: 'Fabrikam SOC', smtpUrl: 'env:TEST_SMTP_URL_FABRIKAM' },
    },
  });
});

afterAll(async () => {
  await s?.stop();
  await smtp?.stop();
  delete process.env.TEST_SMTP_URL_FABRIKAM;
});

test('SMTP through nodemailer: both parts sent; a 550 for the recipient is not retried', async () => {
  smtp.reject.add('gone@fabrikam.example');
  const created = await s.gql(
    'admin',
    `mutation($input: NotificationRuleInput!) { createNotificationRule(input: $input) { id } }`,
    { input: { name: 'SMTP', match: { eventTypes: ['ANALYSIS_COMPLETED'] }, email: { to: ['soc@fabrikam.example', 'gone@fabrikam.example'] } } },
    'fabrikam',
  );
  const ruleId = created.body.data.createNotificationRule.id;
  await s.publish('analysis', analysisCompleted({ tenantId: 'fabrikam', title: 'Token theft <b>bold</b>' }));
  await s.drain();
  const rows = await eventually(async () => {
    const all = await listNotifications(s, 'fabrikamAnalyst', { ruleId });
    return all.length === 2 && all.every((n) => ['SENT', 'DEAD_LETTER'].includes(n.status)) ? all : undefined;
  }, 'both mails settled');
  const by = Object.fromEntries(rows.map((n) => [n.recipient, n]));
  expect(by['soc@fabrikam.example']).toMatchObject({ status: 'SENT', transport: 'SMTP', attempts: 1, providerMessageId: expect.stringMatching(/^<.+>$/) });
  expect(by['gone@fabrikam.example']).toMatchObject({ status: 'DEAD_LETTER', attempts: 1 });
  expect(by['gone@fabrikam.example'].lastError).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+ answered 550: .*User unknown/);

  const [mail] = smtp.received;
  expect(mail!.from).toBe('soc@fabrikam.example');
  expect(mail!.to).toEqual(['soc@fabrikam.example']);
  expect(mail!.data).toMatch(/^From: Fabrikam SOC <soc@fabrikam\.example>$/m);
  expect(mail!.data).toMatch(/^X-SOC-Notification-Id: [0-9a-f]{24}$/im);
  expect(mail!.data).toMatch(/Content-Type: multipart\/alternative/);
  expect(mail!.data).toMatch(/Content-Type: text\/plain/);
  expect(mail!.data).toMatch(/Content-Type: text\/html/);
  expect(mail!.data).toContain('&lt;b&gt;bold&lt;/b&gt;'); // escaped in the HTML part
});

test('over the tenant\'s mail rate, mail waits for the next minute instead of being dropped', async () => {
  const ruleId = await createRule(s, {
    name: 'Rate limited',
    match: { eventTypes: ['ANALYSIS_COMPLETED'] },
    email: { to: ['a@contoso.example', 'b@contoso.example', 'c@contoso.example', 'd@contoso.example', 'e@contoso.example'] },
  });
  await s.publish('analysis', analysisCompleted());
  await s.drain();
  const first = await eventually(async () => {
    const rows = await listNotifications(s, 'analyst', { ruleId });
    const sent = rows.filter((n) => n.status === 'SENT');
    // Deferred, and the notification itself updated (it is written after its delivery event).
    const waiting = rows.filter((n) =>
      n.status === 'QUEUED' &&
      n.deliveryEvents.some((e: { type: string; at: string }) => e.type === 'RATE_LIMITED' && new Date(n.nextAttemptAt).getTime() > new Date(e.at).getTime()),
    );
    return rows.length === 5 && sent.length + waiting.length === 5 ? { sent, waiting } : undefined;
  }, 'the first window used up');
  // At most 3 in this minute (fewer when the minute turned meanwhile); the rest wait, unattempted.
  expect(first.sent.length).toBeLessThanOrEqual(3);
  expect(first.waiting.length).toBeGreaterThanOrEqual(2);
  for (const row of first.waiting) {
    expect(row.attempts).toBe(0);
    expect(new Date(row.nextAttemptAt).getTime() % 60_000).toBeLessThan(5_000); // the start of a coming minute, plus jitter
  }
  const all = await eventually(async () => {
    const rows = await listNotifications(s, 'analyst', { ruleId });
    return rows.every((n) => n.status === 'SENT') ? rows : undefined;
  }, 'every mail sent in the next window', 90_000);
  expect(all.map((n) => n.attempts)).toEqual([1, 1, 1, 1, 1]);
  const outbox = await s.gql('analyst', '{ mailOutbox(first: 50) { edges { node { to } } } }');
  const stored = outbox.body.data.mailOutbox.edges.map((e: { node: { to: string } }) => e.node.to).filter((to: string) => /^[a-e]@/.test(to));
  expect(stored.sort()).toEqual(['a@contoso.example', 'b@contoso.example', 'c@contoso.example', 'd@contoso.example', 'e@contoso.example']);
}, 150_000);
