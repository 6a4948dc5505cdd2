import type { FilterQuery } from 'mongoose';
import { badUserInput, findPage, type PageArgs, type SortSpec } from '@soc/server-kit';
import type { IncidentDoc, IncidentsModels } from '../models';

export interface IncidentFilterInput {
  severity?: string[] | null;
  status?: string[] | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
  tactic?: string | null;
  technique?: string | null;
  label?: string | null;
}

export interface IncidentOrderInput {
  field: 'CREATED_AT' | 'UPDATED_AT' | 'SEVERITY' | 'NUMBER';
  direction: 'ASC' | 'DESC';
}

const SORT_FIELDS: Record<IncidentOrderInput['field'], string> = {
  CREATED_AT: 'createdAt',
  UPDATED_AT: 'updatedAt',
  SEVERITY: 'severityRank',
  NUMBER: 'number',
};

/** Builds the Mongo filter of an incident list; always scoped to one tenant. */
export function incidentFilter(tenantId: string, filter: IncidentFilterInput | null | undefined): FilterQuery<IncidentDoc> {
  const query: FilterQuery<IncidentDoc> = { tenantId };
  if (!filter) return query;
  if (filter.severity?.length) query.severity = { $in: filter.severity };
  if (filter.status?.length) query.status = { $in: filter.status };
  if (filter.createdAfter || filter.createdBefore) {
    if (filter.createdAfter && filter.createdBefore && filter.createdAfter > filter.createdBefore) {
      throw badUserInput('createdAfter must not be later than createdBefore', 'filter.createdAfter');
    }
    query.createdAt = { ...(filter.createdAfter && { $gte: filter.createdAfter }), ...(filter.createdBefore && { $lt: filter.createdBefore }) };
  }
  if (filter.tactic) query.tactics = filter.tactic;
  if (filter.technique) query.techniques = filter.technique;
  if (filter.label) query.labels = filter.label;
  return query;
}

export function listIncidents(
  models: IncidentsModels,
  tenantId: string,
  args: PageArgs & { filter?: IncidentFilterInput | null; orderBy?: IncidentOrderInput | null },
) {
  const order = args.orderBy ?? { field: 'CREATED_AT', direction: 'DESC' };
  const sort: SortSpec = { field: SORT_FIELDS[order.field], direction: order.direction };
  return findPage(models.Incident, incidentFilter(tenantId, args.filter), sort, args);
}
