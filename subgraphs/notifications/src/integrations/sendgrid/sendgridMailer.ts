import { Client } from '@sendgrid/client';
import { MailService, type MailDataRequired } from '@sendgrid/mail';
import { DeliveryError, isRetryableStatus, retryAfterMs, shortReason } from '../deliveryError';
import type { OutgoingMail, SentMail } from '../mailMessage';

export const DEFAULT_SENDGRID_API_URL = 'https://api.sendgrid.com';

/** Custom args SendGrid echoes on every Event Webhook event of the message: how events find their notification. */
export const CUSTOM_ARG_NOTIFICATION = 'soc_notification_id';
export const CUSTOM_ARG_TENANT = 'soc_tenant_id';

export interface SendGridOptions {
  apiKey: string;
  /** API base URL (SENDGRID_API_URL): https://api.sendgrid.com, the EU host, or a local fake in tests. */
  baseUrl: string;
  timeoutMs: number;
}

interface SendGridErrorBody {
  errors?: Array<{ message?: string | null; field?: string | null; help?: string | null }>;
}

interface SendGridResponseError {
  code?: number;
  response?: { headers?: Record<string, string | undefined>; body?: SendGridErrorBody | string };
}

/** The v3 Mail Send body for one notification: one personalization, text part before HTML (as SendGrid requires). */
export function sendGridMessage(mail: OutgoingMail): MailDataRequired {
  return {
    from: mail.from.name ? { email: mail.from.email, name: mail.from.name } : { email: mail.from.email },
    personalizations: [{ to: [{ email: mail.to }] }],
    subject: mail.subject,
    content: [
      { type: 'text/plain', value: mail.text },
      { type: 'text/html', value: mail.html },
    ],
    customArgs: { [CUSTOM_ARG_NOTIFICATION]: mail.notificationId, [CUSTOM_ARG_TENANT]: mail.tenantId },
    categories: ['soc-notification'],
  };
}

function describeError(error: unknown): DeliveryError {
  const { code, response } = (error ?? {}) as SendGridResponseError;
  if (typeof code === 'number' && code >= 400) {
    const body = typeof response?.body === 'object' ? response.body : undefined;
    const details = (body?.errors ?? [])
      .map((e) => [e.message, e.field ? `(${e.field})` : ''].filter(Boolean).join(' '))
      .filter(Boolean)
      .join('; ');
    const headers = response?.headers ?? {};
    // 429: SendGrid names the end of the rate-limit window in X-RateLimit-Reset (unix seconds).
    const reset = Number(headers['x-ratelimit-reset']);
    const wait = retryAfterMs(headers['retry-after']) ?? (Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : null);
    return new DeliveryError(shortReason(`SendGrid answered ${code}${details ? `: ${details}` : ''}`), isRetryableStatus(code), code === 429 ? wait : null);
  }
  // No HTTP answer: connection refused, reset, DNS, timeout. The API key is never part of these messages.
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(shortReason(`SendGrid unreachable: ${message}`), true);
}

/**
 * Sends one mail through `@sendgrid/mail`. A client per send: each tenant has its own API key, and
 * the SDK's default instance is shared state. The key is set first, because setApiKey resets the
 * base URL to SendGrid's own host.
 */
export async function sendWithSendGrid(mail: OutgoingMail, options: SendGridOptions): Promise<SentMail> {
  const client = new Client();
  client.setApiKey(options.apiKey);
  client.setDefaultRequest('baseUrl', options.baseUrl);
  const service = new MailService();
  service.setClient(client);
  service.setTimeout(options.timeoutMs);
  try {
    const [response] = await service.send(sendGridMessage(mail));
    const header = response.headers['x-message-id'];
    return { providerMessageId: typeof header === 'string' && header ? header : null };
  } catch (error) {
    throw describeError(error);
  }
}
