import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * Which incidents have write-backs due, as small documents the worker can poll cheaply. The
 * write-backs themselves live on the incident (the source of truth); an entry lost to a crash
 * between the two writes is rebuilt from the incidents at start.
 */
export interface WriteBackQueueDoc {
  _id: Types.ObjectId; // the incident's id
  tenantId: string;
  dueAt: Date;
}

const queueSchema = new Schema<WriteBackQueueDoc>(
  { _id: { type: Schema.Types.ObjectId, required: true }, tenantId: { type: String, required: true }, dueAt: { type: Date, required: true } },
  { collection: 'writeback_queue', versionKey: false },
);
queueSchema.index({ dueAt: 1 });

export const writeBackQueueModel = (connection: Connection): Model<WriteBackQueueDoc> => connection.model<WriteBackQueueDoc>('WriteBackQueue', queueSchema);
