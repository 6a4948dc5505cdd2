import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** Headers of SendGrid's Signed Event Webhook. */
export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

/**
 * The verification key as SendGrid shows it: base64 of a DER SubjectPublicKeyInfo (ECDSA P-256),
 * without PEM framing. A PEM is accepted too.
 */
export function sendGridPublicKey(value: string): KeyObject {
  const trimmed = value.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPublicKey(trimmed);
  return createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
}

/**
 * SendGrid signs `<timestamp header><raw body>` with ECDSA over SHA-256; the signature header is the
 * base64 DER signature. Checked with node:crypto rather than the SDK's pure-JS ECDSA: the same
 * result (the tests cross-check with @sendgrid/eventwebhook) at a fraction of the CPU an
 * unauthenticated caller could make us spend.
 */
export function verifySendGridSignature(publicKey: KeyObject, signature: string, timestamp: string, rawBody: Buffer): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return verify('sha256', Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
