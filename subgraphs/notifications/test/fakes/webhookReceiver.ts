import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '../../src';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether x-soc-signature verified with the receiver's secret (what a partner's receiver does). */
  signatureValid: boolean;
  status: number;
}

/**
 * A partner's webhook receiver on loopback: verifies x-soc-signature with the shared secret through
 * the exported `verifyWebhookSignature`, records every post, and answers per path as scripted
 * (the last status repeats), optionally after a delay (deliveries in flight during a restart).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly scripts = new Map<string, number[]>();
  private server: Server | null = null;
  url = '';
  delayMs = 0;

  constructor(private readonly secret: string | null) {}

  script(path: string, statuses: number[]): void {
    this.scripts.set(path, [...statuses]);
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const path = req.url ?? '/';
        const script = this.scripts.get(path);
        const status = script && script.length > 1 ? script.shift()! : (script?.[0] ?? 200);
        if (this.delayMs) await delay(this.delayMs);
        const signatureValid = this.secret ? verifyWebhookSignature(req.headers[WEBHOOK_SIGNATURE_HEADER] as string | undefined, raw, this.secret) : false;
        this.received.push({ path, headers: req.headers, body: raw.toString('utf8'), signatureValid, status });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status < 300 ? { ok: true } : { error: 'receiver failed' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
