/**
 * Microsoft Sentinel REST API resources (Microsoft.SecurityInsights, api-version 2025-09-01) as the
 * service returns them. Shapes follow the published examples in Azure/azure-rest-api-specs; fields
 * the service omits in some responses are optional.
 */

/** Severity of an incident or alert. */
export type SentinelSeverity = 'Informational' | 'Low' | 'Medium' | 'High';

/** Lifecycle state of an incident. */
export type SentinelIncidentStatus = 'New' | 'Active' | 'Closed';

/** Verdict an analyst gives when closing an incident. */
export type SentinelClassification = 'TruePositive' | 'BenignPositive' | 'FalsePositive' | 'Undetermined';

/** Why the incident was classified as it was (TruePositive, BenignPositive, FalsePositive only). */
export type SentinelClassificationReason =
  | 'SuspiciousActivity'
  | 'SuspiciousButExpected'
  | 'IncorrectAlertLogic'
  | 'InaccurateData';

/** Alert lifecycle state; independent of the incident status. */
export type SentinelAlertStatus = 'Unknown' | 'New' | 'Resolved' | 'Dismissed' | 'InProgress';

/** Sentinel tactic names: ATT&CK tactic names without spaces, plus Sentinel's own extras. */
export type SentinelTactic =
  | 'Reconnaissance'
  | 'ResourceDevelopment'
  | 'InitialAccess'
  | 'Execution'
  | 'Persistence'
  | 'PrivilegeEscalation'
  | 'DefenseEvasion'
  | 'CredentialAccess'
  | 'Discovery'
  | 'LateralMovement'
  | 'Collection'
  | 'Exfiltration'
  | 'CommandAndControl'
  | 'Impact'
  | 'PreAttack'
  | 'ImpairProcessControl'
  | 'InhibitResponseFunction';

/** Fields every ARM resource carries. */
export interface SentinelResource {
  /** Full ARM resource id. */
  id: string;
  /** Resource name; a GUID for incidents, alerts, entities and comments. */
  name: string;
  /** ARM resource type, e.g. Microsoft.SecurityInsights/incidents. */
  type: string;
}

/** Paged list envelope used by the list operations. */
export interface SentinelList<T> {
  value: T[];
  /** URL of the next page; absent on the last page. */
  nextLink?: string;
}

/** Who an incident is assigned to; all fields are null while it is unassigned. */
export interface SentinelIncidentOwner {
  objectId: string | null;
  email: string | null;
  userPrincipalName: string | null;
  assignedTo: string | null;
  /** Present in newer api-versions: whether the owner is a user or a group. */
  ownerType?: 'Unknown' | 'User' | 'Group';
}

/** A tag on an incident; AutoAssigned ones come from automation rules. */
export interface SentinelIncidentLabel {
  labelName: string;
  labelType: 'User' | 'AutoAssigned';
}

/** Read-only summary Sentinel keeps about the incident's alerts, bookmarks and comments. */
export interface SentinelIncidentAdditionalData {
  alertsCount: number;
  bookmarksCount: number;
  commentsCount: number;
  alertProductNames: string[];
  tactics: SentinelTactic[];
  /** ATT&CK technique ids; absent in older api-versions. */
  techniques?: string[];
}

/** Properties of an incident resource. */
export interface SentinelIncidentProperties {
  title: string;
  /** Omitted when the creating rule or user gave none. */
  description?: string;
  severity: SentinelSeverity;
  status: SentinelIncidentStatus;
  /** Set only on closed incidents. */
  classification?: SentinelClassification;
  classificationReason?: SentinelClassificationReason;
  classificationComment?: string;
  owner: SentinelIncidentOwner;
  labels: SentinelIncidentLabel[];
  incidentNumber: number;
  /** Product that created the incident, e.g. Azure Sentinel; absent in older api-versions (2021-10-01). */
  providerName?: string;
  /** The incident's id in that product; absent where providerName is. */
  providerIncidentId?: string;
  incidentUrl: string;
  /** Omitted on incidents created by hand without activity times. */
  firstActivityTimeUtc?: string;
  lastActivityTimeUtc?: string;
  createdTimeUtc: string;
  lastModifiedTimeUtc: string;
  /** ARM ids of the analytics rules that raised the incident. */
  relatedAnalyticRuleIds: string[];
  additionalData: SentinelIncidentAdditionalData;
}

/** An incident (GET .../incidents, PUT .../incidents/{id}). */
export interface SentinelIncident extends SentinelResource {
  /** Quoted ETag used for optimistic concurrency on updates. */
  etag: string;
  properties: SentinelIncidentProperties;
}

/** Identifies where an alert's data lives (workspace, Azure resource...). */
export interface SentinelResourceIdentifier {
  type: string;
  [field: string]: string;
}

