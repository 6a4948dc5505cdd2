import type { FilterQuery } from 'mongoose';
import { badUserInput, DEFAULT_PAGE_LIMITS, findPage, type PageArgs, type SortSpec } from '@soc/server-kit';
import { SEVERITY_RANK, tokenize, type IncidentDoc, type IncidentsModels } from '../models';
import type { Classification, IncidentStatus, Severity } from '../models/incidentRecord';

export interface IncidentFilterInput {
  severity?: Severity[] | null;
  status?: IncidentStatus[] | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
  tactic?: string | null;
  technique?: string | null;
  label?: string | null;
  /** Email or UPN of the owner; '' means unassigned. */
  owner?: string | null;
  classification?: Classification[] | null;
  /** Words that must all appear (whole words) in the title, description or an entity value. */
  search?: string | null;
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

/** More words than this make a query whose cost grows without making the result more useful. */
export const MAX_SEARCH_TOKENS = 8;
const MAX_SEARCH_LENGTH = 200;

/**
 * The tokens an incident must all hold to match `search`. `tokenize` also emits the parts of
 * dotted/@ values; a part implied by a whole value in the same query is dropped, since a stored
 * value's parts are stored with it, so the $all list stays as short as what the user typed.
 */
export function searchTokensOf(search: string): string[] {
  if (search.length > MAX_SEARCH_LENGTH) throw badUserInput(`search must be at most ${MAX_SEARCH_LENGTH} characters`, 'filter.search');
  const tokens = tokenize(search);
  const implied = new Set(tokens.flatMap((token) => token.split(/[._@-]+/).filter((part) => part !== token)));
  const needed = tokens.filter((token) => !implied.has(token));
  if (needed.length === 0) throw badUserInput('search must contain at least one letter or digit', 'filter.search');
  if (needed.length > MAX_SEARCH_TOKENS) throw badUserInput(`search may contain at most ${MAX_SEARCH_TOKENS} words`, 'filter.search');
  return needed;
}

/**
 * Builds the Mongo filter of an incident list; always scoped to one tenant. Every condition is on
 * a field with a {tenantId, field} index (severity through its stored rank).
 */
export function incidentFilter(tenantId: string, filter: IncidentFilterInput | null | undefined): FilterQuery<IncidentDoc> {
  const query: FilterQuery<IncidentDoc> = { tenantId };
  if (!filter) return query;
  if (filter.severity?.length) query.severityRank = { $in: filter.severity.map((s) => SEVERITY_RANK[s]) };
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
  // ownerKey is lower-cased at write time and '' when unassigned, so '' selects unassigned ones.
  if (filter.owner != null) query.ownerKey = filter.owner.trim().toLowerCase();
  if (filter.classification?.length) query.classification = { $in: filter.classification };
  if (filter.search != null) query.searchTokens = { $all: searchTokensOf(filter.search) };
  return query;
}

export function listIncidents(
  models: IncidentsModels,
  tenantId: string,
  args: PageArgs & { filter?: IncidentFilterInput | null; orderBy?: IncidentOrderInput | null },
  options: { countTotal?: boolean } = {},
) {
  const order = args.orderBy ?? { field: 'CREATED_AT', direction: 'DESC' };
  const sort: SortSpec = { field: SORT_FIELDS[order.field], direction: order.direction };
  return findPage(models.Incident, incidentFilter(tenantId, args.filter), sort, args, DEFAULT_PAGE_LIMITS, options);
}
