import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures of the platform's outbound webhooks, in the same scheme the platform accepts on its
 * own inbound webhooks: `x-soc-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * The timestamp is signed with the body, so a receiver can refuse old (replayed) deliveries.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-soc-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: string, body: Buffer | string) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body).digest();

/** The header value for a body: `t=<unix seconds>,v1=<hex>`. */
export function signWebhookBody(secret: string, body: Buffer | string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${hmac(secret, String(timestamp), body).toString('hex')}`;
}

export interface VerifyWebhookOptions {
  /** How far the signed timestamp may be from now (default 300 s). */
  toleranceSeconds?: number;
  nowMs?: number;
}

/**
 * For receivers of the platform's webhooks: true when `header` (the x-soc-signature value) signs
 * exactly these body bytes with `secret`, within the timestamp tolerance. Pass the raw body as
 * received, before any JSON parsing. Several v1 values (during a secret rotation) are accepted.
 */
export function verifyWebhookSignature(header: string | null | undefined, body: Buffer | string, secret: string, options: VerifyWebhookOptions = {}): boolean {
  if (!header || !secret) return false;
  let timestamp: string | undefined;
  const candidates: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2);
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = value;
    if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(Buffer.from(value, 'hex'));
  }
  if (!timestamp || candidates.length === 0) return false;
  const nowSeconds = (options.nowMs ?? Date.now()) / 1000;
  if (Math.abs(nowSeconds - Number(timestamp)) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = hmac(secret, timestamp, body);
  // Compare every candidate in constant time, so timing says nothing about which one failed.
  return candidates.map((candidate) => timingSafeEqual(candidate, expected)).includes(true);
}
