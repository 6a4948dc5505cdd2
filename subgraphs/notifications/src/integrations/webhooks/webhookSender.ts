import { DeliveryError, isRetryableStatus, retryAfterMs, shortReason } from '../deliveryError';
import { signWebhookBody, WEBHOOK_SIGNATURE_HEADER } from './webhookSignature';

export interface OutgoingWebhook {
  notificationId: string;
  url: string;
  body: string;
  eventType: string | null;
  /** The resolved HMAC secret; null sends unsigned (Teams and Slack incoming webhooks check none). */
  secret: string | null;
}

/**
 * POSTs one webhook. Signed afresh at each attempt (the timestamp is part of the signature, so a
 * retry is not mistaken for a replay). Redirects are not followed: a webhook URL that moves is a
 * configuration to fix, not a hop to take blindly.
 */
export async function postWebhook(webhook: OutgoingWebhook, timeoutMs: number): Promise<{ status: number }> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'soc-platform-notifications/1',
    // Receivers deduplicate on it: a delivery retried after a lost answer carries the same id.
    'x-soc-delivery': webhook.notificationId,
  };
  if (webhook.eventType) headers['x-soc-event'] = webhook.eventType;
  if (webhook.secret) headers[WEBHOOK_SIGNATURE_HEADER] = signWebhookBody(webhook.secret, webhook.body);
  let response: Response;
  try {
    response = await fetch(webhook.url, { method: 'POST', headers, body: webhook.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = error instanceof Error ? (error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new DeliveryError(shortReason(`webhook unreachable: ${reason}`), true);
  }
  // Drain the body (bounded) so the connection is released; only a snippet is kept, for the reason.
  const text = (await response.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
  if (response.ok) return { status: response.status };
  if (response.status >= 300 && response.status < 400) {
    throw new DeliveryError(`webhook answered ${response.status} (redirect to ${response.headers.get('location') ?? 'nowhere'}); redirects are not followed, update the URL`, false);
  }
  throw new DeliveryError(
    shortReason(`webhook answered ${response.status}${text ? `: ${text}` : ''}`),
    isRetryableStatus(response.status),
    response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after')) : null,
  );
}
