import { createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '@soc/server-kit';
import { unauthenticatedWebhook, WebhookError } from './webhookError';

export const SIGNATURE_HEADER = 'x-soc-signature';
/** How far a signature's timestamp may be from now: bounds how long a captured request can be replayed. */
export const REPLAY_WINDOW_SECONDS = 300;

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,12}$/;
const FORMAT = `${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`;

function hmac(secret: string, timestamp: string, body: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** The header value a sender puts on a body: what partners implement, and what the tests send. */
export function signWebhookBody(secret: string, body: Buffer | string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${hmac(secret, String(timestamp), Buffer.from(body)).toString('hex')}`;
}

/** t and the v1 signatures (several during a secret rotation); anything else in the header is ignored. */
function parseSignatureHeader(header: string): { timestamp: string; signatures: Buffer[] } {
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2).map((s) => s.trim());
    if (key === 't') timestamp = value;
    if (key === 'v1') {
      if (!HEX_SHA256.test(value)) throw new WebhookError(400, ErrorCode.BAD_REQUEST, `${SIGNATURE_HEADER} v1 must be 64 hex digits (HMAC-SHA256); expected ${FORMAT}`);
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined || !UNIX_SECONDS.test(timestamp) || signatures.length === 0) {
    throw new WebhookError(400, ErrorCode.BAD_REQUEST, `${SIGNATURE_HEADER} is malformed; expected ${FORMAT}`);
  }
  return { timestamp, signatures };
}

/**
 * Checks a signed webhook: the signature must be over this exact body and timestamp with the
 * tenant's secret, and the timestamp within the replay window. Throws the refusal otherwise.
 */
export function verifyWebhookSignature(header: string | undefined, body: Buffer, secret: string, nowMs = Date.now()): void {
  if (!header?.trim()) throw unauthenticatedWebhook(`Missing ${SIGNATURE_HEADER} header; expected ${FORMAT}`);
  const { timestamp, signatures } = parseSignatureHeader(header);
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > REPLAY_WINDOW_SECONDS) {
    throw unauthenticatedWebhook(`${SIGNATURE_HEADER} timestamp is ${Math.round(skew)} s away from the server's clock; at most ${REPLAY_WINDOW_SECONDS} s is accepted`);
  }
  const expected = hmac(secret, timestamp, body);
  // Every candidate is compared in constant time, and all of them, so timing says nothing about which failed.
  const matches = signatures.map((signature) => timingSafeEqual(signature, expected));
  if (!matches.includes(true)) throw unauthenticatedWebhook(`${SIGNATURE_HEADER} does not match the body: wrong secret, or the body changed after signing`);
}
