import { authorize, selectsField, type GraphQLResolveInfo, type PageArgs } from '@soc/server-kit';
import { listIncidents, type IncidentFilterInput, type IncidentOrderInput } from '../services/incidentList';
import type { IncidentsContext } from './context';

type ListArgs = PageArgs & { filter?: IncidentFilterInput | null; orderBy?: IncidentOrderInput | null };

export const Query = {
  incidents: (_root: unknown, args: ListArgs, context: IncidentsContext, info: GraphQLResolveInfo) =>
    listIncidents(context.models, authorize(context, 'incidents:read'), args, { countTotal: selectsField(info, 'totalCount') }),
  incident: (_root: unknown, args: { id: string }, context: IncidentsContext) => {
    authorize(context, 'incidents:read');
    return context.loaders.incidentById.load(args.id);
  },
};

/** `Tenant.incidents`: the active tenant's list; any other tenant's is empty, never foreign data. */
export const Tenant = {
  incidents: async (tenant: { id: string }, args: ListArgs, context: IncidentsContext, info: GraphQLResolveInfo) => {
    const tenantId = authorize(context, 'incidents:read');
    if (tenant.id !== tenantId) {
      return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 };
    }
    return listIncidents(context.models, tenantId, args, { countTotal: selectsField(info, 'totalCount') });
  },
};
