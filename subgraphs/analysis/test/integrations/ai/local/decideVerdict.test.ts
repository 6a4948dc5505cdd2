import { decideVerdict, gatherFacts, MAX_CONFIDENCE } from '../../../../src/integrations/ai/local';
import { agentOutputSchemas } from '../../../../src/agents';
import { comment, entity, makeAlert, makeIncident } from './support/incidentBuilders';

const decide = (overrides: Parameters<typeof makeIncident>[0], prior = {}) => decideVerdict(gatherFacts({ incident: makeIncident(overrides) }), prior);

const lsass = {
  title: 'Credential dumping on APP-1',
  alerts: [makeAlert({ displayName: 'Possible credential dumping detected', severity: 'HIGH' as const, tactics: ['CredentialAccess'], techniques: ['T1003.001'] })],
  entities: [entity('Host', 'APP-1', { hostName: 'APP-1' }), entity('Process', 'rundll32.exe', { commandLine: 'rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Windows\\Temp\\d.bin full' })],
};

describe('decideVerdict', () => {
  it('calls corroborated malicious activity a true positive, with evidence and specific actions', () => {
    const verdict = decide({ ...lsass, comments: [comment('The owner denies running rundll32 on APP-1.')] });
    expect(verdict.classification).toBe('TRUE_POSITIVE');
    expect(verdict.confidence).toBeGreaterThan(0.9);
    expect(verdict.confidence).toBeLessThanOrEqual(MAX_CONFIDENCE);
    expect(verdict.evidence.join('\n')).toMatch(/Analyst confirmed malicious activity/);
    expect(verdict.recommendedActions.join('\n')).toMatch(/Isolate host APP-1/);
    expect(verdict.recommendedActions.join('\n')).toMatch(/Reset the passwords of every account that signed in to APP-1/);
    expect(agentOutputSchemas.VERDICT_GENERATOR.parse(verdict)).toBeTruthy();
  });

  it('never reaches certainty', () => {
    const verdict = decide({
      ...lsass,
      alerts: [...lsass.alerts, makeAlert({ displayName: 'Ransomware', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1486'] })],
      entities: [...lsass.entities, entity('Malware', 'Ransom:Win32/LockBit', {})],
      comments: [comment('Confirmed ransomware; attacker used stolen credentials.')],
    });
    expect(verdict.confidence).toBe(MAX_CONFIDENCE);
  });

  it.each([
    ['authorised red team', 'Authorised red-team exercise (ticket RT-412); the red team lead confirmed it.'],
    ['approved change', 'Approved change CHG50311: the engineer took the dump for the vendor crash analysis.'],
    ['test alert', 'This is a test alert created with "Create sample alerts".'],
    ['phishing simulation', 'The URL belongs to the quarterly phishing simulation run by the security awareness team.'],
  ])('calls a %s a benign positive', (_name, note) => {
    expect(decide({ ...lsass, comments: [comment(note)] }).classification).toBe('BENIGN_POSITIVE');
  });

  it('calls a wrong detection a false positive', () => {
    const ti = {
      title: 'TI map IP entity to CommonSecurityLog: 198.51.100.90',
      alerts: [makeAlert({ displayName: 'Network communication with a malicious machine detected', severity: 'LOW' as const, tactics: ['CommandAndControl'], description: 'Threat intelligence indicates communication with 198.51.100.90.' })],
      entities: [entity('Ip', '198.51.100.90', { address: '198.51.100.90' })],
    };
    const verdict = decide({ ...ti, comments: [comment('198.51.100.90 is shared hosting; the Emotet indicator is stale.')] });
    expect(verdict.classification).toBe('FALSE_POSITIVE');
    expect(verdict.recommendedActions.join('\n')).toMatch(/expire the threat-intelligence indicator/);
    expect(decide(ti).classification).toBe('UNDETERMINED');
  });

  it('calls a phishing alert on a legitimate email a false positive', () => {
    const verdict = decide(
      { alerts: [makeAlert({ displayName: 'Email messages containing malicious URL removed after delivery', severity: 'MEDIUM', productName: 'Microsoft Defender for Office 365' })], entities: [entity('MailMessage', 'Newsletter', { p2Sender: 'news@fabrikam.com' })] },
      { EMAIL_VERIFIER: { verdict: 'LEGITIMATE', confidence: 0.95, summary: 'Authenticated newsletter.', signals: [] } },
    );
    expect(verdict.classification).toBe('FALSE_POSITIVE');
  });

  it('lets the later analyst note win when notes disagree', () => {
    const first = decide({ ...lsass, comments: [comment('Authorised red-team exercise (ticket RT-9).', 0), comment('Red team lead: not part of the exercise. The owner denies running it.', 10)] });
    expect(first.classification).toBe('TRUE_POSITIVE');
  });

  it('stays undetermined on a lone medium alert', () => {
    const verdict = decide({ alerts: [makeAlert({ displayName: 'Atypical travel', severity: 'MEDIUM', productName: 'Azure Active Directory Identity Protection', tactics: ['InitialAccess'] })] });
    expect(verdict).toMatchObject({ classification: 'UNDETERMINED', confidence: 0.5 });
    expect(verdict.recommendedActions[0]).toMatch(/Gather more evidence/);
    expect(decide({}).evidence.length).toBeGreaterThan(0);
  });
});
