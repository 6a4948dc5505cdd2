import DataLoader from 'dataloader';
import { createByIdLoader, type Principal } from '@soc/server-kit';
import type { TenantDoc, TenantsModels } from './models';

/**
 * Per-request loaders. Tenants are visible only where the caller is a member; users only when
 * they share the active tenant with the caller; API clients only in the active tenant.
 */
export function tenantsLoaders(models: TenantsModels, principal: Principal) {
  const memberOf = principal.memberships.map((m) => m.tenantId);
  return {
    tenantById: new DataLoader<string, TenantDoc | null>(async (ids) => {
      const visible = ids.filter((id) => memberOf.includes(id));
      const rows = visible.length ? await models.Tenant.find({ _id: { $in: visible } }).lean() : [];
      const byId = new Map(rows.map((row) => [row._id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    userById: createByIdLoader(models.User, principal.tenantId ? { 'memberships.tenantId': principal.tenantId } : { _id: null }),
    apiClientById: createByIdLoader(models.ApiClient, { tenantId: principal.tenantId ?? { $in: [] } }),
  };
}

export type TenantsLoaders = ReturnType<typeof tenantsLoaders>;
