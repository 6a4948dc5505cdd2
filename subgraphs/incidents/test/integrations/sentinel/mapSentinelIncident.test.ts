import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mapSentinelIncident, type SentinelIncidentRelated } from '../../../src/integrations/sentinel/mapSentinelIncident';
import type {
  SentinelAlert,
  SentinelComment,
  SentinelEntity,
  SentinelIncident,
  SentinelIncidentEntitiesResponse,
  SentinelList,
} from '../../../src/integrations/sentinel/types';
import { SENTINEL_DATA } from '../../../../../test/support/testData';

/** The REST API examples live in the shared data folder next to the repository. */
const EXAMPLES = path.join(SENTINEL_DATA, 'rest-api-examples');

function exampleBody<T>(file: string, status = '200'): T {
  const example = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as { responses: Record<string, { body: T }> };
  const response = example.responses[status];
  if (!response) throw new Error(`${file} has no ${status} response`);
  return response.body;
}

function onlyItem<T>(items: T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('expected at least one item');
  return item;
}

const incident = onlyItem(exampleBody<SentinelList<SentinelIncident>>('GetIncidents_2021-10-01.json').value);
const related: SentinelIncidentRelated = {
  alerts: exampleBody<SentinelList<SentinelAlert>>('GetAllIncidentAlerts_2025-09-01.json').value,
  entities: exampleBody<SentinelIncidentEntitiesResponse>('GetAllIncidentEntities_2025-09-01.json').entities,
  comments: exampleBody<SentinelList<SentinelComment>>('GetAllIncidentComments_2025-09-01.json').value,
};

/** Wire data may carry values the types do not allow; this builds such input on purpose. */
function withProperties(base: SentinelIncident, overrides: Record<string, unknown>): SentinelIncident {
  return { ...base, properties: { ...base.properties, ...overrides } } as unknown as SentinelIncident;
}

function alertWith(overrides: Record<string, unknown>): SentinelAlert {
  const alert = onlyItem(related.alerts);
  return { ...alert, properties: { ...alert.properties, ...overrides } } as unknown as SentinelAlert;
}

const INCIDENT_ID =
  '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace/providers/Microsoft.SecurityInsights/incidents/73e01a99-5cd7-4139-a149-9f2736ff2ab5';

