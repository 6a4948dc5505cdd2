import { randomBytes } from 'node:crypto';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { FakeSendGrid } from './fakes/fakeSendGrid';
import { SendGridEventSigner, sendGridWebhookEndpoint } from './fakes/sendgridEventPoster';
import { analysisCompleted, createRule, eventually, listNotifications, startNotificationsStack, type NotificationsTestStack } from './support/notificationsStack';

const KEY = 'SG.event-webhook-test';
const signer = new SendGridEventSigner();
const otherSigner = new SendGridEventSigner();
let s: NotificationsTestStack;
let sendgrid: FakeSendGrid;
let endpoint: Awaited<ReturnType<typeof sendGridWebhookEndpoint>>;
const sent: Record<string, { id: string; messageId: string }> = {};

beforeAll(async () => {
  process.env.TEST_SG_KEY_EVENTS = KEY;
  sendgrid = await new FakeSendGrid([KEY]).start();
  s = await startNotificationsStack({
    email: { contoso: { transport: 'sendgrid', from: 'soc@contoso.example', sendgridApiKey: 'env:TEST_SG_KEY_EVENTS', sendgridWebhookPublicKey: signer.publicKeyBase64 } },
    env: { SENDGRID_API_URL: sendgrid.url },
  });
  endpoint = await sendGridWebhookEndpoint(s.stack);
  // Four mails through SendGrid, to have real message ids and notifications to report on.
  const recipients = ['delivered@contoso.example', 'opened@contoso.example', 'bounced@contoso.example', 'async-bounce@contoso.example'];
  const ruleId = await createRule(s, { name: 'Reports', match: { eventTypes: ['ANALYSIS_COMPLETED'] }, email: { to: recipients } });
  await s.publish('analysis', analysisCompleted());
  await s.drain();
  const rows = await eventually(async () => {
    const all = await listNotifications(s, 'analyst', { ruleId });
    return all.length === 4 && all.every((n) => n.status === 'SENT') ? all : undefined;
  }, 'four mails sent');
  for (const row of rows) sent[row.recipient.split('@')[0]] = { id: row.id, messageId: row.providerMessageId };
}, 120_000);

afterAll(async () => {
  await endpoint?.close();
  await s?.stop();
  await sendgrid?.stop();
  delete process.env.TEST_SG_KEY_EVENTS;
});

/** An event as SendGrid posts it: its own fields plus the message's custom args at the top level. */
function sgEvent(who: string, event: string, extra: Record<string, unknown> = {}, customArgs = true) {
  const { id, messageId } = sent[who]!;
  return {
    email: `${who}@contoso.example`,
    timestamp: Math.floor(Date.now() / 1000),
    'smtp-id': `<${messageId}@ismtpd-test>`,
    event,
    category: ['soc-notification'],
    sg_event_id: randomBytes(16).toString('base64url'),
    sg_message_id: `${messageId}.filterdrecv-5bf99c48d-abcde-1-64B4F8C1-4.0`,
    ...(customArgs ? { soc_notification_id: id, soc_tenant_id: 'contoso' } : {}),
    ...extra,
  };
}

const statusOf = async (who: string) => (await s.gql('analyst', `query($id: ID!) { notification(id: $id) { status lastError deliveredAt openedAt deliveryEvents { type providerEvent detail } } }`, { id: sent[who]!.id })).body.data.notification;

