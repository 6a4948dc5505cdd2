/**
 * What the agents know about an incident: the incidents service's record, as read through its
 * internal API. Every string in it is untrusted (attacker-influenced) data.
 */
export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
export type Classification = 'TRUE_POSITIVE' | 'BENIGN_POSITIVE' | 'FALSE_POSITIVE' | 'UNDETERMINED';

export interface IncidentAlertContext {
  displayName: string;
  description: string | null;
  severity: Severity;
  productName: string;
  tactics: string[];
  techniques: string[];
  timeGenerated: string;
}

export interface IncidentEntityContext {
  /** Sentinel entity kind: Account, Host, Ip, Url, File, FileHash, Process, MailMessage, Mailbox, ... */
  kind: string;
  friendlyName: string;
  /** Sentinel's kind-specific properties (e.g. MailMessage: p1Sender, p2Sender, senderIP, urls, ...). */
  properties: Record<string, unknown>;
}

export interface IncidentContext {
  id: string;
  tenantId: string;
  number: number;
  title: string;
  description: string | null;
  severity: Severity;
  status: 'NEW' | 'ACTIVE' | 'CLOSED';
  classification: Classification | null;
  labels: string[];
  /** Sentinel tactic names without spaces, e.g. InitialAccess. */
  tactics: string[];
  /** ATT&CK technique ids, e.g. T1566.001. */
  techniques: string[];
  providerName: string;
  alertProductNames: string[];
  createdAt: string;
  alerts: IncidentAlertContext[];
  entities: IncidentEntityContext[];
  comments: Array<{ message: string; authorName: string | null; createdAt: string }>;
}

/** True when EMAIL_VERIFIER has something to verify. */
export const hasMailEvidence = (incident: IncidentContext, rawEmail?: string | null): boolean =>
  Boolean(rawEmail) || incident.entities.some((entity) => entity.kind === 'MailMessage' || entity.kind === 'SubmissionMail');