describe('mapSentinelIncident on the REST API examples', () => {
  it('maps the listed incident with its alerts, entities and comments', () => {
    expect(mapSentinelIncident(incident, related)).toEqual({
      sentinelId: '73e01a99-5cd7-4139-a149-9f2736ff2ab5',
      sentinelResourceId: INCIDENT_ID,
      etag: '"0300bf09-0000-0000-0000-5c37296e0000"',
      number: 3177,
      title: 'My incident',
      description: 'This is a demo incident',
      severity: 'HIGH',
      status: 'CLOSED',
      classification: 'FALSE_POSITIVE',
      classificationReason: 'IncorrectAlertLogic',
      classificationComment: 'Not a malicious activity',
      owner: {
        objectId: '2046feea-040d-4a46-9e2b-91c2941bfa70',
        email: 'john.doe@contoso.com',
        userPrincipalName: 'john@contoso.com',
        assignedTo: 'john doe',
      },
      labels: [],
      tactics: ['Persistence'],
      techniques: [],
      providerName: 'Azure Sentinel',
      providerIncidentId: null,
      incidentUrl: `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${INCIDENT_ID}`,
      alertProductNames: ['Azure Security Center'],
      firstActivityAt: new Date('2019-01-01T13:00:30Z'),
      lastActivityAt: new Date('2019-01-01T13:05:30Z'),
      createdAt: new Date('2019-01-01T13:15:30Z'),
      lastModifiedAt: new Date('2019-01-01T13:15:30Z'),
      alerts: [
        {
          alertId: 'baa8a239-6fde-4ab7-a093-d09f7b75c58c',
          displayName: 'myAlert',
          description: null,
          severity: 'LOW',
          status: 'New',
          productName: 'Azure Security Center',
          providerAlertId: null,
          tactics: [],
          techniques: [],
          startTimeUtc: new Date('2020-07-20T18:21:53.615Z'),
          endTimeUtc: new Date('2020-07-20T18:21:53.615Z'),
          timeGenerated: new Date('2020-07-20T18:21:53.615Z'),
        },
      ],
      entities: [
        {
          entityId: 'e1d3d618-e11f-478b-98e3-bb381539a8e1',
          kind: 'Account',
          friendlyName: 'administrator',
          properties: { friendlyName: 'administrator', accountName: 'administrator', ntDomain: 'domain' },
        },
      ],
      comments: [
        {
          commentId: '4bb36b7b-26ff-4d1c-9cbe-0d8ab3da0014',
          message: 'Some message',
          authorName: 'john doe',
          authorEmail: 'john.doe@contoso.com',
          createdAt: new Date('2019-01-01T13:15:30Z'),
        },
      ],
    });
  });

  it('takes provider fields from the 2025-09-01 create response', () => {
    const created = exampleBody<SentinelIncident>('CreateIncident_2025-09-01.json', '201');
    const record = mapSentinelIncident(created, { alerts: [], entities: [], comments: [] });
    expect(record.providerName).toBe('Azure Sentinel');
    expect(record.providerIncidentId).toBe('3177');
    expect(record.etag).toBe('"0300bf09-0000-0000-0000-5c37296e0001"');
  });

  it('maps the Account, Host, File and Mailbox entity examples', () => {
    const entities = [
      ...exampleBody<SentinelList<SentinelEntity>>('GetEntities_2024-01-01-preview.json').value,
      exampleBody<SentinelEntity>('GetMailboxEntityById_2024-01-01-preview.json'),
    ];
    const record = mapSentinelIncident(incident, { alerts: [], entities, comments: [] });
    expect(record.entities.map(({ kind, friendlyName }) => [kind, friendlyName])).toEqual([
      ['Account', 'administrator'],
      ['Host', 'vm1'],
      ['File', 'cmd.exe'],
      ['Mailbox', 'emailAddress1'],
    ]);
    expect(record.entities[1]?.properties).toMatchObject({ hostName: 'vm1', osFamily: 'Windows', isDomainJoined: true });
  });
});

