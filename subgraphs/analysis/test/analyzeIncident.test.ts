import { devToken, graphql } from '../../../test/support/client';
import { startTestStack, type TestStack } from '../../../test/support/stack';

/** The whole pipeline through the public API with the embedded `local` analyst. */
let stack: TestStack;
let analyst: string;
let viewer: string;
let phishingId: string;
let endpointId: string;

const RUN = `mutation($id: ID!, $options: AnalyzeOptions) { analyzeIncident(incidentId: $id, options: $options) { id status stages { agent status } incident { id title } } }`;
const ANALYSIS = `query($id: ID!) { analysis(id: $id) {
  id status error totalTokens totalCostUsd requestedBy
  stages { agent status provider model durationMs inputTokens outputTokens costUsd attempts cached fallbacks error startedAt finishedAt }
  rootCause { summary rootCause attackChain { step description } affectedAssets evidence }
  threatAnalysis { summary tactics { id name } techniques { id name } iocs { type value context } evidence }
  emailVerdict { verdict confidence summary signals { name weight detail } }
  severityAssessment { severity score rationale factors { name weight detail } }
  verdict { classification confidence summary evidence recommendedActions }
  incident { id title latestAnalysis { id } }
} }`;

async function until<T>(read: () => Promise<T>, done: (value: NoInfer<T>) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const readAnalysis = async (id: string, token = analyst) => (await graphql(stack.gatewayUrl, ANALYSIS, { id }, { token })).body.data!.analysis;
const finished = (analysis: { status: string } & Record<string, any>) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(analysis.status);

beforeAll(async () => {
  stack = await startTestStack({ demoIncidentsPerTenant: 16, env: { EVENTS_POLL_INTERVAL_MS: '60000' } });
  analyst = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
  viewer = await devToken(stack.gatewayUrl, 'viewer@contoso.example');
  // 16 demo incidents of contoso include phishing ones (the generator is deterministic per tenant and count).
  const incidents = await (await stack.database('incidents')).collection('incidents').find({ tenantId: 'contoso' }).toArray();
  phishingId = String(incidents.find((i) => i.entities.some((e: { kind: string }) => e.kind === 'MailMessage'))!._id);
  endpointId = String(incidents.find((i) => !i.entities.some((e: { kind: string }) => e.kind === 'MailMessage' || e.kind === 'SubmissionMail'))!._id);
});
afterAll(() => stack?.stop());

test('an analysis of a mail incident runs every stage and holds each agent result', async () => {
  const started = await graphql(stack.gatewayUrl, RUN, { id: phishingId }, { token: analyst });
  expect(started.body.errors).toBeUndefined();
  const run = started.body.data!.analyzeIncident;
  expect(run.status).toBe('QUEUED');
  expect(run.incident.id).toBe(phishingId);
  expect(run.stages.map((s: { agent: string }) => s.agent)).toEqual(['RCA_ANALYST', 'THREAT_ANALYZER', 'EMAIL_VERIFIER', 'SEVERITY_ASSESSOR', 'VERDICT_GENERATOR']);

  const analysis = await until(() => readAnalysis(run.id), finished, 'the analysis to finish');
  expect(analysis).toMatchObject({ status: 'COMPLETED', error: null, requestedBy: 'analyst@contoso.example', totalCostUsd: 0 });
  for (const stage of analysis.stages) {
    expect(stage).toMatchObject({ status: 'COMPLETED', provider: 'local', error: null, cached: false, fallbacks: [] });
    expect(stage.model).toEqual(expect.any(String));
    expect(stage.durationMs).toBeGreaterThanOrEqual(0);
    expect(new Date(stage.finishedAt) >= new Date(stage.startedAt)).toBe(true);
  }
  // Severity waits for the three parallel agents; the verdict comes last.
  const at = (agent: string) => analysis.stages.find((s: { agent: string }) => s.agent === agent);
  for (const first of ['RCA_ANALYST', 'THREAT_ANALYZER', 'EMAIL_VERIFIER']) expect(new Date(at('SEVERITY_ASSESSOR').startedAt) >= new Date(at(first).finishedAt)).toBe(true);
  expect(new Date(at('VERDICT_GENERATOR').startedAt) >= new Date(at('SEVERITY_ASSESSOR').finishedAt)).toBe(true);

  expect(analysis.rootCause.rootCause.length).toBeGreaterThan(0);
  expect(analysis.threatAnalysis.iocs.length).toBeGreaterThan(0);
  for (const technique of analysis.threatAnalysis.techniques) expect(technique.id).toMatch(/^T\d{4}(\.\d{3})?$/);
  expect(analysis.emailVerdict.signals.length).toBeGreaterThan(0);
  expect(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']).toContain(analysis.severityAssessment.severity);
  expect(analysis.verdict.confidence).toBeGreaterThanOrEqual(0);
  expect(analysis.verdict.confidence).toBeLessThanOrEqual(1);
  expect(analysis.verdict.evidence.length).toBeGreaterThan(0);
  expect(analysis.incident.latestAnalysis.id).toBe(run.id);
});

test('without mail evidence the email verifier is skipped; with a raw email it runs', async () => {
  const plain = (await graphql(stack.gatewayUrl, RUN, { id: endpointId }, { token: analyst })).body.data!.analyzeIncident;
  const done = await until(() => readAnalysis(plain.id), finished, 'the analysis to finish');
  expect(done.status).toBe('COMPLETED');
  expect(done.stages.find((s: { agent: string }) => s.agent === 'EMAIL_VERIFIER').status).toBe('SKIPPED');
  expect(done.emailVerdict).toBeNull();

  const rawEmail = [
    'From: "Microsoft 365" <no-reply@micros0ft-support.example>',
    'Reply-To: helpdesk@protonmail.example',
    'To: analyst@contoso.example',
    'Subject: Urgent: your password expires today',
    'Authentication-Results: mx.contoso.example; spf=fail smtp.mailfrom=micros0ft-support.example; dkim=none; dmarc=fail',
    'Content-Type: text/plain',
    '',
    'Verify your account within 24 hours or it will be suspended: hxxp://login-micros0ft[.]example/verify',
  ].join('\r\n');
  const withMail = (await graphql(stack.gatewayUrl, RUN, { id: endpointId, options: { rawEmail } }, { token: analyst })).body.data!.analyzeIncident;
  const checked = await until(() => readAnalysis(withMail.id), finished, 'the analysis to finish');
  expect(checked.stages.find((s: { agent: string }) => s.agent === 'EMAIL_VERIFIER').status).toBe('COMPLETED');
  expect(['PHISHING', 'SUSPICIOUS']).toContain(checked.emailVerdict.verdict);
});

test('the verdict reaches the incident as an AI comment, once, under the tenant policy', async () => {
  const run = (await graphql(stack.gatewayUrl, RUN, { id: phishingId }, { token: analyst })).body.data!.analyzeIncident;
  await until(() => readAnalysis(run.id), finished, 'the analysis to finish');
  await stack.subgraphs.incidents.drainEvents();
  await stack.subgraphs.incidents.drainEvents();
  const { body } = await graphql(stack.gatewayUrl, `query($id: ID!) { incident(id: $id) { comments { message authorName } timeline { source field } } }`, { id: phishingId }, { token: analyst });
  const aiComments = body.data!.incident.comments.filter((c: { message: string }) => c.message.startsWith(`AI analysis ${run.id}`));
  expect(aiComments).toHaveLength(1);
  expect(aiComments[0].authorName).toBe('AI analyst');
  expect(body.data!.incident.timeline).toContainEqual({ source: 'AI', field: 'comment' });
});

test('viewers read analyses but cannot start one; other tenants and unknown incidents get nothing', async () => {
  const denied = await graphql(stack.gatewayUrl, RUN, { id: phishingId }, { token: viewer });
  expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  const foreign = await devToken(stack.gatewayUrl, 'analyst@fabrikam.example');
  const notFound = await graphql(stack.gatewayUrl, RUN, { id: phishingId }, { token: foreign });
  expect(notFound.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

  const run = (await graphql(stack.gatewayUrl, RUN, { id: phishingId }, { token: analyst })).body.data!.analyzeIncident;
  expect((await graphql(stack.gatewayUrl, ANALYSIS, { id: run.id }, { token: foreign })).body.data!.analysis).toBeNull();
  expect((await readAnalysis(run.id, viewer)).id).toBe(run.id);
});

test('the assistant answers about the incident and keeps the conversation', async () => {
  const ASK = `mutation($id: ID!, $q: String!, $s: ID) { askAssistant(incidentId: $id, question: $q, sessionId: $s) { session { id } question { content role } answer { id status role } } }`;
  const first = await graphql(stack.gatewayUrl, ASK, { id: phishingId, q: 'Which indicators should I block?' }, { token: analyst });
  expect(first.body.errors).toBeUndefined();
  const exchange = first.body.data!.askAssistant;
  expect(exchange.question).toEqual({ content: 'Which indicators should I block?', role: 'USER' });
  expect(exchange.answer).toMatchObject({ status: 'STREAMING', role: 'ASSISTANT' });

  const SESSION = `query($id: ID!) { chatSession(id: $id) { incident { id } messages { role status content provider } } }`;
  const session = await until(
    async () => (await graphql(stack.gatewayUrl, SESSION, { id: exchange.session.id }, { token: analyst })).body.data!.chatSession,
    (s) => s.messages.every((m: { status: string }) => m.status !== 'STREAMING'),
    'the answer to complete',
  );
  expect(session.incident.id).toBe(phishingId);
  expect(session.messages[1]).toMatchObject({ role: 'ASSISTANT', status: 'COMPLETE', provider: 'local' });
  expect(session.messages[1].content.length).toBeGreaterThan(20);

  const second = await graphql(stack.gatewayUrl, ASK, { id: phishingId, q: 'And what should I do next?', s: exchange.session.id }, { token: analyst });
  expect(second.body.data!.askAssistant.session.id).toBe(exchange.session.id);
  const empty = await graphql(stack.gatewayUrl, ASK, { id: phishingId, q: '   ' }, { token: analyst });
  expect(empty.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});
