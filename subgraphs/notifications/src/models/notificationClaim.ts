import { Schema, type Connection, type Model } from 'mongoose';
import type { NotificationStatus } from './notification';

export type ClaimOutcomeKind = 'SENT' | 'FAILED' | 'DEAD_LETTER' | 'DEFERRED' | 'SKIPPED' | 'INTERRUPTED';

/** What one attempt did, and the fields it sets on the notification. */
export interface ClaimOutcome {
  kind: ClaimOutcomeKind;
  at: Date;
  /** The status the attempt leads to; null when it changes none (deferred, skipped). */
  status: NotificationStatus | null;
  /** Fields of the notification this outcome sets (besides status and claimSeq). */
  fields: Record<string, unknown>;
  detail: string | null;
}

/**
 * The right to make attempt `seq` of one notification. Claims are inserted with a unique id
 * (`<notificationId>:<seq>`): exactly one worker gets each attempt, on MongoDB, Cosmos DB and
 * FerretDB alike (a conditional update would do on MongoDB, but FerretDB 1.24 lets concurrent
 * conditional updates all succeed). The outcome is written here first, then to the notification,
 * so a notification whose update was lost, or a worker that died after sending, is repaired from
 * its claim rather than sent again. A claim with no outcome past `expiresAt` belongs to a worker
 * that died mid-attempt: that attempt counts as interrupted, and the next one may send again.
 */
export interface NotificationClaimDoc {
  _id: string;
  notificationId: string;
  tenantId: string;
  seq: number;
  token: string;
  claimedAt: Date;
  expiresAt: Date;
  outcome: ClaimOutcome | null;
}

const claimSchema = new Schema<NotificationClaimDoc>(
  {
    _id: { type: String, required: true },
    notificationId: { type: String, required: true },
    tenantId: { type: String, required: true },
    seq: { type: Number, required: true },
    token: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    outcome: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'notification_claims', versionKey: false, minimize: false },
);
claimSchema.index({ claimedAt: 1 });

export const notificationClaimModel = (connection: Connection): Model<NotificationClaimDoc> =>
  (connection.models.NotificationClaim as Model<NotificationClaimDoc> | undefined) ?? connection.model<NotificationClaimDoc>('NotificationClaim', claimSchema);
