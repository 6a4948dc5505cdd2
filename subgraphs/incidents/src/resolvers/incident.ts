import type { AlertRecord, CommentRecord, EntityRecord } from '../models/incidentRecord';
import type { IncidentDoc } from '../models';
import type { IncidentsContext } from './context';

export const Incident = {
  __resolveReference: (ref: { id: string }, context: IncidentsContext) => context.loaders.incidentById.load(ref.id),
  id: (incident: IncidentDoc) => incident._id.toHexString(),
  tenant: (incident: IncidentDoc) => ({ id: incident.tenantId }),
  // Owner records from Sentinel may exist with every field empty: that is "unassigned".
  owner: (incident: IncidentDoc) => (incident.owner && Object.values(incident.owner).some(Boolean) ? incident.owner : null),
};

export const Alert = {
  id: (alert: AlertRecord) => alert.alertId,
};

export const IncidentEntity = {
  id: (entity: EntityRecord) => entity.entityId,
  name: (entity: EntityRecord) => entity.friendlyName,
};

export const IncidentComment = {
  id: (comment: CommentRecord) => comment.commentId,
};
