import type { Connection } from 'mongoose';
import { apiClientModel } from './apiClient';
import { tenantModel } from './tenant';
import { userModel } from './user';

export function tenantsModels(connection: Connection) {
  return { Tenant: tenantModel(connection), User: userModel(connection), ApiClient: apiClientModel(connection) };
}

export type TenantsModels = ReturnType<typeof tenantsModels>;
export type { TenantDoc } from './tenant';
export type { UserDoc } from './user';
export type { ApiClientDoc } from './apiClient';
