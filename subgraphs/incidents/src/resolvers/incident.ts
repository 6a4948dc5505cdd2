import { badUserInput } from '@soc/server-kit';
import type { AlertRecord, CommentRecord, EntityRecord } from '../models/incidentRecord';
import type { IncidentDoc, WriteBackRecord } from '../models';
import { relatedIncidents } from '../services/relatedIncidents';
import type { IncidentsContext } from './context';

const MAX_RELATED = 50;

export const Incident = {
  __resolveReference: (ref: { id: string }, context: IncidentsContext) => context.loaders.incidentById.load(ref.id),
  id: (incident: IncidentDoc) => incident._id.toHexString(),
  tenant: (incident: IncidentDoc) => ({ id: incident.tenantId }),
  // Owner records from Sentinel may exist with every field empty: that is "unassigned".
  owner: (incident: IncidentDoc) => (incident.owner && Object.values(incident.owner).some(Boolean) ? incident.owner : null),
  relatedIncidents: (incident: IncidentDoc, args: { first?: number | null }, context: IncidentsContext) => {
    const first = args.first ?? 10;
    if (first < 0 || first > MAX_RELATED) throw badUserInput(`first must be between 0 and ${MAX_RELATED}`, 'first');
    return relatedIncidents(context.models, incident, first);
  },
  sentinelWriteBacks: (incident: IncidentDoc) => [...incident.writeBacks].reverse(),
};

export const SentinelWriteBack = {
  id: (writeBack: WriteBackRecord) => writeBack._id.toHexString(),
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
