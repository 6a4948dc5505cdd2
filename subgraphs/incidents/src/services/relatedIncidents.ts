import type { IncidentDoc, IncidentsModels } from '../models';

const CANDIDATES = 200;

/**
 * Other incidents of the tenant sharing entities (same account, host, address, file...) with this
 * one, most shared first. Entity keys are indexed per tenant, so this is one indexed query.
 */
export async function relatedIncidents(models: IncidentsModels, incident: IncidentDoc, first: number) {
  if (incident.entityKeys.length === 0 || first <= 0) return [];
  const candidates = (await models.Incident.find({ tenantId: incident.tenantId, entityKeys: { $in: incident.entityKeys }, _id: { $ne: incident._id } })
    .sort({ createdAt: -1 })
    .limit(CANDIDATES)
    .lean()) as IncidentDoc[];
  const own = new Set(incident.entityKeys);
  const friendly = new Map(incident.entities.map((e) => [`${e.kind}:${e.friendlyName}`.toLowerCase(), e.friendlyName]));
  return candidates
    .map((other) => ({ incident: other, sharedEntities: other.entityKeys.filter((key) => own.has(key)).map((key) => friendly.get(key) ?? key) }))
    .sort((a, b) => b.sharedEntities.length - a.sharedEntities.length)
    .slice(0, first);
}