describe('mapSentinelIncident conversions', () => {
  const none: SentinelIncidentRelated = { alerts: [], entities: [], comments: [] };

  it.each([
    ['Informational', 'INFORMATIONAL'],
    ['Low', 'LOW'],
    ['Medium', 'MEDIUM'],
    ['High', 'HIGH'],
  ])('maps severity %s to %s', (severity, expected) => {
    expect(mapSentinelIncident(withProperties(incident, { severity }), none).severity).toBe(expected);
  });

  it.each([
    ['TruePositive', 'TRUE_POSITIVE'],
    ['BenignPositive', 'BENIGN_POSITIVE'],
    ['FalsePositive', 'FALSE_POSITIVE'],
    ['Undetermined', 'UNDETERMINED'],
  ])('maps classification %s to %s', (classification, expected) => {
    expect(mapSentinelIncident(withProperties(incident, { classification }), none).classification).toBe(expected);
  });

  it.each([
    ['New', 'NEW'],
    ['Active', 'ACTIVE'],
  ])('maps status %s to %s and an open incident has no classification', (status, expected) => {
    const open = withProperties(incident, {
      status,
      classification: undefined,
      classificationReason: undefined,
      classificationComment: undefined,
    });
    expect(mapSentinelIncident(open, none)).toMatchObject({
      status: expected,
      classification: null,
      classificationReason: null,
      classificationComment: null,
    });
  });

  it('throws a clear error for an unknown severity instead of guessing', () => {
    expect(() => mapSentinelIncident(withProperties(incident, { severity: 'Critical' }), none)).toThrow(
      'Sentinel incident 73e01a99-5cd7-4139-a149-9f2736ff2ab5: properties.severity has unknown value "Critical"; expected one of Informational, Low, Medium, High',
    );
  });

  it('throws for a missing severity, lower-case enum values and inherited keys', () => {
    expect(() => mapSentinelIncident(withProperties(incident, { severity: undefined }), none)).toThrow(/properties\.severity has unknown value undefined/);
    expect(() => mapSentinelIncident(withProperties(incident, { severity: 'high' }), none)).toThrow(/properties\.severity/);
    expect(() => mapSentinelIncident(withProperties(incident, { status: 'toString' }), none)).toThrow(/properties\.status has unknown value "toString"/);
    expect(() => mapSentinelIncident(withProperties(incident, { classification: 'Malicious' }), none)).toThrow(
      /properties\.classification has unknown value "Malicious"/,
    );
  });

  it('throws for an unknown alert severity and names the alert', () => {
    expect(() => mapSentinelIncident(incident, { ...none, alerts: [alertWith({ severity: 'Severe' })] })).toThrow(
      /Sentinel alert baa8a239-6fde-4ab7-a093-d09f7b75c58c: properties\.severity has unknown value "Severe"/,
    );
  });

  it('throws for a timestamp that is not a date', () => {
    expect(() => mapSentinelIncident(withProperties(incident, { createdTimeUtc: 'yesterday' }), none)).toThrow(
      /properties\.createdTimeUtc is not an ISO 8601 timestamp: "yesterday"/,
    );
  });

  it('maps missing activity times and description to null', () => {
    const bare = withProperties(incident, { firstActivityTimeUtc: undefined, lastActivityTimeUtc: undefined, description: undefined });
    expect(mapSentinelIncident(bare, none)).toMatchObject({ firstActivityAt: null, lastActivityAt: null, description: null });
  });

  it('treats an owner whose fields are all null as unassigned', () => {
    const owner = { objectId: null, email: null, userPrincipalName: null, assignedTo: null, ownerType: 'Unknown' };
    expect(mapSentinelIncident(withProperties(incident, { owner }), none).owner).toBeNull();
  });

  it('turns labels into their names', () => {
    const labels = [
      { labelName: 'Phishing', labelType: 'AutoAssigned' },
      { labelName: 'VIP', labelType: 'User' },
    ];
    expect(mapSentinelIncident(withProperties(incident, { labels }), none).labels).toEqual(['Phishing', 'VIP']);
  });

  it('merges tactics and techniques from the incident and its alerts, deduplicated in order', () => {
    const withTechniques = withProperties(incident, {
      additionalData: { ...incident.properties.additionalData, tactics: ['Persistence', 'Execution'], techniques: ['T1543', 'Persistence'] },
    });
    const alerts = [
      alertWith({ tactics: ['InitialAccess', 'Persistence'], techniques: ['T1566', 'T1543'], subTechniques: ['T1566.002'] }),
      alertWith({ tactics: ['Execution', 'Execution'], techniques: ['T1059', 'T159', 't1059', 'T1059.1'], subTechniques: ['T1059.001'] }),
    ];
    const record = mapSentinelIncident(withTechniques, { ...none, alerts });
    expect(record.tactics).toEqual(['Persistence', 'Execution', 'InitialAccess']);
    expect(record.techniques).toEqual(['T1543', 'T1566', 'T1566.002', 'T1059', 'T1059.001']);
    expect(record.alerts[1]?.tactics).toEqual(['Execution']);
    expect(record.alerts[1]?.techniques).toEqual(['T1059', 'T1059.001']);
  });

  it('merges alert product names into the incident product names', () => {
    const alerts = [alertWith({ productName: 'Microsoft Defender for Endpoint' }), alertWith({ productName: 'Azure Security Center' })];
    const record = mapSentinelIncident(withProperties(incident, { additionalData: { ...incident.properties.additionalData, alertProductNames: ['Azure Security Center'] } }), {
      ...none,
      alerts,
    });
    expect(record.alertProductNames).toEqual(['Azure Security Center', 'Microsoft Defender for Endpoint']);
  });
});

