import { scopeToEnum } from '@soc/server-kit';
import type { ApiClientDoc } from '../models';
import type { TenantsContext } from './context';

export const ApiClient = {
  __resolveReference: (ref: { id: string }, context: TenantsContext) =>
    context.principal.scopes.includes('tenants:admin') ? context.loaders.apiClientById.load(ref.id) : null,
  id: (client: ApiClientDoc) => client._id.toHexString(),
  tenant: (client: ApiClientDoc, _args: unknown, context: TenantsContext) => context.loaders.tenantById.load(client.tenantId),
  scopes: (client: ApiClientDoc) => client.scopes.map(scopeToEnum),
};
