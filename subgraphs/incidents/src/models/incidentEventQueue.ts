import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * Incidents with changes not yet published as events, as small documents the relay polls
 * cheaply. Written right after each incident write; what a crash in between loses is found again
 * at start from the incidents' `updatedAt` since the relay's last checkpoint.
 */
export interface IncidentEventQueueDoc {
  _id: Types.ObjectId; // the incident's id
  queuedAt: Date;
}

/**
 * What the relay last published for an incident. Kept apart from the incident: FerretDB 1.24
 * applies an update as read-modify-write of the whole document, so a second writer of incident
 * documents could undo a concurrent sync or write-back update.
 */
export interface IncidentEventCursorDoc {
  _id: Types.ObjectId; // the incident's id
  rev: number;
  timelineLength: number;
}

/** The relay's checkpoint: every change before it has been published. */
export interface IncidentEventCheckpointDoc {
  _id: string;
  at: Date;
}

const queueSchema = new Schema<IncidentEventQueueDoc>(
  { _id: { type: Schema.Types.ObjectId, required: true }, queuedAt: { type: Date, required: true } },
  { collection: 'incident_event_queue', versionKey: false },
);
const cursorSchema = new Schema<IncidentEventCursorDoc>(
  { _id: { type: Schema.Types.ObjectId, required: true }, rev: { type: Number, required: true }, timelineLength: { type: Number, required: true } },
  { collection: 'incident_event_cursors', versionKey: false },
);
const checkpointSchema = new Schema<IncidentEventCheckpointDoc>({ _id: { type: String, required: true }, at: { type: Date, required: true } }, { collection: 'incident_event_checkpoint', versionKey: false });

export const incidentEventQueueModel = (connection: Connection): Model<IncidentEventQueueDoc> =>
  connection.model<IncidentEventQueueDoc>('IncidentEventQueue', queueSchema);
export const incidentEventCursorModel = (connection: Connection): Model<IncidentEventCursorDoc> =>
  connection.model<IncidentEventCursorDoc>('IncidentEventCursor', cursorSchema);
export const incidentEventCheckpointModel = (connection: Connection): Model<IncidentEventCheckpointDoc> =>
  connection.model<IncidentEventCheckpointDoc>('IncidentEventCheckpoint', checkpointSchema);
