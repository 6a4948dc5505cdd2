import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface ChatMessageDoc {
  _id: Types.ObjectId;
  role: 'USER' | 'ASSISTANT';
  content: string;
  status: 'STREAMING' | 'COMPLETE' | 'FAILED';
  /** Position of the last stream event the stored content reflects. */
  seq: number;
  provider: string | null;
  model: string | null;
  error: string | null;
  createdAt: Date;
}

export interface ChatSessionDoc {
  _id: Types.ObjectId;
  tenantId: string;
  incidentId: string;
  createdBy: string;
  messages: ChatMessageDoc[];
  createdAt: Date;
  updatedAt: Date;
}

const messageSchema = new Schema<ChatMessageDoc>(
  {
    role: { type: String, required: true },
    content: { type: String, default: '' },
    status: { type: String, required: true },
    seq: { type: Number, default: 0 },
    provider: { type: String, default: null },
    model: { type: String, default: null },
    error: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { _id: true },
);

const chatSessionSchema = new Schema<ChatSessionDoc>(
  {
    tenantId: { type: String, required: true },
    incidentId: { type: String, required: true },
    createdBy: { type: String, required: true },
    messages: { type: [messageSchema], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'chat_sessions', versionKey: false },
);
chatSessionSchema.index({ tenantId: 1, incidentId: 1, createdAt: -1 });
chatSessionSchema.index({ 'messages._id': 1 });

export const chatSessionModel = (connection: Connection): Model<ChatSessionDoc> => connection.model<ChatSessionDoc>('ChatSession', chatSessionSchema);
