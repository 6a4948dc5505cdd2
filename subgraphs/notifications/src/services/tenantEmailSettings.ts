import type { TenantsFile } from '@soc/server-kit';
import type { EmailTransportName } from '../models';

/** How one tenant sends mail (tenants.json `email`), with references, never secrets. */
export interface TenantEmailSettings {
  tenantId: string;
  transport: EmailTransportName;
  from: string;
  fromName: string | null;
  sendgridApiKeyRef: string | null;
  smtpUrlRef: string | null;
  /** Base64 DER key that verifies SendGrid's Signed Event Webhook; null: the tenant accepts no SendGrid events. */
  sendgridWebhookPublicKey: string | null;
  mailPerMinute: number;
}

export interface EmailDefaults {
  from: string;
  mailPerMinute: number;
}

/**
 * Tenants' mail settings from the tenants file, read once at start. A tenant without an `email`
 * section (or no tenants file at all) uses the embedded outbox: the product works without a mail account.
 */
export class TenantEmailDirectory {
  constructor(
    private readonly file: TenantsFile | null,
    private readonly defaults: EmailDefaults,
  ) {}

  /** The tenant's id when `tenant` names it by id or slug; null when unknown. */
  resolveTenantId(tenant: string): string | null {
    if (!this.file) return null;
    return this.file.tenants.find((t) => t.id === tenant || t.slug === tenant)?.id ?? null;
  }

  settings(tenantId: string): TenantEmailSettings {
    const email = this.file?.tenants.find((t) => t.id === tenantId)?.email;
    return {
      tenantId,
      transport: email?.transport ?? 'outbox',
      from: email?.from ?? this.defaults.from,
      fromName: email?.fromName ?? null,
      sendgridApiKeyRef: email?.sendgridApiKey ?? null,
      smtpUrlRef: email?.smtpUrl ?? null,
      sendgridWebhookPublicKey: email?.sendgridWebhookPublicKey ?? null,
      mailPerMinute: email?.mailPerMinute ?? this.defaults.mailPerMinute,
    };
  }
}
