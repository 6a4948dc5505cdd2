import { gatherFacts, scoreSeverity, severityForScore, SEVERITY_THRESHOLDS } from '../../../../src/integrations/ai/local';
import { agentOutputSchemas } from '../../../../src/agents';
import { comment, entity, makeAlert, makeIncident } from './support/incidentBuilders';

const score = (incident: ReturnType<typeof makeIncident>, prior = {}) => scoreSeverity(gatherFacts({ incident }), prior);
const factor = (result: ReturnType<typeof score>, name: string) => result.factors.find((f) => f.name === name)?.weight;

describe('scoreSeverity', () => {
  it('maps scores to severities with documented thresholds', () => {
    expect(SEVERITY_THRESHOLDS).toEqual([['HIGH', 70], ['MEDIUM', 45], ['LOW', 20], ['INFORMATIONAL', 0]]);
    expect([0, 19, 20, 44, 45, 69, 70, 100].map(severityForScore)).toEqual(['INFORMATIONAL', 'INFORMATIONAL', 'LOW', 'LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH']);
  });

  it('starts from the most severe alert and adds volume, scope and stage', () => {
    const result = score(
      makeIncident({
        alerts: [
          makeAlert({ displayName: 'Backups deleted', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1490'] }),
          makeAlert({ displayName: 'Double extension', severity: 'MEDIUM', tactics: ['Execution'], techniques: ['T1204.002'] }),
        ],
        entities: [entity('Host', 'WS-1', { hostName: 'WS-1' }), entity('Account', 'a.b', { accountName: 'a.b', upnSuffix: 'contoso.example' })],
      }),
    );
    expect(factor(result, 'Alert severity')).toBe(45);
    expect(factor(result, 'Alert volume')).toBe(3);
    expect(factor(result, 'Scope')).toBe(3);
    expect(factor(result, 'Attack stage reached')).toBe(20);
    // The "double extension" alert name also maps to T1036.007 (defense evasion): three tactics.
    expect(factor(result, 'Attack breadth')).toBe(2);
    expect(result).toMatchObject({ severity: 'HIGH', score: 73 });
    expect(result.rationale).toMatch(/^Score 73\/100, so HIGH/);
    expect(agentOutputSchemas.SEVERITY_ASSESSOR.parse(result)).toBeTruthy();
  });

  it('raises for privileged accounts and known-bad indicators, lowers for benign explanations', () => {
    const base = makeIncident({ alerts: [makeAlert({ displayName: 'Suspicious process', severity: 'MEDIUM', tactics: ['Execution'] })] });
    const privileged = score({ ...base, entities: [entity('Account', 'Administrator', { accountName: 'Administrator', sid: 'S-1-5-21-1-2-3-500' }), entity('Malware', 'Ransom:Win32/LockBit', {})] });
    expect(factor(privileged, 'Privileged accounts or critical assets')).toBe(10);
    expect(factor(privileged, 'Known-malicious indicators')).toBe(10);
    const redTeam = score({ ...base, comments: [comment('Authorised red-team exercise, ticket RT-100.')] });
    expect(factor(redTeam, 'Benign explanation')).toBe(-40);
    expect(redTeam.severity).toBe('INFORMATIONAL');
  });

  it('uses the email verdict of an earlier stage when given', () => {
    const incident = makeIncident({ alerts: [makeAlert({ displayName: 'Phish', severity: 'MEDIUM', productName: 'Microsoft Defender for Office 365' })] });
    const phishing = score(incident, { EMAIL_VERIFIER: { verdict: 'PHISHING', confidence: 0.9, summary: 'x', signals: [] } });
    expect(factor(phishing, 'Email verdict')).toBe(10);
    const legit = score(incident, { EMAIL_VERIFIER: { verdict: 'LEGITIMATE', confidence: 0.9, summary: 'x', signals: [] } });
    expect(factor(legit, 'Email verdict')).toBe(-15);
  });

  it('clamps the score to 0-100', () => {
    const benign = score(makeIncident({ alerts: [makeAlert({ displayName: '[SAMPLE ALERT] x', severity: 'INFORMATIONAL' })], comments: [comment('This was a false positive: rule threshold too low.')] }));
    expect(benign.score).toBe(0);
  });
});
