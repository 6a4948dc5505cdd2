import { authorize, findPage, forbidden, notFound, scopeToEnum, type PageArgs } from '@soc/server-kit';
import type { TenantsContext } from './context';

export const Query = {
  me: async (_root: unknown, _args: unknown, context: TenantsContext) => {
    if (context.principal.kind !== 'user') throw forbidden('`me` is for signed-in users; API clients use `viewer`');
    const user = await context.models.User.findById(context.principal.id).lean();
    if (!user) throw notFound('User');
    return user;
  },
  viewer: (_root: unknown, _args: unknown, context: TenantsContext) => {
    const { principal } = context;
    return {
      kind: principal.kind === 'user' ? 'USER' : 'API_CLIENT',
      user: principal.kind === 'user' ? context.models.User.findById(principal.id).lean().exec() : null,
      apiClient: principal.kind === 'apiClient' ? context.models.ApiClient.findOne({ _id: principal.id, tenantId: principal.tenantId }).lean().exec() : null,
      activeTenant: principal.tenantId ? context.loaders.tenantById.load(principal.tenantId) : null,
      scopes: principal.scopes.map(scopeToEnum),
    };
  },
  tenants: async (_root: unknown, _args: unknown, context: TenantsContext) => {
    const ids = context.principal.memberships.map((m) => m.tenantId);
    const tenants = await context.loaders.tenantById.loadMany(ids);
    return tenants.filter((t) => t && !(t instanceof Error));
  },
  tenant: async (_root: unknown, args: { id: string }, context: TenantsContext) => {
    const byId = await context.loaders.tenantById.load(args.id);
    if (byId) return byId;
    const bySlug = await context.models.Tenant.findOne({ slug: args.id }, { _id: 1 }).lean();
    return bySlug ? context.loaders.tenantById.load(bySlug._id) : null;
  },
  apiClients: (_root: unknown, args: PageArgs, context: TenantsContext) => {
    const tenantId = authorize(context, 'tenants:admin');
    return findPage(context.models.ApiClient, { tenantId }, { field: 'createdAt', direction: 'DESC' }, args);
  },
};
