import mongoose from 'mongoose';
import { createRule, eventually, listNotifications, startNotificationsStack, type NotificationsTestStack } from './support/notificationsStack';

/**
 * The whole path with real services: an analyst runs the AI analysis (embedded `local` analyst),
 * the analysis service publishes analysis.completed (a rule mails the SOC list), and the analyst
 * emails the full report, which this service reads from the analysis and incidents services.
 */
let s: NotificationsTestStack;
let incidentId: string;
let incidentTitle: string;
let analysisId: string;

const EMAIL_REPORT = `mutation($incidentId: ID!, $analysisId: ID!, $recipients: [String!]!) {
  emailAnalysisReport(incidentId: $incidentId, analysisId: $analysisId, recipients: $recipients) { id status recipient subject trigger { kind requestedBy } incident { id } }
}`;

beforeAll(async () => {
  s = await startNotificationsStack({ env: { DEMO_INCIDENTS_PER_TENANT: '3' } });
  await createRule(s, { name: 'Every verdict', match: { eventTypes: ['ANALYSIS_COMPLETED'] }, email: { to: ['soc-list@contoso.example'] } });
  const incidents = await s.gql('analyst', '{ incidents(first: 1) { edges { node { id title } } } }');
  ({ id: incidentId, title: incidentTitle } = incidents.body.data.incidents.edges[0].node);
  const started = await s.gql('analyst', 'mutation($id: ID!) { analyzeIncident(incidentId: $id) { id } }', { id: incidentId });
  analysisId = started.body.data.analyzeIncident.id;
  await eventually(async () => {
    const read = await s.gql('analyst', 'query($id: ID!) { analysis(id: $id) { status } }', { id: analysisId });
    return read.body.data.analysis.status === 'COMPLETED' ? true : undefined;
  }, 'the analysis to complete', 60_000);
}, 120_000);

afterAll(() => s?.stop());

test('analysis.completed from the real pipeline fires the rule', async () => {
  const rows = await eventually(async () => {
    await s.drain();
    const all = await listNotifications(s, 'analyst', { incidentId });
    return all.length === 1 && all[0].status === 'SENT' ? all : undefined;
  }, 'the rule notification sent', 30_000);
  expect(rows[0]).toMatchObject({ recipient: 'soc-list@contoso.example', trigger: { kind: 'RULE', eventId: `analysis.completed:${analysisId}` } });
  expect(rows[0].subject).toMatch(/Analysis completed: (TRUE_POSITIVE|BENIGN_POSITIVE|FALSE_POSITIVE|UNDETERMINED)/);
  expect(rows[0].subject).toContain(incidentTitle.slice(0, 40));
  expect(rows[0].subject).toMatch(/Incident #\d+: /);
});

test('an analyst emails the full report to chosen recipients: one notification each, readable in the outbox', async () => {
  const result = await s.gql('analyst', EMAIL_REPORT, { incidentId, analysisId, recipients: ['Lead@Contoso.example', 'ciso@contoso.example', 'lead@contoso.example'] });
  expect(result.body.errors).toBeUndefined();
  const queued = result.body.data.emailAnalysisReport;
  expect(queued.map((n: { recipient: string }) => n.recipient)).toEqual(['lead@contoso.example', 'ciso@contoso.example']);
  expect(queued[0]).toMatchObject({ status: 'QUEUED', trigger: { kind: 'MANUAL', requestedBy: 'analyst@contoso.example' }, incident: { id: incidentId } });
  expect(queued[0].subject).toMatch(/AI analysis report/);
  expect(queued[0].subject).toContain(incidentTitle.slice(0, 40));

  const mail = await eventually(async () => {
    const read = await s.gql('analyst', 'query($id: ID!) { notification(id: $id) { status outboxMail { to subject text html } } }', { id: queued[0].id });
    return read.body.data.notification.status === 'SENT' ? read.body.data.notification.outboxMail : undefined;
  }, 'the report mail stored');
  expect(mail.to).toBe('lead@contoso.example');
  // The whole report: verdict, severity assessment, root cause and threat analysis from the analysis service.
  for (const section of ['Verdict:', 'Severity assessment:', 'Root cause', 'Threat analysis']) expect(mail.text).toContain(section);
  expect(mail.html).toContain('<h2');
  expect(mail.html).not.toMatch(/<script|<img|<a\s/i);

  // Everyone with access to the incident sees its notifications and their status, on the incident itself.
  const onIncident = await s.gql('viewer', 'query($id: ID!) { incident(id: $id) { notifications { recipient status attempts trigger { kind } } } }', { id: incidentId });
  expect(onIncident.body.data.incident.notifications).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ recipient: 'soc-list@contoso.example', trigger: { kind: 'RULE' } }),
      expect.objectContaining({ recipient: 'lead@contoso.example', status: 'SENT', attempts: 1, trigger: { kind: 'MANUAL' } }),
      expect.objectContaining({ recipient: 'ciso@contoso.example', trigger: { kind: 'MANUAL' } }),
    ]),
  );
  const foreign = await s.gql('fabrikamAnalyst', 'query($id: ID!) { notification(id: $id) { id } }', { id: queued[0].id });
  expect(foreign.body.data.notification).toBeNull();
});

test('the request is checked before anything is queued', async () => {
  const before = (await listNotifications(s, 'analyst', { incidentId })).length;
  const badAddress = await s.gql('analyst', EMAIL_REPORT, { incidentId, analysisId, recipients: ['ok@contoso.example', 'not-an-address'] });
  expect(badAddress.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recipients[1]' });
  const none = await s.gql('analyst', EMAIL_REPORT, { incidentId, analysisId, recipients: [] });
  expect(none.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recipients' });
  const unknownAnalysis = await s.gql('analyst', EMAIL_REPORT, { incidentId, analysisId: new mongoose.Types.ObjectId().toHexString(), recipients: ['ok@contoso.example'] });
  expect(unknownAnalysis.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  // Another tenant's incident and analysis do not exist for fabrikam.
  const foreign = await s.gql('fabrikamAnalyst', EMAIL_REPORT, { incidentId, analysisId, recipients: ['ok@fabrikam.example'] });
  expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const viewer = await s.gql('viewer', EMAIL_REPORT, { incidentId, analysisId, recipients: ['ok@contoso.example'] });
  expect(viewer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(await listNotifications(s, 'analyst', { incidentId })).toHaveLength(before);
});
