import type { Request } from 'express';
import { ErrorCode, type Principal } from '@soc/server-kit';
import type { PrincipalDirectory } from '../auth/principalDirectory';

export const SIGNATURE_HEADER = 'x-soc-signature';

/** Why a webhook call is refused before it reaches the incidents service. */
export class WebhookAuthError extends Error {
  constructor(
    readonly status: 401 | 403 | 404,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Who a webhook call acts as. An API key is checked here (it must belong to the tenant in the path
 * and hold incidents:write). A signature cannot be: the gateway never holds tenants' webhook
 * secrets, so the call goes on as the `sentinel-webhook` service of the path's tenant and the
 * incidents service verifies the signature over the raw body.
 */
export async function webhookPrincipal(req: Request, tenant: string, directory: PrincipalDirectory): Promise<Principal> {
  const apiKey = req.header('x-api-key')?.trim();
  if (apiKey) {
    const client = await directory.apiClientByKey(apiKey);
    if (!client) throw new WebhookAuthError(401, ErrorCode.UNAUTHENTICATED, 'API key is invalid or revoked');
    if (client.tenantId !== tenant && client.slug !== tenant) throw new WebhookAuthError(403, ErrorCode.FORBIDDEN, `This API key belongs to another tenant than "${tenant}"`);
    if (!client.scopes.includes('incidents:write')) throw new WebhookAuthError(403, ErrorCode.FORBIDDEN, `Missing permission incidents:write in tenant ${client.tenantId}`);
    return { kind: 'apiClient', id: client.id, email: null, tenantId: client.tenantId, memberships: [{ tenantId: client.tenantId, roles: [] }], scopes: client.scopes };
  }
  if (req.header(SIGNATURE_HEADER)?.trim()) {
    return { kind: 'service', id: 'sentinel-webhook', email: null, tenantId: tenant, memberships: [], scopes: [] };
  }
  throw new WebhookAuthError(401, ErrorCode.UNAUTHENTICATED, `Authentication required: send x-api-key (an API key with incidents:write) or ${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256>`);
}
