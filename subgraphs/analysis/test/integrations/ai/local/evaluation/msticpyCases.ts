import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncidentContext, IncidentEntityContext, Severity } from '../../../../../src/agents';
import { parseCsv } from '../../../../../src/integrations/ai/local/attackCatalog';
import { makeIncident } from '../support/incidentBuilders';
import type { LabelledIncident } from './incidentCases';
import { SENTINEL_DATA } from '../../../../../../../test/support/testData';

/**
 * Real SecurityAlert rows (microsoft/msticpy docs/notebooks/data/alertlist.csv, MIT; a Microsoft demo
 * workspace, January 2019) read from the shared data folder next to the repository and turned into
 * one-alert incidents the way Sentinel would show them. Labels are what an analyst concludes from the
 * row's own evidence (command lines, alert text); rows whose evidence leaves the verdict open (for
 * example a TI-only match, or the "- Demo" rules whose query does not match their name) are not used.
 */
export const MSTICPY_CSV = path.join(SENTINEL_DATA, 'tables/msticpy_alertlist.csv');

export const MSTICPY_LABELS: ReadonlyArray<{ row: number; label: LabelledIncident['label']; why: string }> = [
  { row: 13, label: 'TRUE_POSITIVE', why: 'mimikatz.exe run by an administrator account.' },
  { row: 12, label: 'TRUE_POSITIVE', why: 'BudgetReport.pdf.exe: executable disguised as a PDF was run.' },
  { row: 58, label: 'TRUE_POSITIVE', why: 'vssadmin delete shadows /all /quiet: backups destroyed, the ransomware precursor.' },
  { row: 63, label: 'TRUE_POSITIVE', why: 'rundll32 perfc.dat: the Petya/NotPetya launch command.' },
  { row: 84, label: 'TRUE_POSITIVE', why: 'certutil -decode of a base64 blob into implant.exe.' },
  { row: 57, label: 'TRUE_POSITIVE', why: 'regsvr32 /i:http://... scrobj.dll (Squiblydoo) AppLocker bypass.' },
  { row: 123, label: 'TRUE_POSITIVE', why: 'Image File Execution Options set for sethc.exe: sticky-keys backdoor.' },
  { row: 46, label: 'TRUE_POSITIVE', why: 'PowerShell Invoke-WebRequest to http://badguyserver/pwnme from a user temp folder.' },
  { row: 51, label: 'TRUE_POSITIVE', why: 'Obfuscated PowerShell DownloadString from pastebin.' },
  { row: 20, label: 'TRUE_POSITIVE', why: 'RDP brute force from the internet that succeeded in logging in.' },
  { row: 14, label: 'TRUE_POSITIVE', why: '93 failed RDP logons from one internet address: a brute-force attempt.' },
  { row: 56, label: 'TRUE_POSITIVE', why: 'suchost.exe (svchost look-alike) running a cryptonight miner.' },
  { row: 118, label: 'TRUE_POSITIVE', why: 'sqldumper.exe used to dump process memory for credentials.' },
  { row: 45, label: 'TRUE_POSITIVE', why: 'net user adm1nistrator /add: rogue account named like the built-in administrator.' },
  { row: 114, label: 'TRUE_POSITIVE', why: 'netsh firewall set opmode mode=disable from a temp folder: host firewall disabled.' },
  { row: 66, label: 'BENIGN_POSITIVE', why: 'Azure Security Center test alert (not a threat).' },
  { row: 21, label: 'BENIGN_POSITIVE', why: 'svchost.exe in C:\\AlertGeneration run by the alert-generation test machine account.' },
  { row: 109, label: 'BENIGN_POSITIVE', why: 'Command line says it is artificial, solely for triggering a test.' },
];

const KINDS: Record<string, string> = {
  host: 'Host', account: 'Account', ip: 'Ip', file: 'File', process: 'Process', filehash: 'FileHash', url: 'Url', malware: 'Malware',
  'registry-key': 'RegistryKey', 'registry-value': 'RegistryValue', dns: 'DnsResolution', 'azure-resource': 'AzureResource', 'security-group': 'SecurityGroup',
};

const camel = (key: string): string => {
  const special: Record<string, string> = { NTDomain: 'ntDomain', UPNSuffix: 'upnSuffix', AzureID: 'azureID', OMSAgentID: 'omsAgentID', OSFamily: 'osFamily', OSVersion: 'osVersion' };
  return special[key] ?? key.charAt(0).toLowerCase() + key.slice(1);
};