/** Properties of a SecurityAlert entity. */
export interface SentinelAlertProperties {
  systemAlertId: string;
  alertDisplayName: string;
  /** Same as alertDisplayName; every entity carries a friendlyName. */
  friendlyName: string;
  description?: string;
  alertType: string;
  severity: SentinelSeverity;
  status: SentinelAlertStatus;
  confidenceLevel: 'Unknown' | 'Low' | 'High';
  vendorName: string;
  productName: string;
  /** The alert id in the product that raised it. */
  providerAlertId?: string;
  /** Deep link to the alert in the originating product. */
  alertLink?: string;
  /** Name of the host or user the alert is about. */
  compromisedEntity?: string;
  tactics: SentinelTactic[];
  /** Parent ATT&CK technique ids, e.g. T1059. */
  techniques?: string[];
  /** ATT&CK sub-technique ids, e.g. T1059.001. */
  subTechniques?: string[];
  startTimeUtc: string;
  endTimeUtc: string;
  timeGenerated: string;
  processingEndTime: string;
  resourceIdentifiers: SentinelResourceIdentifier[];
  additionalData: Record<string, string>;
}

/** An alert of an incident (POST .../incidents/{id}/alerts). */
export interface SentinelAlert extends SentinelResource {
  kind: 'SecurityAlert';
  properties: SentinelAlertProperties;
}

/** Properties every entity kind shares. */
export interface SentinelEntityBaseProperties {
  /** Display name Sentinel computes; may be missing on entities fetched by id in older versions. */
  friendlyName?: string;
  additionalData?: Record<string, unknown>;
}

/** Geolocation Sentinel attaches to public IP entities. */
export interface SentinelGeoLocation {
  asn?: number;
  city?: string;
  countryCode?: string;
  countryName?: string;
  latitude?: number;
  longitude?: number;
  state?: string;
}

/** Account entity (user or service identity). */
export interface SentinelAccountProperties extends SentinelEntityBaseProperties {
  accountName?: string;
  displayName?: string;
  ntDomain?: string;
  upnSuffix?: string;
  sid?: string;
  aadTenantId?: string;
  aadUserId?: string;
  puid?: string;
  isDomainJoined?: boolean;
  objectGuid?: string;
  dnsDomain?: string;
  hostEntityId?: string;
}

/** Host entity (workstation, server, VM). */
export interface SentinelHostProperties extends SentinelEntityBaseProperties {
  dnsDomain?: string;
  ntDomain?: string;
  hostName?: string;
  netBiosName?: string;
  azureID?: string;
  omsAgentID?: string;
  osFamily?: 'Windows' | 'Linux' | 'Android' | 'IOS' | 'Unknown';
  osVersion?: string;
  isDomainJoined?: boolean;
}

/** IP address entity. */
export interface SentinelIpProperties extends SentinelEntityBaseProperties {
  address?: string;
  location?: SentinelGeoLocation;
}

/** URL entity. */
export interface SentinelUrlProperties extends SentinelEntityBaseProperties {
  url?: string;
}

/** File entity; hashes are separate FileHash entities. */
export interface SentinelFileProperties extends SentinelEntityBaseProperties {
  directory?: string;
  fileName?: string;
  fileHashEntityIds?: string[];
  hostEntityId?: string;
}

/** FileHash entity. */
export interface SentinelFileHashProperties extends SentinelEntityBaseProperties {
  algorithm?: 'Unknown' | 'MD5' | 'SHA1' | 'SHA256' | 'SHA256AC';
  hashValue?: string;
}

/** Process entity; links to its image file, account, host and parent by entity name. */
export interface SentinelProcessProperties extends SentinelEntityBaseProperties {
  processId?: string;
  commandLine?: string;
  creationTimeUtc?: string;
  elevationToken?: 'Default' | 'Full' | 'Limited';
  accountEntityId?: string;
  hostEntityId?: string;
  imageFileEntityId?: string;
  parentProcessEntityId?: string;
}

/** Mailbox entity. */
export interface SentinelMailboxProperties extends SentinelEntityBaseProperties {
  mailboxPrimaryAddress?: string;
  displayName?: string;
  upn?: string;
  externalDirectoryObjectId?: string;
}

/** MailMessage entity: one delivered (or blocked) email. */
export interface SentinelMailMessageProperties extends SentinelEntityBaseProperties {
  recipient?: string;
  subject?: string;
  p1Sender?: string;
  p1SenderDisplayName?: string;
  p1SenderDomain?: string;
  p2Sender?: string;
  p2SenderDisplayName?: string;
  p2SenderDomain?: string;
  senderIP?: string;
  receiveDate?: string;
  networkMessageId?: string;
  internetMessageId?: string;
  urls?: string[];
  threats?: string[];
  threatDetectionMethods?: string[];
  antispamDirection?: 'Unknown' | 'Inbound' | 'Outbound' | 'Intraorg';
  deliveryAction?: 'Unknown' | 'DeliveredAsSpam' | 'Delivered' | 'Blocked' | 'Replaced';
  deliveryLocation?: 'Unknown' | 'Inbox' | 'JunkFolder' | 'DeletedFolder' | 'Quarantine' | 'External' | 'Failed' | 'Dropped' | 'Forwarded';
  language?: string;
}

/** MailCluster entity: similar messages grouped by Defender for Office 365. */
export interface SentinelMailClusterProperties extends SentinelEntityBaseProperties {
  networkMessageIds?: string[];
  query?: string;
  source?: string;
  clusterGroup?: string;
  mailCount?: number;
}

