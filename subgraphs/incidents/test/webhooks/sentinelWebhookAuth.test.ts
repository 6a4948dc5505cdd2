import { signWebhookBody } from '../../src/webhooks/webhookSignature';
import { graphql } from '../../../../test/support/client';
import { alertListRows, postWebhook, stixShifterAlertRow, type WebhookReply } from './webhookFixtures';
import { CONTOSO_SECRET, startWebhookStack, type WebhookStack } from './webhookStack';

/** Who may push through the webhook, and what a refused or invalid push leaves behind: nothing. */
let w: WebhookStack;
const now = () => Math.floor(Date.now() / 1000);
// stix-shifter's row has AlertSeverity "75", no Sentinel severity; with a real one it is a valid row of today's columns.
const signedAlert = JSON.stringify({ alerts: [{ ...stixShifterAlertRow(), AlertSeverity: 'Medium' }] });
const oneRow = JSON.stringify({ alerts: [alertListRows()[0]] });

beforeAll(async () => {
  w = await startWebhookStack();
});
afterAll(() => w?.stack.stop());

const post = (tenant: string, body: string | Buffer, headers: Record<string, string> = {}) => postWebhook(w.stack.gatewayUrl, tenant, body, headers);
const signed = (body: string, secret = CONTOSO_SECRET, t = now()) => ({ 'x-soc-signature': signWebhookBody(secret, body, t) });
const refusal = (reply: WebhookReply) => ({ status: reply.status, code: reply.body.errors?.[0]?.extensions?.code, message: reply.body.errors?.[0]?.message });

/** Runs a refused call and checks that contoso's incidents did not change. */
async function refused(call: () => Promise<WebhookReply>) {
  const before = await w.contosoIncidents();
  const reply = await call();
  expect(await w.contosoIncidents()).toBe(before);
  return refusal(reply);
}

test('a signed push is accepted, and replaying it changes nothing', async () => {
  const reply = await post('contoso', signedAlert, signed(signedAlert));
  expect(reply).toEqual({ status: 202, body: { received: 1, created: 1, updated: 0, unchanged: 0 } });
  expect((await post('contoso', signedAlert, signed(signedAlert))).body).toEqual({ received: 1, created: 0, updated: 0, unchanged: 1 });

  const { body } = await graphql<{ incidents: { edges: Array<{ node: Record<string, unknown> }> } }>(
    w.stack.gatewayUrl,
    '{ incidents { edges { node { title severity status source tactics providerName entities { kind name } timeline { source field } } } } }',
    {},
    { token: w.analyst },
  );
  expect(body.data!.incidents.edges.map((e) => e.node)).toEqual([
    {
      title: '[SAMPLE ALERT] Executable found running from a suspicious location',
      severity: 'MEDIUM',
      status: 'NEW',
      source: 'WEBHOOK',
      tactics: ['Execution'],
      providerName: 'Azure Security Center',
      entities: [
        { kind: 'Host', name: 'Sample-VM' },
        { kind: 'Account', name: 'SAMPLE-account' },
        { kind: 'Process', name: 'sample.exe' },
        { kind: 'File', name: 'sample.exe' },
        { kind: 'Process', name: '0x1038' },
      ],
      timeline: [{ source: 'WEBHOOK', field: 'created' }],
    },
  ]);
  // Accepted pushes are audited under the identity the gateway vouched for.
  const audit = await (await w.stack.database('incidents')).collection('audit_records').find({ fields: 'sentinelWebhook' }).toArray();
  expect(audit).toEqual([
    expect.objectContaining({ tenantId: 'contoso', actor: expect.objectContaining({ kind: 'service', id: 'sentinel-webhook' }), outcome: 'SUCCESS' }),
    expect.objectContaining({ tenantId: 'contoso', outcome: 'SUCCESS' }),
  ]);
});

test('tampered, wrongly keyed, stale, malformed and missing signatures are refused', async () => {
  const tampered = oneRow.replace('DC local group addition', 'DC local group removal');
  expect(await refused(() => post('contoso', tampered, signed(oneRow)))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/does not match the body/) });
  expect(await refused(() => post('contoso', oneRow, signed(oneRow, 'not-the-secret')))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/does not match the body/) });
  expect(await refused(() => post('contoso', oneRow, signed(oneRow, CONTOSO_SECRET, now() - 600)))).toEqual({
    status: 401,
    code: 'UNAUTHENTICATED',
    message: expect.stringMatching(/timestamp is 60\d s away from the server's clock; at most 300 s/),
  });
  expect(await refused(() => post('contoso', oneRow, signed(oneRow, CONTOSO_SECRET, now() + 600)))).toMatchObject({ status: 401 });
  expect(await refused(() => post('contoso', oneRow, { 'x-soc-signature': 'sha256=abc' }))).toEqual({ status: 400, code: 'BAD_REQUEST', message: expect.stringMatching(/malformed; expected x-soc-signature: t=/) });
  expect(await refused(() => post('contoso', oneRow))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/send x-api-key .* or x-soc-signature/) });
});

