import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { createInternalTokenSigner, createLogger, requestIdMiddleware } from '@soc/server-kit';
import { sendgridWebhookRouter } from '../../../../gateway/src/webhooks/sendgridWebhookRoute';
import type { TestStack } from '../../../../test/support/stack';

/**
 * SendGrid's side of the Signed Event Webhook: a P-256 key pair (the public half base64 DER, as
 * SendGrid shows it under Mail Settings), and signatures made the way SendGrid makes them: ECDSA
 * with SHA-256 over `<timestamp><raw body>`, base64 DER, in X-Twilio-Email-Event-Webhook-Signature.
 */
export class SendGridEventSigner {
  readonly publicKeyBase64: string;
  private readonly privateKey: KeyObject;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.publicKeyBase64 = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    this.privateKey = privateKey;
  }

  sign(body: string, timestamp = String(Math.floor(Date.now() / 1000))): { signature: string; timestamp: string } {
    return { signature: sign('sha256', Buffer.from(timestamp + body, 'utf8'), this.privateKey).toString('base64'), timestamp };
  }
}

export interface EventPost {
  body: string;
  signature?: string;
  timestamp?: string;
}

/**
 * Where SendGrid posts: the gateway's public /webhooks/sendgrid/<tenant>. When the stack's gateway
 * does not mount the route yet, a minimal gateway in front of the same notifications service does
 * (the same router, request ids and internal-token signing as the real one).
 */
export async function sendGridWebhookEndpoint(stack: TestStack): Promise<{ post(tenant: string, post: EventPost): Promise<{ status: number; body: any }>; close(): Promise<void> }> {
  const probe = await fetch(`${stack.gatewayUrl}/webhooks/sendgrid/contoso`, { method: 'POST', body: '[]' });
  let base = stack.gatewayUrl;
  let server: Server | null = null;
  if (probe.status === 404) {
    const app = express();
    app.use(requestIdMiddleware);
    app.use(
      sendgridWebhookRouter({
        sign: await createInternalTokenSigner(stack.internalKeys.privateKeyPem),
        notificationsUrl: `${stack.subgraphs.notifications.url}/graphql`,
        logger: createLogger('gateway', process.env.TEST_LOG_LEVEL ?? 'silent'),
      }),
    );
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }
  return {
    async post(tenant, { body, signature, timestamp }) {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'SendGrid Event API' };
      if (signature !== undefined) headers['x-twilio-email-event-webhook-signature'] = signature;
      if (timestamp !== undefined) headers['x-twilio-email-event-webhook-timestamp'] = timestamp;
      const response = await fetch(`${base}/webhooks/sendgrid/${tenant}`, { method: 'POST', headers, body });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    async close() {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
  };
}