test('a signed batch is accepted and moves statuses forward: delivered, opened, bounced (also by message id alone)', async () => {
  const events = [
    // SendGrid timestamps are whole seconds; these three happened a second apart.
    sgEvent('delivered', 'processed', { timestamp: Math.floor(Date.now() / 1000) + 1 }),
    sgEvent('delivered', 'deferred', { response: '400 try again later', attempt: '1', timestamp: Math.floor(Date.now() / 1000) + 2 }),
    sgEvent('delivered', 'delivered', { response: '250 OK', timestamp: Math.floor(Date.now() / 1000) + 3 }),
    sgEvent('opened', 'delivered', { response: '250 OK' }),
    sgEvent('opened', 'open', { useragent: 'Mozilla/5.0', ip: '203.0.113.9' }),
    sgEvent('bounced', 'bounce', { type: 'bounce', status: '5.1.1', reason: '550 5.1.1 The email account that you tried to reach does not exist' }),
    // An asynchronous bounce carries no custom args: the message id finds the notification.
    sgEvent('async-bounce', 'dropped', { reason: 'Bounced Address' }, false),
    { email: 'someone@contoso.example', timestamp: 1, event: 'delivered', sg_event_id: 'unrelated', sg_message_id: 'not-ours.filter' },
  ];
  const body = `${JSON.stringify(events)}\r\n`;
  const signed = signer.sign(body);
  // The signature is the one SendGrid's own SDK accepts.
  const sdk = new EventWebhook();
  expect(sdk.verifySignature(sdk.convertPublicKeyToECDSA(signer.publicKeyBase64), body, signed.signature, signed.timestamp)).toBe(true);

  const answer = await endpoint.post('contoso', { body, ...signed });
  expect(answer).toEqual({ status: 200, body: { received: 8, applied: 7, unmatched: 1, invalid: 0 } });

  const delivered = await statusOf('delivered');
  expect(delivered).toMatchObject({ status: 'DELIVERED', deliveredAt: expect.any(String) });
  expect(delivered.deliveryEvents.map((e: { type: string }) => e.type)).toEqual(['SENT', 'PROCESSED', 'DEFERRED', 'DELIVERED']);
  expect(await statusOf('opened')).toMatchObject({ status: 'OPENED', openedAt: expect.any(String) });
  const bounced = await statusOf('bounced');
  expect(bounced.status).toBe('BOUNCED');
  expect(bounced.lastError).toBe('bounce: bounce 5.1.1 550 5.1.1 The email account that you tried to reach does not exist');
  expect(await statusOf('async-bounce')).toMatchObject({ status: 'BOUNCED', lastError: 'dropped: Bounced Address' });

  // A late "delivered" after the open does not take the status back.
  const late = JSON.stringify([sgEvent('opened', 'delivered', { response: '250 OK' })]);
  expect((await endpoint.post('contoso', { body: late, ...signer.sign(late) })).status).toBe(200);
  expect((await statusOf('opened')).status).toBe('OPENED');

  // Each status change is published as notification.status in the service's outbox.
  const outbox = (await s.stack.database('notifications')).collection('outbox');
  const published = await outbox.find({ type: 'notification.status', 'payload.notificationId': sent.delivered!.id }).toArray();
  expect(published.map((e) => e.payload.status).sort()).toEqual(['DELIVERED', 'QUEUED', 'SENT']);
});

test('unsigned, tampered, foreign-key, stale and replayed posts are refused and change nothing', async () => {
  const body = JSON.stringify([sgEvent('delivered', 'spamreport')]);
  const valid = signer.sign(body);
  const before = await statusOf('delivered');

  const unsigned = await endpoint.post('contoso', { body });
  expect(unsigned.status).toBe(401);
  expect(unsigned.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  expect((await endpoint.post('contoso', { body, timestamp: valid.timestamp })).status).toBe(401);

  const tampered = body.replace('spamreport', 'unsubscribe');
  const refused = await endpoint.post('contoso', { body: tampered, ...valid });
  expect(refused.status).toBe(401);
  expect(refused.body.errors[0].message).toMatch(/Signature does not match/);

  expect((await endpoint.post('contoso', { body, ...otherSigner.sign(body) })).status).toBe(401);
  expect((await endpoint.post('contoso', { body, signature: 'not base64!', timestamp: valid.timestamp })).status).toBe(401);
  const stale = signer.sign(body, String(Math.floor(Date.now() / 1000) - 3600));
  const staleAnswer = await endpoint.post('contoso', { body, ...stale });
  expect(staleAnswer.status).toBe(401);
  expect(staleAnswer.body.errors[0].message).toMatch(/at most 300 s/);
  // A tenant without a verification key accepts no SendGrid events at all.
  expect((await endpoint.post('fabrikam', { body, ...valid })).status).toBe(401);
  expect(await statusOf('delivered')).toEqual(before);

  expect((await endpoint.post('contoso', { body, ...valid })).status).toBe(200);
  const replay = await endpoint.post('contoso', { body, ...valid });
  expect(replay.status).toBe(409);
  expect(replay.body.errors[0].extensions.code).toBe('CONFLICT');
  const after = await statusOf('delivered');
  expect(after.deliveryEvents.filter((e: { type: string }) => e.type === 'SPAM_REPORT')).toHaveLength(1);
});
