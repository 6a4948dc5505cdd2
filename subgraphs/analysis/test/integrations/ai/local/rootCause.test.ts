import { gatherFacts, rootCause } from '../../../../src/integrations/ai/local';
import { agentOutputSchemas } from '../../../../src/agents';
import { comment, entity, makeAlert, makeIncident } from './support/incidentBuilders';

describe('rootCause', () => {
  it('orders the attack chain by kill chain (then time) and lists affected assets', () => {
    const incident = makeIncident({
      title: 'Ransomware on WS-7',
      alerts: [
        makeAlert({ displayName: 'Ransomware behavior detected', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1486'], timeGenerated: '2025-06-01T09:30:00Z' }),
        makeAlert({ displayName: 'Suspicious double extension file executed', severity: 'HIGH', tactics: ['Execution'], techniques: ['T1204.002'], timeGenerated: '2025-06-01T09:00:00Z' }),
        makeAlert({ displayName: 'File backups were deleted', severity: 'HIGH', tactics: ['Impact'], techniques: ['T1490'], timeGenerated: '2025-06-01T09:10:00Z' }),
      ],
      entities: [
        entity('Host', 'WS-7', { hostName: 'WS-7', osFamily: 'Windows', osVersion: 'Windows 11', dnsDomain: 'corp.contoso.example' }),
        entity('Account', 'j.doe', { accountName: 'j.doe', ntDomain: 'CONTOSO', upnSuffix: 'contoso.example', displayName: 'James Doe' }),
        entity('AzureResource', 'vm1', { resourceId: '/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1' }),
      ],
      comments: [comment('Asked James: the file arrived as an email attachment.')],
    });
    const result = rootCause(gatherFacts({ incident }));
    expect(agentOutputSchemas.RCA_ANALYST.parse(result)).toBeTruthy();
    expect(result.attackChain.map((step) => step.step.split(':')[0])).toEqual(['Initial Access', 'Execution', 'Defense Evasion', 'Impact']);
    const impact = result.attackChain.find((step) => step.step.startsWith('Impact'));
    expect(impact?.description.indexOf('File backups were deleted')).toBeLessThan(impact?.description.indexOf('Ransomware behavior detected') ?? -1);
    expect(result.rootCause).toMatch(/phishing email|malicious document or file/i);
    expect(result.affectedAssets).toEqual([
      'Host WS-7 (WS-7.corp.contoso.example, Windows Windows 11)',
      'Account j.doe@contoso.example (James Doe, CONTOSO\\j.doe)',
      'Azure resource /subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1',
    ]);
    expect(result.summary).toMatch(/^Incident #1 "Ransomware on WS-7": 3 alerts/);
  });

  it('names a phishing entry point from mail evidence', () => {
    const incident = makeIncident({
      alerts: [makeAlert({ displayName: 'Email messages containing malicious URL removed after delivery', productName: 'Microsoft Defender for Office 365', tactics: ['InitialAccess'], techniques: ['T1566.002'] })],
      entities: [entity('MailMessage', 'Your password expires today', { recipient: 'a@contoso.example', p2Sender: 'it@contoso-helpdesk.example', p2SenderDomain: 'contoso-helpdesk.example', urls: ['https://contoso-helpdesk.example/x'], threats: ['Phish'] })],
    });
    expect(rootCause(gatherFacts({ incident })).rootCause).toMatch(/^A phishing email "Your password expires today" from it@contoso-helpdesk.example reached a@contoso.example/);
  });

  it('says plainly when the entry point is not in the data', () => {
    const incident = makeIncident({ alerts: [makeAlert({ displayName: 'An event log was cleared', severity: 'LOW', tactics: ['DefenseEvasion'], techniques: ['T1070.001'] })] });
    expect(rootCause(gatherFacts({ incident })).rootCause).toMatch(/^The initial access vector is not visible in the data/);
    expect(rootCause(gatherFacts({ incident: makeIncident() }))).toMatchObject({ attackChain: [], affectedAssets: [], rootCause: expect.stringMatching(/no alerts or evidence/) });
  });
});
