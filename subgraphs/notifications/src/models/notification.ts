import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface NotificationDoc {
  _id: Types.ObjectId;
  tenantId: string;
  incidentId: string;
  channel: 'EMAIL' | 'WEBHOOK' | 'TEAMS' | 'SLACK';
  recipient: string;
  subject: string;
  status: 'QUEUED' | 'SENT' | 'DELIVERED' | 'OPENED' | 'BOUNCED' | 'FAILED' | 'DEAD_LETTER';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const notificationSchema = new Schema<NotificationDoc>(
  {
    tenantId: { type: String, required: true },
    incidentId: { type: String, required: true },
    channel: { type: String, required: true },
    recipient: { type: String, required: true },
    subject: { type: String, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    lastError: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'notifications', versionKey: false },
);
notificationSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
notificationSchema.index({ tenantId: 1, incidentId: 1, createdAt: -1 });

export const notificationModel = (connection: Connection): Model<NotificationDoc> =>
  connection.model<NotificationDoc>('Notification', notificationSchema);
