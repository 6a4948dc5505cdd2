import type { EntityKind, EntityRecord } from '../../models/incidentRecord';
import type { SentinelEntity, SentinelEntityKind, SentinelEntityOf, SentinelEntityPropertiesByKind } from './types';

/** How one Sentinel entity kind becomes a record: the record kind and a name when friendlyName is missing. */
type KindRule<K extends SentinelEntityKind> =
  | { kind: EntityKind; fallbackName: (properties: SentinelEntityPropertiesByKind[K]) => string | undefined }
  // Kinds that are not observables of the incident; the reason documents why they are dropped.
  | { skipReason: string };

const KIND_RULES: { [K in SentinelEntityKind]: KindRule<K> } = {
  Account: { kind: 'Account', fallbackName: (p) => first(p.accountName, p.displayName, p.aadUserId, p.sid) },
  Host: { kind: 'Host', fallbackName: (p) => first(p.hostName, p.netBiosName, p.azureID, p.omsAgentID) },
  Ip: { kind: 'Ip', fallbackName: (p) => first(p.address) },
  Url: { kind: 'Url', fallbackName: (p) => first(p.url) },
  File: { kind: 'File', fallbackName: (p) => first(p.fileName, p.directory) },
  FileHash: { kind: 'FileHash', fallbackName: (p) => first(p.hashValue) },
  Process: { kind: 'Process', fallbackName: (p) => first(p.commandLine, p.processId) },
  Mailbox: { kind: 'Mailbox', fallbackName: (p) => first(p.mailboxPrimaryAddress, p.upn, p.displayName) },
  MailMessage: { kind: 'MailMessage', fallbackName: (p) => first(p.subject, p.p1Sender, p.p2Sender, p.networkMessageId) },
  MailCluster: { kind: 'MailCluster', fallbackName: (p) => first(p.clusterGroup, p.source, p.query) },
  AzureResource: { kind: 'AzureResource', fallbackName: (p) => first(p.resourceId) },
  CloudApplication: {
    kind: 'CloudApplication',
    fallbackName: (p) => first(p.appName, p.instanceName, p.appId === undefined ? undefined : String(p.appId)),
  },
  DnsResolution: { kind: 'DnsResolution', fallbackName: (p) => first(p.domainName) },
  RegistryKey: {
    kind: 'RegistryKey',
    fallbackName: (p) => (p.key ? [p.hive, p.key].filter(Boolean).join('\\') : undefined),
  },
  RegistryValue: { kind: 'RegistryValue', fallbackName: (p) => first(p.valueName) },
  Malware: { kind: 'Malware', fallbackName: (p) => first(p.malwareName) },
  SecurityGroup: { kind: 'SecurityGroup', fallbackName: (p) => first(p.distinguishedName, p.sid, p.objectGuid) },
  // No device kind in the record: an IoT device and a network interface are both a machine on the network.
  IoTDevice: { kind: 'Host', fallbackName: (p) => first(p.deviceName, p.deviceId, p.macAddress) },
  Nic: { kind: 'Host', fallbackName: (p) => first(p.macAddress) },
  // A mail a user reported is still a mail message.
  SubmissionMail: { kind: 'MailMessage', fallbackName: (p) => first(p.subject, p.sender, p.networkMessageId) },
  SecurityAlert: { skipReason: 'alerts come from the alerts endpoint and are stored as AlertRecords' },
  Bookmark: { skipReason: 'hunting bookmarks are analyst notes, not observables' },
};

/**
 * Converts one entity, or returns null for kinds the record does not hold: alerts and bookmarks (see
 * KIND_RULES), and kinds newer than this code, whose shape nothing here could name honestly.
 */
export function mapSentinelEntity(entity: SentinelEntity): EntityRecord | null {
  return Object.hasOwn(KIND_RULES, entity.kind) ? mapKnownEntity(entity) : null;
}

function mapKnownEntity<K extends SentinelEntityKind>(entity: SentinelEntityOf<K>): EntityRecord | null {
  const rule: KindRule<K> = KIND_RULES[entity.kind];
  if ('skipReason' in rule) return null;
  const properties = entity.properties;
  return {
    entityId: entity.name,
    kind: rule.kind,
    // The entity's resource name is a GUID: unfriendly, but never empty.
    friendlyName: first(properties.friendlyName, rule.fallbackName(properties)) ?? entity.name,
    properties: { ...properties },
  };
}

/** The first non-empty string. */
function first(...values: Array<string | undefined>): string | undefined {
  return values.find((value) => value !== undefined && value.trim() !== '');
}
