import { generateDemoIncidents } from '../../../../../incidents/src/demo/generateDemoIncidents';
import { LOCAL_MODEL, runLocalAgent } from '../../../../src/integrations/ai/local';
import { agentOutputSchemas, hasMailEvidence, PIPELINE_AGENTS, type AgentOutputs, type PipelinePromptData } from '../../../../src/agents';
import { entity, fromDemoIncident, makeAlert, makeIncident } from './support/incidentBuilders';

function runAll(data: Omit<PipelinePromptData, 'prior'>): Partial<AgentOutputs> {
  const prior: Partial<AgentOutputs> = {};
  for (const agent of PIPELINE_AGENTS) {
    if (agent === 'EMAIL_VERIFIER' && !hasMailEvidence(data.incident, data.rawEmail)) continue;
    (prior as Record<string, unknown>)[agent] = runLocalAgent(agent, { ...data, prior: { ...prior } });
  }
  return prior;
}

describe('runLocalAgent', () => {
  it('names its model', () => {
    expect(LOCAL_MODEL).toBe('soc-local-analyst-v1');
  });

  it('produces schema-valid, deterministic output for 200 demo incidents of every scenario', () => {
    const demos = generateDemoIncidents({ tenantId: 'contoso', count: 200, seed: 11, now: new Date('2025-06-01T00:00:00Z') });
    const titles = new Set<string>();
    for (const demo of demos) {
      const incident = fromDemoIncident(demo);
      titles.add(incident.title.replace(/\S*\d\S*/g, '#'));
      const first = runAll({ incident });
      for (const [agent, output] of Object.entries(first)) expect(agentOutputSchemas[agent as keyof AgentOutputs].safeParse(output).success).toBe(true);
      expect(runAll({ incident: structuredClone(incident) })).toEqual(first);
    }
    expect(titles.size).toBeGreaterThan(15);
  });

  it('verifies an attached raw email even without mail entities', () => {
    const raw = 'Authentication-Results: mx1.contoso.com; spf=fail smtp.mailfrom=paypa1.com; dmarc=fail header.from=paypa1.com\nFrom: PayPal <service@paypa1.com>\nTo: j.doe@contoso.com\nSubject: Account limited\n\nConfirm your identity within 24 hours: https://paypa1.com/restore';
    const result = runAll({ incident: makeIncident({ alerts: [makeAlert({ displayName: 'Email reported by user as malware or phish', productName: 'Microsoft Defender for Office 365' })] }), rawEmail: raw });
    expect(result.EMAIL_VERIFIER?.verdict).toBe('PHISHING');
    expect(result.THREAT_ANALYZER?.iocs.map((ioc) => ioc.value)).toEqual(expect.arrayContaining(['https://paypa1.com/restore', 'paypa1.com', 'service@paypa1.com']));
    expect(result.VERDICT_GENERATOR?.classification).toBe('TRUE_POSITIVE');
  });

  it('answers EMAIL_VERIFIER with UNKNOWN when there is no mail evidence', () => {
    expect(runLocalAgent('EMAIL_VERIFIER', { incident: makeIncident(), prior: {} })).toMatchObject({ verdict: 'UNKNOWN', signals: [] });
  });

  it('uses earlier stages from another provider', () => {
    const incident = makeIncident({ alerts: [makeAlert({ displayName: 'Email messages containing malicious URL removed after delivery', productName: 'Microsoft Defender for Office 365' })], entities: [entity('MailMessage', 'Hello', { p2Sender: 'a@fabrikam.com' })] });
    const legit = runLocalAgent('SEVERITY_ASSESSOR', { incident, prior: { EMAIL_VERIFIER: { verdict: 'LEGITIMATE', confidence: 0.9, summary: 'Model says legitimate.', signals: [] } } });
    const phish = runLocalAgent('SEVERITY_ASSESSOR', { incident, prior: { EMAIL_VERIFIER: { verdict: 'PHISHING', confidence: 0.9, summary: 'Model says phishing.', signals: [] } } });
    expect(phish.score).toBeGreaterThan(legit.score);
    const severity = { severity: 'HIGH' as const, score: 88, rationale: 'from another model', factors: [] };
    expect(runLocalAgent('VERDICT_GENERATOR', { incident, prior: { SEVERITY_ASSESSOR: severity } }).evidence.join('\n')).toMatch(/Severity HIGH \(score 88\/100\)/);
  });

  it('bounds every list to the schema limits on a very large incident', () => {
    const incident = makeIncident({
      alerts: Array.from({ length: 60 }, (_, i) => makeAlert({ displayName: `Alert ${i} ${'x'.repeat(300)}`, description: `connection to 198.51.${Math.floor(i / 200)}.${(i % 200) + 1}`, tactics: ['Execution', 'Impact', 'Discovery', 'PreAttack'], techniques: ['T1059.001', 'T1086', 'T1490'] })),
      entities: Array.from({ length: 120 }, (_, i) => entity('Host', `HOST-${i}`, { hostName: `HOST-${i}`, commandLine: `ping 203.0.113.${i + 1} && curl http://evil${i}.example/x` })),
      comments: Array.from({ length: 40 }, (_, i) => ({ message: `note ${i} ${'y'.repeat(3000)}`, authorName: 'a', createdAt: '2025-06-01T00:00:00Z' })),
    });
    const result = runAll({ incident });
    expect(result.THREAT_ANALYZER?.iocs).toHaveLength(200);
    expect(result.RCA_ANALYST?.affectedAssets).toHaveLength(50);
    expect(result.VERDICT_GENERATOR?.evidence.length).toBeLessThanOrEqual(30);
  });
});
