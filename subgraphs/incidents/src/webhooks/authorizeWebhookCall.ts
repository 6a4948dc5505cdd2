import type { Principal } from '@soc/server-kit';
import { forbiddenWebhook, unauthenticatedWebhook } from './webhookError';
import { verifyWebhookSignature } from './webhookSignature';
import type { WebhookTenants } from './webhookTenants';

/** The service identity the gateway signs for a webhook call that carries a signature instead of an API key. */
export const SIGNED_WEBHOOK_SERVICE = 'sentinel-webhook';

/**
 * The tenant a webhook call writes to. An API client brings its tenant and needs incidents:write;
 * a signed call names the tenant in its path and proves itself with the tenant's secret, which only
 * this service can check (the gateway never sees it).
 */
export function authorizeWebhookCall(principal: Principal, signature: string | undefined, body: Buffer, tenants: WebhookTenants): string {
  if (principal.kind === 'apiClient') {
    if (!principal.tenantId) throw unauthenticatedWebhook('API client has no tenant');
    if (!principal.scopes.includes('incidents:write')) throw forbiddenWebhook(`Missing permission incidents:write in tenant ${principal.tenantId}`);
    return principal.tenantId;
  }
  if (principal.kind === 'service' && principal.id === SIGNED_WEBHOOK_SERVICE) {
    if (!principal.tenantId) throw unauthenticatedWebhook('Signed webhook call names no tenant');
    const { tenantId, secret } = tenants.secretFor(principal.tenantId);
    verifyWebhookSignature(signature, body, secret);
    return tenantId;
  }
  throw forbiddenWebhook('The Sentinel webhook accepts API clients with incidents:write and signed webhook calls only');
}
