import type { Logger } from 'pino';
import type { Principal } from './auth/principal';
import type { Scope } from './auth/scopes';
import { ErrorCode, forbidden, platformError } from './errors';

/** What every resolver of every subgraph receives. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
  logger: Logger;
}

/**
 * The tenant a request is scoped to, after checking the caller holds `scope` there. Every data
 * access goes through this, so a query can never run without a tenant filter.
 */
export function authorize(context: RequestContext, scope: Scope): string {
  const { tenantId, scopes } = context.principal;
  if (!tenantId) throw platformError(ErrorCode.TENANT_REQUIRED, 'No active tenant: send the x-tenant-id header with a tenant you belong to');
  if (!scopes.includes(scope)) throw forbidden(`Missing permission ${scope} in tenant ${tenantId}`);
  return tenantId;
}

/**
 * Like `authorize`, for entity references and nested fields: a caller without access gets null
 * (the same answer as for a record that does not exist), not an error that would leak existence.
 */
export function tenantIfAllowed(principal: Principal, scope: Scope): string | null {
  const { tenantId, scopes } = principal;
  return tenantId && scopes.includes(scope) ? tenantId : null;
}
