import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One mail counted against its tenant's limit in one minute. Slots are inserted (unique id) and
 * counted, never incremented: inserts stay exact under concurrency on every supported database,
 * where a shared counter's `$inc` may not (FerretDB 1.24 loses concurrent updates).
 */
export interface MailRateSlotDoc {
  /** `<tenantId>:<minute since epoch>:<claim id>`. */
  _id: string;
  tenantId: string;
  windowStart: Date;
}

const mailRateSlotSchema = new Schema<MailRateSlotDoc>(
  { _id: { type: String, required: true }, tenantId: { type: String, required: true }, windowStart: { type: Date, required: true } },
  { collection: 'mail_rate_slots', versionKey: false },
);
mailRateSlotSchema.index({ tenantId: 1, windowStart: 1 });
mailRateSlotSchema.index({ windowStart: 1 });

export const mailRateSlotModel = (connection: Connection): Model<MailRateSlotDoc> =>
  (connection.models.MailRateSlot as Model<MailRateSlotDoc> | undefined) ?? connection.model<MailRateSlotDoc>('MailRateSlot', mailRateSlotSchema);