describe('mapSentinelIncident entities', () => {
  const base = { id: 'entity-arm-id', type: 'Microsoft.SecurityInsights/Entities' };

  /** Entities as they might arrive on the wire, including kinds the types do not know. */
  function entitiesOf(...items: Array<{ name: string; kind: string; properties: Record<string, unknown> }>): SentinelEntity[] {
    return items.map((item) => ({ ...base, ...item })) as unknown as SentinelEntity[];
  }

  function friendlyNames(entities: SentinelEntity[]): Array<[string, string]> {
    return mapSentinelIncident(incident, { alerts: [], entities, comments: [] }).entities.map((entity) => [entity.kind, entity.friendlyName]);
  }

  it('falls back to a kind-specific name when friendlyName is missing', () => {
    expect(
      friendlyNames(
        entitiesOf(
          { name: 'a', kind: 'Account', properties: { accountName: 'j.doe', upnSuffix: 'contoso.example' } },
          { name: 'b', kind: 'Host', properties: { hostName: 'CONTOSO-WS-0142' } },
          { name: 'c', kind: 'Ip', properties: { address: '203.0.113.7' } },
          { name: 'd', kind: 'Url', properties: { url: 'https://phish.example/login' } },
          { name: 'e', kind: 'File', properties: { fileName: 'invoice.pdf.exe', directory: 'C:\\Temp' } },
          { name: 'f', kind: 'FileHash', properties: { algorithm: 'SHA256', hashValue: 'ab'.repeat(32) } },
          { name: 'g', kind: 'Process', properties: { processId: '4780', commandLine: 'powershell -enc AAAA' } },
          { name: 'h', kind: 'Mailbox', properties: { mailboxPrimaryAddress: 'j.doe@contoso.example', upn: 'j.doe@contoso.example' } },
          { name: 'i', kind: 'MailMessage', properties: { subject: '', p1Sender: 'billing@invoices.example' } },
          { name: 'j', kind: 'RegistryKey', properties: { hive: 'HKEY_LOCAL_MACHINE', key: 'SOFTWARE\\Run' } },
          { name: 'k', kind: 'CloudApplication', properties: { appId: 20893 } },
          { name: 'l', kind: 'DnsResolution', properties: { domainName: 'x.tunnel.example' } },
          { name: 'm', kind: 'Account', properties: {} },
        ),
      ),
    ).toEqual([
      ['Account', 'j.doe'],
      ['Host', 'CONTOSO-WS-0142'],
      ['Ip', '203.0.113.7'],
      ['Url', 'https://phish.example/login'],
      ['File', 'invoice.pdf.exe'],
      ['FileHash', 'ab'.repeat(32)],
      ['Process', 'powershell -enc AAAA'],
      ['Mailbox', 'j.doe@contoso.example'],
      ['MailMessage', 'billing@invoices.example'],
      ['RegistryKey', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Run'],
      ['CloudApplication', '20893'],
      ['DnsResolution', 'x.tunnel.example'],
      ['Account', 'm'],
    ]);
  });

  it('maps device and submitted-mail kinds to the closest record kind and skips alerts, bookmarks and unknown kinds', () => {
    expect(
      friendlyNames(
        entitiesOf(
          { name: 'a', kind: 'IoTDevice', properties: { deviceName: 'plc-07' } },
          { name: 'b', kind: 'Nic', properties: { macAddress: '00-15-5D-01-02-03' } },
          { name: 'c', kind: 'SubmissionMail', properties: { subject: 'Is this phishing?' } },
          { name: 'd', kind: 'SecurityAlert', properties: { alertDisplayName: 'x' } },
          { name: 'e', kind: 'Bookmark', properties: { displayName: 'y' } },
          { name: 'f', kind: 'QuantumEntanglement', properties: { friendlyName: 'z' } },
        ),
      ),
    ).toEqual([
      ['Host', 'plc-07'],
      ['Host', '00-15-5D-01-02-03'],
      ['MailMessage', 'Is this phishing?'],
    ]);
  });
});
