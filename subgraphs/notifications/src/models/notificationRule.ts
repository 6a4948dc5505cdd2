import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { WebhookFormat } from './notification';

export const RULE_EVENT_TYPES = ['INCIDENT_CREATED', 'INCIDENT_UPDATED', 'ANALYSIS_COMPLETED', 'ANALYSIS_FAILED'] as const;
export type RuleEventType = (typeof RULE_EVENT_TYPES)[number];

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const CLASSIFICATIONS = ['TRUE_POSITIVE', 'BENIGN_POSITIVE', 'FALSE_POSITIVE', 'UNDETERMINED'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const INCIDENT_STATUSES = ['NEW', 'ACTIVE', 'CLOSED'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_CHANGE_SOURCES = ['ANALYST', 'SYNC', 'AI', 'WEBHOOK', 'DEMO'] as const;
export type IncidentChangeSource = (typeof INCIDENT_CHANGE_SOURCES)[number];

export interface StatusTransition {
  /** null: from any status. */
  from: IncidentStatus | null;
  to: IncidentStatus;
}

/** Every listed condition must hold; a list matches any of its values; an empty list or null matches anything. */
export interface RuleMatch {
  eventTypes: RuleEventType[];
  classifications: Classification[];
  minConfidence: number | null;
  severities: Severity[];
  statusTransitions: StatusTransition[];
  sources: IncidentChangeSource[];
}

export interface EmailAction {
  to: string[];
  toIncidentOwner: boolean;
}

export interface WebhookAction {
  url: string;
  format: WebhookFormat;
  /** `env:NAME` of the HMAC secret that signs the body; null: unsigned (e.g. a Teams or Slack incoming webhook). */
  secretRef: string | null;
}

export interface NotificationRuleDoc {
  _id: Types.ObjectId;
  tenantId: string;
  name: string;
  enabled: boolean;
  match: RuleMatch;
  email: EmailAction | null;
  webhooks: WebhookAction[];
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  updatedBy: string | null;
}

const matchSchema = new Schema<RuleMatch>(
  {
    eventTypes: [String],
    classifications: [String],
    minConfidence: { type: Number, default: null },
    severities: [String],
    statusTransitions: [new Schema<StatusTransition>({ from: { type: String, default: null }, to: String }, { _id: false })],
    sources: [String],
  },
  { _id: false },
);

const ruleSchema = new Schema<NotificationRuleDoc>(
  {
    tenantId: { type: String, required: true },
    name: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    match: { type: matchSchema, required: true },
    email: { type: new Schema<EmailAction>({ to: [String], toIncidentOwner: Boolean }, { _id: false }), default: null },
    webhooks: { type: [new Schema<WebhookAction>({ url: String, format: String, secretRef: { type: String, default: null } }, { _id: false })], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    createdBy: { type: String, default: null },
    updatedBy: { type: String, default: null },
  },
  { collection: 'notification_rules', versionKey: false },
);
ruleSchema.index({ tenantId: 1, enabled: 1 });
ruleSchema.index({ tenantId: 1, createdAt: 1 });

export const notificationRuleModel = (connection: Connection): Model<NotificationRuleDoc> =>
  (connection.models.NotificationRule as Model<NotificationRuleDoc> | undefined) ?? connection.model<NotificationRuleDoc>('NotificationRule', ruleSchema);
