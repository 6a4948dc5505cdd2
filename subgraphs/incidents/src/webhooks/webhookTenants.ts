import type { Logger } from 'pino';
import type { TenantsFile } from '@soc/server-kit';
import { resolveSecretRef, SecretUnavailableError } from '../services/sentinelWorkspaces';
import { unauthenticatedWebhook } from './webhookError';

/**
 * Which tenants accept signed webhooks, from the tenants file read once at start. The secret itself
 * is read from the environment at each use (like every `env:` secret) and never kept.
 */
export class WebhookTenants {
  constructor(
    private readonly file: TenantsFile | null,
    private readonly logger: Logger,
  ) {}

  /** The tenant's id (the path may name it by slug) and its webhook secret; refuses tenants without one. */
  secretFor(tenant: string): { tenantId: string; secret: string } {
    const config = this.file?.tenants.find((t) => t.id === tenant || t.slug === tenant);
    const ref = config?.webhooks?.sentinelSecret;
    // One answer for unknown tenants and tenants without a secret: the caller learns nothing about which exist.
    if (!config || !ref) throw unauthenticatedWebhook(`Tenant "${tenant}" does not accept signed webhooks (no webhook secret is configured); use an API key with incidents:write`);
    try {
      return { tenantId: config.id, secret: resolveSecretRef(ref) };
    } catch (error) {
      if (!(error instanceof SecretUnavailableError)) throw error;
      // The variable's name is for the operator's log, not for the caller.
      this.logger.error({ tenantId: config.id, secretRef: ref }, 'Sentinel webhook secret is not available: its environment variable is not set');
      throw unauthenticatedWebhook(`Signed webhooks of tenant "${tenant}" are unavailable: the webhook secret is not set on the server`);
    }
  }
}
