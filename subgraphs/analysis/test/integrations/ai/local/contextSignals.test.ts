import { decideVerdict, gatherFacts } from '../../../../src/integrations/ai/local';
import { findContextSignals } from '../../../../src/integrations/ai/local/contextSignals';
import { entity, makeAlert, makeIncident } from './support/incidentBuilders';

const ORG = ['contoso.example'];

describe('findContextSignals', () => {
  it('reads an exercise label as sanctioned and ignores negated labels', () => {
    expect(findContextSignals(makeIncident({ labels: ['Pentest-2025'] }), ORG)).toEqual([expect.objectContaining({ side: 'benign', family: 'label', sanctioned: true })]);
    expect(findContextSignals(makeIncident({ labels: ['Not authorized pentest'] }), ORG)).toEqual([]);
  });

  it('treats a location alert whose addresses are all the organisation or its gateway as a false positive', () => {
    const incident = makeIncident({
      alerts: [makeAlert({ displayName: 'Impossible travel activity', description: 'j.doe signed in from two places.' })],
      entities: [entity('Ip', '192.0.2.10', { address: '192.0.2.10', location: { organization: 'Contoso Ltd' } }), entity('Ip', '198.51.100.2', { address: '198.51.100.2', location: { organization: 'Zscaler, Inc.' } })],
    });
    expect(findContextSignals(incident, ORG)).toEqual([expect.objectContaining({ side: 'falsePositive', family: 'network' })]);
  });

  it('does not explain a location alert that has an unexplained foreign address', () => {
    const incident = makeIncident({
      alerts: [makeAlert({ displayName: 'Impossible travel activity' })],
      entities: [entity('Ip', '192.0.2.10', { address: '192.0.2.10', location: { organization: 'Contoso Ltd' } }), entity('Ip', '203.0.113.9', { address: '203.0.113.9', location: { countryName: 'Romania' } })],
    });
    expect(findContextSignals(incident, ORG)).toEqual([]);
  });

  it('flags a file verdict on a Microsoft-signed file but not a behavioural alert on one', () => {
    const verdict = makeIncident({ alerts: [makeAlert({ displayName: 'Malicious file hash match', description: 'setup.exe (signed by Microsoft Corporation) matches an indicator.' })] });
    const behaviour = makeIncident({ alerts: [makeAlert({ displayName: 'LSASS memory read', description: 'rundll32.exe (signed by Microsoft Corporation) read lsass memory.' })] });
    expect(findContextSignals(verdict, ORG).map((signal) => signal.family)).toEqual(['signature']);
    expect(findContextSignals(behaviour, ORG)).toEqual([]);
  });

  it('ignores management tool names run from user-writable folders', () => {
    const incident = makeIncident({ entities: [entity('Process', 'TaniumClient.exe', { commandLine: 'C:\\Users\\Public\\TaniumClient.exe -x' })] });
    expect(findContextSignals(incident, ORG).filter((signal) => signal.family === 'tooling')).toEqual([]);
  });
});

describe('verdict calibration', () => {
  it('caps a call that rests on one line of evidence at 0.7 and says so', () => {
    const incident = makeIncident({ alerts: [makeAlert({ displayName: 'Suspicious sign-in', severity: 'HIGH' })], comments: [{ message: 'Confirmed compromise, credentials were phished.', authorName: 'A', createdAt: '2025-06-01T10:00:00.000Z' }] });
    const decision = decideVerdict(gatherFacts({ incident }));
    expect(decision.classification).toBe('TRUE_POSITIVE');
    expect(decision.confidence).toBeLessThanOrEqual(0.84);
    const lone = decideVerdict(gatherFacts({ incident: makeIncident({ labels: ['Red team exercise'], alerts: [makeAlert({ displayName: 'Port scan', severity: 'LOW' })] }) }));
    expect(lone.classification).toBe('BENIGN_POSITIVE');
    expect(lone.confidence).toBeLessThanOrEqual(0.7);
    expect(lone.evidence.some((line) => /capped at 0\.7/.test(line))).toBe(true);
  });
});
