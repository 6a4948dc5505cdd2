import type { EntityKind } from '../../../models/incidentRecord';

/** One object of an alert's Entities JSON, as sent: PascalCase fields plus "$id" and "Type". */
export type AlertEntityObject = Record<string, unknown>;

/** The entity a field points to ({"$ref": id} or an inline definition), or undefined when it is no reference. */
export type ResolveEntity = (value: unknown) => AlertEntityObject | undefined;

/** How one Entities "Type" becomes a record: its kind, REST field names where they differ, and a display name. */
export type AlertEntityRule =
  | { kind: EntityKind; renames?: Record<string, string>; name(entity: AlertEntityObject, resolve: ResolveEntity): string | undefined }
  // Types that are not observables of their own; the reason documents why they are dropped.
  | { skipReason: string };

/** The first non-blank string among the entity's fields. */
export function textOf(entity: AlertEntityObject | undefined, ...fields: string[]): string | undefined {
  for (const field of fields) {
    const value = entity?.[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

const registryKeyPath = (key: AlertEntityObject | undefined) => {
  const path = textOf(key, 'Key');
  return path ? [textOf(key, 'Hive'), path].filter(Boolean).join('\\') : undefined;
};

/**
 * Keyed by the Type with case, dashes and underscores removed ("host-logon-session" ->
 * "hostlogonsession"). Renames give the field the name the Sentinel REST API uses for the same
 * entity kind, so webhook entities look like synchronised ones.
 */
export const ALERT_ENTITY_RULES: ReadonlyMap<string, AlertEntityRule> = new Map<string, AlertEntityRule>([
  ['account', { kind: 'Account', renames: { Name: 'accountName' }, name: (e) => textOf(e, 'Name', 'DisplayName', 'AadUserId', 'Sid', 'ObjectGuid') }],
  ['host', { kind: 'Host', name: (e) => textOf(e, 'HostName', 'NetBiosName', 'FQDN', 'AzureID', 'OMSAgentID') }],
  ['ip', { kind: 'Ip', name: (e) => textOf(e, 'Address') }],
  ['url', { kind: 'Url', name: (e) => textOf(e, 'Url') }],
  ['file', { kind: 'File', renames: { Name: 'fileName', FileHashes: 'fileHashEntityIds' }, name: (e) => textOf(e, 'Name', 'Directory') }],
  ['filehash', { kind: 'FileHash', renames: { Value: 'hashValue' }, name: (e) => textOf(e, 'Value') }],
  // Many processes arrive with an empty command line: the image file name is the next best name.
  ['process', { kind: 'Process', name: (e, resolve) => textOf(e, 'CommandLine') ?? textOf(resolve(e.ImageFile), 'Name') ?? textOf(e, 'ProcessId') }],
  ['registrykey', { kind: 'RegistryKey', name: (e) => registryKeyPath(e) }],
  // A value without a name is the key's default value, named as regedit shows it.
  [
    'registryvalue',
    {
      kind: 'RegistryValue',
      renames: { Name: 'valueName', Value: 'valueData' },
      name: (e, resolve) => textOf(e, 'Name') ?? (registryKeyPath(resolve(e.Key)) ? `${registryKeyPath(resolve(e.Key))}\\(Default)` : undefined),
    },
  ],
  ['mailbox', { kind: 'Mailbox', name: (e) => textOf(e, 'MailboxPrimaryAddress', 'Upn', 'DisplayName') }],
  ['mailmessage', { kind: 'MailMessage', name: (e) => textOf(e, 'Subject', 'P1Sender', 'P2Sender', 'NetworkMessageId') }],
  ['submissionmail', { kind: 'MailMessage', name: (e) => textOf(e, 'Subject', 'Sender', 'NetworkMessageId') }],
  ['mailcluster', { kind: 'MailCluster', name: (e) => textOf(e, 'ClusterGroup', 'Source', 'Query') }],
  ['azureresource', { kind: 'AzureResource', name: (e) => textOf(e, 'ResourceId') }],
  ['cloudapplication', { kind: 'CloudApplication', renames: { Name: 'appName' }, name: (e) => textOf(e, 'Name', 'InstanceName', 'AppId') }],
  [
    'dns',
    {
      kind: 'DnsResolution',
      renames: { IpAddresses: 'ipAddressEntityIds', DnsServerIp: 'dnsServerIpEntityIds', HostIpAddress: 'hostIpAddressEntityId' },
      name: (e) => textOf(e, 'DomainName'),
    },
  ],
  ['malware', { kind: 'Malware', renames: { Name: 'malwareName' }, name: (e) => textOf(e, 'Name') }],
  ['securitygroup', { kind: 'SecurityGroup', name: (e) => textOf(e, 'DistinguishedName', 'SID', 'ObjectGuid') }],
  // No device kind in the record: an IoT device and a network interface are both a machine on the network.
  ['iotdevice', { kind: 'Host', name: (e) => textOf(e, 'DeviceName', 'DeviceId', 'MacAddress') }],
  ['nic', { kind: 'Host', name: (e) => textOf(e, 'MacAddress') }],
  ['hostlogonsession', { skipReason: 'a logon session only links an account to a host, and both are entities of the alert themselves' }],
  ['networkconnection', { skipReason: 'its source and destination addresses are ip entities of the alert themselves' }],
  ['securityalert', { skipReason: 'the alert is stored as the AlertRecord itself' }],
  ['bookmark', { skipReason: 'hunting bookmarks are analyst notes, not observables' }],
]);

export const entityTypeKey = (type: string) => type.replace(/[\s_-]+/g, '').toLowerCase();
