/**
 * The incident as the incidents service stores it, independent of where it came from
 * (Sentinel sync, webhook, demo generator). Enum values are the GraphQL enum values.
 */
export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
export type IncidentStatus = 'NEW' | 'ACTIVE' | 'CLOSED';
export type Classification = 'TRUE_POSITIVE' | 'BENIGN_POSITIVE' | 'FALSE_POSITIVE' | 'UNDETERMINED';

export interface IncidentOwnerRecord {
  objectId: string | null;
  email: string | null;
  userPrincipalName: string | null;
  assignedTo: string | null;
}

export interface AlertRecord {
  /** Sentinel alert resource name (GUID). */
  alertId: string;
  displayName: string;
  description: string | null;
  severity: Severity;
  status: string;
  productName: string;
  providerAlertId: string | null;
  tactics: string[];
  techniques: string[];
  startTimeUtc: Date | null;
  endTimeUtc: Date | null;
  timeGenerated: Date;
}

export type EntityKind =
  | 'Account' | 'Host' | 'Ip' | 'Url' | 'File' | 'FileHash' | 'Process' | 'MailMessage' | 'Mailbox'
  | 'MailCluster' | 'RegistryKey' | 'RegistryValue' | 'DnsResolution' | 'CloudApplication'
  | 'AzureResource' | 'Malware' | 'SecurityGroup';

export interface EntityRecord {
  /** Sentinel entity resource name (GUID). */
  entityId: string;
  kind: EntityKind;
  /** Human-readable name of the entity (account name, host name, address, URL, file name, ...). */
  friendlyName: string;
  /** The entity's own properties as Sentinel returns them (kind-specific), JSON-safe. */
  properties: Record<string, unknown>;
}

export interface CommentRecord {
  commentId: string;
  message: string;
  authorName: string | null;
  authorEmail: string | null;
  createdAt: Date;
}

export interface IncidentRecord {
  /** Sentinel incident resource name (GUID); unique per tenant. */
  sentinelId: string;
  /** Sentinel ARM resource id of the incident. */
  sentinelResourceId: string;
  etag: string | null;
  number: number;
  title: string;
  description: string | null;
  severity: Severity;
  status: IncidentStatus;
  classification: Classification | null;
  classificationReason: string | null;
  classificationComment: string | null;
  owner: IncidentOwnerRecord | null;
  labels: string[];
  /** Sentinel tactic names without spaces, e.g. InitialAccess. */
  tactics: string[];
  /** ATT&CK technique ids, e.g. T1566 or T1566.001. */
  techniques: string[];
  providerName: string;
  providerIncidentId: string | null;
  incidentUrl: string | null;
  alertProductNames: string[];
  firstActivityAt: Date | null;
  lastActivityAt: Date | null;
  createdAt: Date;
  lastModifiedAt: Date;
  alerts: AlertRecord[];
  entities: EntityRecord[];
  comments: CommentRecord[];
}
