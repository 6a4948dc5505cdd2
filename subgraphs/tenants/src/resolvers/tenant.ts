import type { TenantDoc } from '../models';
import type { TenantsContext } from './context';

export const Tenant = {
  __resolveReference: (ref: { id: string }, context: TenantsContext) => context.loaders.tenantById.load(ref.id),
  id: (tenant: TenantDoc) => tenant._id,
  sentinelConnected: (tenant: TenantDoc) => Boolean(tenant.settings.sentinel),
  sla: (tenant: TenantDoc) => ({
    high: tenant.settings.sla.HIGH,
    medium: tenant.settings.sla.MEDIUM,
    low: tenant.settings.sla.LOW,
    informational: tenant.settings.sla.INFORMATIONAL,
  }),
  retentionDays: (tenant: TenantDoc) => tenant.settings.retentionDays,
  myRoles: (tenant: TenantDoc, _args: unknown, context: TenantsContext) =>
    context.principal.memberships.find((m) => m.tenantId === tenant._id)?.roles ?? [],
};