test('tenants without a webhook secret, or whose secret is not set, accept no signed push', async () => {
  expect(await refused(() => post('fabrikam', oneRow, signed(oneRow)))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/"fabrikam" does not accept signed webhooks/) });
  expect(await refused(() => post('nosuchtenant', oneRow, signed(oneRow)))).toMatchObject({ status: 401, message: expect.stringMatching(/does not accept signed webhooks/) });
  delete process.env.CONTOSO_WEBHOOK_SECRET;
  try {
    const reply = await refused(() => post('contoso', oneRow, signed(oneRow)));
    expect(reply).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: 'Signed webhooks of tenant "contoso" are unavailable: the webhook secret is not set on the server' });
    expect(reply.message).not.toContain('CONTOSO_WEBHOOK_SECRET');
  } finally {
    process.env.CONTOSO_WEBHOOK_SECRET = CONTOSO_SECRET;
  }
});

test("API keys: another tenant's key, a read-only key and an unknown key cannot push", async () => {
  expect(await refused(() => post('contoso', oneRow, { 'x-api-key': w.keys.fabrikamWriter }))).toEqual({ status: 403, code: 'FORBIDDEN', message: expect.stringMatching(/another tenant than "contoso"/) });
  expect(await refused(() => post('contoso', oneRow, { 'x-api-key': w.keys.contosoReader }))).toEqual({ status: 403, code: 'FORBIDDEN', message: 'Missing permission incidents:write in tenant contoso' });
  expect(await refused(() => post('contoso', oneRow, { 'x-api-key': 'soc_0000000000000000_nope' }))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: 'API key is invalid or revoked' });
  // A key is checked even when a signature comes with it.
  expect(await refused(() => post('contoso', oneRow, { 'x-api-key': w.keys.fabrikamWriter, ...signed(oneRow) }))).toMatchObject({ status: 403 });
  expect(await refused(() => post('Not_A_Tenant', oneRow, { 'x-api-key': w.keys.contosoWriter }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
});

test('invalid JSON or an invalid shape is refused with the problem, and nothing of the body is written', async () => {
  const key = { 'x-api-key': w.keys.contosoWriter };
  expect(await refused(() => post('contoso', '{"alerts": [', key))).toEqual({ status: 400, code: 'BAD_REQUEST', message: expect.stringMatching(/^Webhook body is not valid JSON/) });
  expect(await refused(() => post('contoso', '[]', key))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', message: expect.stringMatching(/must be a JSON object/) });
  expect(await refused(() => post('contoso', '{"value": []}', key))).toMatchObject({ status: 400, message: expect.stringMatching(/unknown body format/) });
  expect(await refused(() => post('contoso', '{"alerts": {}}', key))).toMatchObject({ status: 400, message: expect.stringMatching(/alerts: must be an array of SecurityAlert rows/) });

  // One good row among bad ones: all or nothing.
  const [good, base] = alertListRows().slice(5, 7);
  const mixed = JSON.stringify({
    alerts: [
      good,
      { ...base, Severity: 'Critical' },
      { ...base, SystemAlertId: undefined },
      { ...base, Entities: '[{"$id": "1", "Type": "account", "Name": "x", "Host": {"$ref": "9"}}]' },
      { ...base, TimeGenerated: 'yesterday' },
    ],
  });
  const reply = await post('contoso', mixed, key);
  expect(reply.status).toBe(400);
  expect(reply.body.errors?.[0]?.extensions?.problems).toEqual([
    { path: 'alerts.1.Severity', message: 'must be High, Medium, Low or Informational, not "Critical"' },
    { path: 'alerts.2.SystemAlertId', message: 'is required: the id the incident is keyed by' },
    { path: 'alerts.3.Entities', message: '"$ref": "9" names no entity of the alert (no such "$id")' },
    { path: 'alerts.4.TimeGenerated', message: 'is not a timestamp: "yesterday"' },
  ]);
  expect(reply.body.errors?.[0]?.message).toMatch(/^Invalid webhook body: alerts\.1\.Severity: must be .*Nothing was written\.$/);
  const stored = await (await w.stack.database('incidents')).collection('incidents').countDocuments({ sentinelId: good!.SystemAlertId });
  expect(stored).toBe(0);

  // The same through a signed push: the signature is fine, the body is not.
  const badIncident = JSON.stringify({ id: 'x', name: 'x', etag: '"1"', properties: { title: 'x', severity: 'Severe', status: 'Resolved' } });
  const incidentReply = await post('contoso', badIncident, signed(badIncident));
  expect(incidentReply.status).toBe(400);
  expect(incidentReply.body.errors?.[0]?.extensions?.problems?.map((p) => p.path)).toEqual(
    expect.arrayContaining(['properties.severity', 'properties.status', 'properties.incidentNumber', 'properties.createdTimeUtc']),
  );
});

test('a body over 5 MB is refused with 413 before it is forwarded', async () => {
  const huge = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
  expect(await refused(() => post('contoso', huge, { 'x-api-key': w.keys.contosoWriter }))).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Webhook body is larger than 5 MB' });
});
