import type { UserDoc } from '../models';
import type { TenantsContext } from './context';

export const User = {
  __resolveReference: (ref: { id: string }, context: TenantsContext) => context.loaders.userById.load(ref.id),
  id: (user: UserDoc) => user._id.toHexString(),
  /** Only memberships of tenants the caller belongs to: no one learns of other customers. */
  memberships: async (user: UserDoc, _args: unknown, context: TenantsContext) => {
    const shared = user.memberships.filter((m) => context.principal.memberships.some((own) => own.tenantId === m.tenantId));
    const tenants = await context.loaders.tenantById.loadMany(shared.map((m) => m.tenantId));
    return shared.flatMap((m, i) => {
      const tenant = tenants[i];
      return tenant && !(tenant instanceof Error) ? [{ tenant, roles: m.roles }] : [];
    });
  },
};