type Raw = Record<string, unknown>;

/** Sentinel entities from a SecurityAlert's Entities JSON: $ref resolved, property names as the REST API spells them. */
export function entitiesFromAlertJson(json: string): IncidentEntityContext[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  const list = Array.isArray(parsed) ? (parsed as Raw[]) : [];
  const byId = new Map<string, Raw>();
  const index = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    const raw = value as Raw;
    if (typeof raw.$id === 'string') byId.set(raw.$id, raw);
    for (const child of Object.values(raw)) if (child && typeof child === 'object') index(child);
  };
  list.forEach(index);
  const resolve = (value: unknown): Raw | undefined => {
    const raw = value as Raw | undefined;
    return raw && typeof raw.$ref === 'string' ? byId.get(raw.$ref) : raw;
  };
  const out: IncidentEntityContext[] = [];
  for (const raw of list) {
    const kind = KINDS[String(raw.Type ?? '').toLowerCase()];
    if (!kind) continue;
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key === '$id' || key === 'Type' || key === 'Count') continue;
      if (value && typeof value === 'object' && !Array.isArray(value) && ('$ref' in (value as Raw) || '$id' in (value as Raw))) continue;
      if (key === 'Name') properties[kind === 'File' ? 'fileName' : 'accountName'] = value;
      else if (key === 'Location' && value && typeof value === 'object') properties.location = Object.fromEntries(Object.entries(value as Raw).map(([k, v]) => [camel(k), v]));
      else properties[camel(key)] = value;
    }
    const image = kind === 'Process' ? resolve(raw.ImageFile) : undefined;
    const friendlyName = String(
      kind === 'Host' ? raw.HostName : kind === 'Ip' ? raw.Address : kind === 'Process' ? (image?.Name ?? raw.CommandLine ?? 'process') : (raw.Name ?? raw.Url ?? raw.HashValue ?? kind),
    );
    out.push({ kind, friendlyName, properties: { friendlyName, ...properties } });
  }
  return out;
}

const PRODUCT: Record<string, string> = { CustomAlertRule: 'Azure Sentinel', Detection: 'Azure Security Center', InternalDemo: 'Azure Security Center' };

export function readMsticpyRows(file = MSTICPY_CSV): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const columns = header ?? [];
  return rows.map((cells) => Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])));
}

/** One incident per alert row, as Sentinel creates it from a Microsoft security alert. */
export function incidentFromAlertRow(row: Record<string, string>): IncidentContext {
  const severity = (row.Severity ?? 'Medium').toUpperCase() as Severity;
  const time = new Date(`${(row.TimeGenerated ?? '2019-01-15 00:00:00').replace(' ', 'T')}Z`).toISOString();
  let extended: unknown = {};
  try {
    extended = JSON.parse(row.ExtendedProperties ?? '{}');
  } catch {
    extended = {};
  }
  const productName = PRODUCT[row.ProviderName ?? ''] ?? row.ProviderName ?? 'Azure Security Center';
  const alertEntity: IncidentEntityContext = {
    kind: 'SecurityAlert',
    friendlyName: row.AlertDisplayName ?? '',
    properties: { friendlyName: row.AlertDisplayName ?? '', alertDisplayName: row.AlertDisplayName, productName, severity: row.Severity, compromisedEntity: row.CompromisedEntity, additionalData: extended },
  };
  return makeIncident({
    id: row.SystemAlertId ?? `row-${row['']}`,
    tenantId: 'contoso',
    number: Number(row['']) + 1,
    title: row.AlertDisplayName ?? '',
    description: row.Description || null,
    severity,
    providerName: 'Azure Sentinel',
    alertProductNames: [productName],
    createdAt: time,
    alerts: [{ displayName: row.AlertDisplayName ?? '', description: row.Description || null, severity, productName, tactics: [], techniques: [], timeGenerated: time }],
    entities: [...entitiesFromAlertJson(row.Entities ?? ''), alertEntity],
  });
}

export function msticpyCases(): LabelledIncident[] {
  const rows = readMsticpyRows();
  return MSTICPY_LABELS.map(({ row, label, why }) => {
    const data = rows.find((candidate) => candidate[''] === String(row));
    if (!data) throw new Error(`msticpy row ${row} not found in ${MSTICPY_CSV}`);
    return { id: `msticpy-${row}`, label, why: `${data.AlertDisplayName}: ${why}`, incident: incidentFromAlertRow(data) };
  });
}