/** Azure resource entity. */
export interface SentinelAzureResourceProperties extends SentinelEntityBaseProperties {
  resourceId?: string;
  subscriptionId?: string;
}

/** Cloud application entity (SaaS app seen by Defender for Cloud Apps). */
export interface SentinelCloudApplicationProperties extends SentinelEntityBaseProperties {
  appId?: number;
  appName?: string;
  instanceName?: string;
}

/** DNS resolution entity. */
export interface SentinelDnsResolutionProperties extends SentinelEntityBaseProperties {
  domainName?: string;
  ipAddressEntityIds?: string[];
  dnsServerIpEntityIds?: string[];
  hostIpAddressEntityId?: string;
}

/** Registry key entity. */
export interface SentinelRegistryKeyProperties extends SentinelEntityBaseProperties {
  hive?: string;
  key?: string;
}

/** Registry value entity. */
export interface SentinelRegistryValueProperties extends SentinelEntityBaseProperties {
  keyEntityId?: string;
  valueName?: string;
  valueData?: string;
  valueType?: string;
}

/** Malware entity. */
export interface SentinelMalwareProperties extends SentinelEntityBaseProperties {
  malwareName?: string;
  category?: string;
  fileEntityIds?: string[];
  processEntityIds?: string[];
}

/** Security group entity. */
export interface SentinelSecurityGroupProperties extends SentinelEntityBaseProperties {
  distinguishedName?: string;
  objectGuid?: string;
  sid?: string;
}

/** IoT device entity. */
export interface SentinelIoTDeviceProperties extends SentinelEntityBaseProperties {
  deviceId?: string;
  deviceName?: string;
  macAddress?: string;
  ipAddressEntityId?: string;
}

/** Network interface entity. */
export interface SentinelNicProperties extends SentinelEntityBaseProperties {
  macAddress?: string;
  ipAddressEntityId?: string;
  vlans?: string[];
}

/** Mail submitted by a user or admin for analysis. */
export interface SentinelSubmissionMailProperties extends SentinelEntityBaseProperties {
  submissionId?: string;
  networkMessageId?: string;
  recipient?: string;
  sender?: string;
  senderIp?: string;
  subject?: string;
  reportType?: string;
}

/** Entity kinds whose properties have no fields this service reads (alerts and bookmarks as entities). */
export type SentinelOpaqueProperties = SentinelEntityBaseProperties & Record<string, unknown>;

/** Properties type of each entity kind the API documents. */
export interface SentinelEntityPropertiesByKind {
  Account: SentinelAccountProperties;
  Host: SentinelHostProperties;
  Ip: SentinelIpProperties;
  Url: SentinelUrlProperties;
  File: SentinelFileProperties;
  FileHash: SentinelFileHashProperties;
  Process: SentinelProcessProperties;
  Mailbox: SentinelMailboxProperties;
  MailMessage: SentinelMailMessageProperties;
  MailCluster: SentinelMailClusterProperties;
  AzureResource: SentinelAzureResourceProperties;
  CloudApplication: SentinelCloudApplicationProperties;
  DnsResolution: SentinelDnsResolutionProperties;
  RegistryKey: SentinelRegistryKeyProperties;
  RegistryValue: SentinelRegistryValueProperties;
  Malware: SentinelMalwareProperties;
  SecurityGroup: SentinelSecurityGroupProperties;
  IoTDevice: SentinelIoTDeviceProperties;
  Nic: SentinelNicProperties;
  SubmissionMail: SentinelSubmissionMailProperties;
  SecurityAlert: SentinelOpaqueProperties;
  Bookmark: SentinelOpaqueProperties;
}

/** Entity kinds the API documents. */
export type SentinelEntityKind = keyof SentinelEntityPropertiesByKind;

/** An entity of a given kind; `kind` discriminates the properties type. */
export type SentinelEntityOf<K extends SentinelEntityKind> = SentinelResource & {
  kind: K;
  properties: SentinelEntityPropertiesByKind[K];
};

/** Any entity (POST .../incidents/{id}/entities, GET .../entities). */
export type SentinelEntity = { [K in SentinelEntityKind]: SentinelEntityOf<K> }[SentinelEntityKind];

/** Response of POST .../incidents/{id}/entities: entities plus a count per kind, not a paged list. */
export interface SentinelIncidentEntitiesResponse {
  entities: SentinelEntity[];
  metaData: Array<{ entityKind: SentinelEntityKind; count: number }>;
}

/** Author of a comment. */
export interface SentinelCommentAuthor {
  objectId?: string | null;
  email?: string | null;
  userPrincipalName?: string | null;
  name?: string | null;
}

/** A comment on an incident (GET .../incidents/{id}/comments). */
export interface SentinelComment extends SentinelResource {
  /** Unquoted ETag, unlike incidents. */
  etag?: string;
  properties: {
    message: string;
    createdTimeUtc: string;
    lastModifiedTimeUtc: string;
    author: SentinelCommentAuthor;
  };
}
