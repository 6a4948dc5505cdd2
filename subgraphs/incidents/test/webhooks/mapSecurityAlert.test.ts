import { mapSecurityAlert } from '../../src/integrations/sentinel/securityAlert/mapSecurityAlert';
import { securityAlertRowSchema } from '../../src/integrations/sentinel/securityAlert/securityAlertRow';
import { alertListRows, stixShifterAlertRow, type AlertRow } from './webhookFixtures';

/** SecurityAlert rows -> incident records, on real rows of both column generations. */
const parse = (row: AlertRow) => securityAlertRowSchema.parse(row);
const problems = (row: AlertRow) => {
  const result = securityAlertRowSchema.safeParse(row);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};
const rows = alertListRows();
const row = (index: number) => {
  const found = rows[index];
  if (!found) throw new Error(`no row ${index}`);
  return found;
};

test('an older-style row (msticpy export) becomes a NEW incident with its entities, references resolved', () => {
  const record = mapSecurityAlert(parse(row(0)), 7);
  expect(record).toMatchObject({
    sentinelId: '047f47d6-79b7-4502-824b-97abc4905a73',
    number: 7,
    title: 'DC local group addition - Demo',
    description: 'Domain controllers local group addition',
    severity: 'LOW',
    status: 'NEW',
    owner: null,
    providerName: 'CustomAlertRule',
    createdAt: new Date('2019-01-12T06:41:44Z'),
    firstActivityAt: new Date('2019-01-11T06:31:40Z'),
    lastActivityAt: new Date('2019-01-12T06:31:40Z'),
  });
  expect(record.alerts).toEqual([
    expect.objectContaining({ alertId: '047f47d6-79b7-4502-824b-97abc4905a73', providerAlertId: 'e0c9484b-ad5f-4161-b73b-388676c05818', status: 'Unknown' }),
  ]);
  expect(record.entities.map((e) => [e.kind, e.friendlyName])).toEqual([
    ['Ip', '75.10.91.22'],
    ['Host', 'DHCPContoso77'],
    ['Account', 'ADMINISTRATOR'],
    ['Account', 'ADMIN'],
    ['Account', 'USER'],
  ]);
  const host = record.entities[1]!;
  expect(record.entities[2]!.properties).toEqual({
    friendlyName: 'ADMINISTRATOR',
    accountName: 'ADMINISTRATOR',
    ntDomain: '',
    hostEntityId: host.entityId,
    isDomainJoined: false,
    count: 5909,
  });
  expect(host.entityId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('the same row always maps to the same record; another alert gets other entity ids', () => {
  expect(mapSecurityAlert(parse(row(0)), 1)).toEqual(mapSecurityAlert(parse(row(0)), 1));
  const other = mapSecurityAlert(parse(row(1)), 2);
  expect(other.entities[1]!.friendlyName).toBe('DHCPContoso77');
  expect(other.entities[1]!.entityId).not.toBe(mapSecurityAlert(parse(row(0)), 1).entities[1]!.entityId);
  expect(other.etag).not.toBe(mapSecurityAlert(parse(row(0)), 1).etag);
});

test('processes are named by command line or image file; registry values by name or as the default value', () => {
  const recon = mapSecurityAlert(parse(row(100)), 1);
  expect(recon.title).toBe('Detected possible local reconnaissance activity');
  expect(recon.entities.map((e) => [e.kind, e.friendlyName])).toEqual(
    expect.arrayContaining([
      ['Host', 'MSTICALERTSWIN1'],
      ['Account', 'MSTICAdmin'],
      ['Process', 'cmd.exe'],
      ['Process', 'cmd  /c "systeminfo && systeminfo"'],
      ['File', 'cmd.exe'],
    ]),
  );
  const child = recon.entities.find((e) => e.friendlyName === 'cmd  /c "systeminfo && systeminfo"')!;
  const byId = new Map(recon.entities.map((e) => [e.entityId, e]));
  expect(byId.get(String(child.properties.imageFileEntityId))?.properties).toMatchObject({ directory: 'c:\\diagnostics\\usertmp', fileName: 'cmd.exe' });
  expect(byId.get(String(child.properties.accountEntityId))?.friendlyName).toBe('MSTICAdmin');
  expect(byId.get(String(child.properties.parentProcessEntityId))?.properties).toMatchObject({ processId: '0xbc8' });
  expect(recon.entities.some((e) => e.properties.sessionId !== undefined)).toBe(false); // host-logon-session is not an observable

  const registry = mapSecurityAlert(parse(row(67)), 1);
  expect(registry.entities.map((e) => [e.kind, e.friendlyName])).toEqual(
    expect.arrayContaining([
      ['RegistryKey', 'HKEY_CURRENT_USER\\console'],
      ['RegistryValue', 'HKEY_CURRENT_USER\\console\\(Default)'],
      ['RegistryValue', 'windowposition'],
    ]),
  );
  expect(registry.entities.find((e) => e.friendlyName === 'windowposition')!.properties).toMatchObject({ valueName: 'windowposition', valueData: 'System.Byte[]', valueType: 'DWord' });

  const ip = mapSecurityAlert(parse(row(9)), 1).entities.find((e) => e.kind === 'Ip')!;
  expect(ip).toMatchObject({ friendlyName: '183.95.154.13', properties: { address: '183.95.154.13', location: { countryCode: 'CN', city: 'Wuhan', asn: 4837 } } });
});

test("today's columns (stix-shifter row): entities keyed by type and repeated inline, Tactics column, ISO-ish times", () => {
  // The row's AlertSeverity is "75", which is no Sentinel severity: it is refused as is.
  expect(problems(stixShifterAlertRow())).toEqual(['AlertSeverity: must be High, Medium, Low or Informational, not "75"']);
  const record = mapSecurityAlert(parse({ ...stixShifterAlertRow(), AlertSeverity: 'Medium' }), 1);
  expect(record).toMatchObject({
    sentinelId: 'e6b0d35f-c7c8-373b-3ff3-5c903c9a2060',
    title: '[SAMPLE ALERT] Executable found running from a suspicious location',
    severity: 'MEDIUM',
    tactics: ['Execution'],
    providerName: 'Azure Security Center',
    createdAt: new Date('2023-03-10T04:58:00.613Z'),
    firstActivityAt: new Date('2023-03-10T04:47:22.632Z'),
    incidentUrl: expect.stringMatching(/^https:\/\/portal\.azure\.com\//),
  });
  expect(record.alerts[0]).toMatchObject({ status: 'New', providerAlertId: '2517238771573679907_7692caa7-0d1b-432f-9865-ef7932a3514d' });
  expect(record.entities.map((e) => [e.kind, e.friendlyName])).toEqual([
    ['Host', 'Sample-VM'],
    ['Account', 'SAMPLE-account'],
    ['Process', 'sample.exe'],
    ['File', 'sample.exe'],
    ['Process', '0x1038'],
  ]);
});

test('tactics from the column and ExtendedProperties in Sentinel names; techniques as ATT&CK ids', () => {
  const record = mapSecurityAlert(
    parse({
      ...row(0),
      Tactics: 'Credential Access, lateral-movement, Probing',
      ExtendedProperties: { Intent: 'Persistence' },
      Techniques: '["T1110", "not-a-technique"]',
      SubTechniques: ['t1110.003'],
    }),
    1,
  );
  expect(record.tactics).toEqual(['CredentialAccess', 'LateralMovement', 'Persistence']);
  expect(record.techniques).toEqual(['T1110', 'T1110.003']);
});

test('invalid rows are refused with the column that is wrong', () => {
  const base = row(0);
  expect(problems({ ...base, Severity: 'Critical' })).toEqual(['Severity: must be High, Medium, Low or Informational, not "Critical"']);
  expect(problems({ ...base, SystemAlertId: undefined })).toEqual(['SystemAlertId: is required: the id the incident is keyed by']);
  expect(problems({ ...base, TimeGenerated: 'yesterday' })).toEqual(['TimeGenerated: is not a timestamp: "yesterday"']);
  expect(problems({ ...base, AlertDisplayName: '', AlertName: ' ' })).toEqual(['DisplayName: is required: an alert needs a name (DisplayName, AlertDisplayName or AlertName)']);
  expect(problems({ ...base, Entities: '[{"$id": "1"' })[0]).toMatch(/^Entities: is not valid JSON/);
  expect(problems({ ...base, Entities: [{ $id: '1', Type: 'account', Name: 'x', Host: { $ref: '9' } }] })).toEqual([
    'Entities: "$ref": "9" names no entity of the alert (no such "$id")',
  ]);
  expect(problems({ ...base, Entities: [{ $id: '1', Name: 'x' }] })).toEqual(['Entities: entity 0 has no "Type"']);
  expect(problems({ ...base, ExtendedProperties: '[1, 2]' })).toEqual(['ExtendedProperties: must be a JSON object']);
});
