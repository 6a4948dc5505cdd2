import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What a fake model endpoint does with one request; scripted per request, in order. */
export type FakeStep =
  /** Success: the model's answer is this value as JSON (Anthropic: a tool_use block with it as input). */
  | { kind: 'json'; value: unknown; usage?: FakeUsage }
  /** Success: the model's answer is this exact text (e.g. not JSON at all). */
  | { kind: 'text'; text: string; usage?: FakeUsage }
  /** Success, streamed in these chunks; `dropAfter`: the connection dies after that many chunks. */
  | { kind: 'stream'; chunks: string[]; usage?: FakeUsage; dropAfter?: number; omitUsage?: boolean }
  /** The provider's own 401 for rejected credentials. */
  | { kind: 'unauthorized' }
  /** 429 with the provider's throttling body and its way of saying when to come back. */
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  /** 500 with the provider's server error body. */
  | { kind: 'serverError' }
  /** Accepts the request and never answers. */
  | { kind: 'hang' };

export interface FakeUsage {
  input: number;
  output: number;
}

export const DEFAULT_FAKE_USAGE: FakeUsage = { input: 1_000, output: 200 };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: any;
  /** Date.now() on arrival. */
  at: number;
  step: FakeStep['kind'];
}

/** The parts of a request a wire format needs to answer it. */
export interface FakeExchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: any;
  step: FakeStep;
}

/**
 * A loopback HTTP server speaking one provider's wire format. Each request takes the next scripted
 * step (or the default one) and is recorded, so tests can assert what the real SDK sent.
 */
export abstract class FakeModelServer {
  readonly requests: RecordedRequest[] = [];
  #server: Server | undefined;
  #sockets = new Set<Socket>();
  #script: FakeStep[] = [];
  #default: FakeStep = { kind: 'serverError' };

  /** The next requests get these steps, in order. */
  script(...steps: FakeStep[]): this {
    this.#script.push(...steps);
    return this;
  }

  /** What requests get once the script is used up (initially a 500, so stray requests are visible). */
  otherwise(step: FakeStep): this {
    this.#default = step;
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.#script = [];
    this.#default = { kind: 'serverError' };
  }

  /** Requests that reached the model endpoint (not auth or other paths). */
  get calls(): RecordedRequest[] {
    return this.requests;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.#handle(req, res));
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    return this;
  }

  get origin(): string {
    const { port } = this.#server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  /** Answers one request in this wire format; the step says how. */
  protected abstract respond(exchange: FakeExchange): void;
  /** Rejects a request the real service would reject before running the model (auth, routing); undefined to go on. */
  protected abstract precheck(req: IncomingMessage, url: URL): { status: number; body: unknown } | undefined;

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const rejected = this.precheck(req, url);
    const step: FakeStep = rejected ? { kind: 'unauthorized' } : (this.#script.shift() ?? this.#default);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body, at: Date.now(), step: step.kind });
    if (rejected) {
      sendJson(res, rejected.status, rejected.body);
      return;
    }
    if (step.kind === 'hang') return; // the socket stays open until the client gives up or stop()
    this.respond({ req, res, url, body, step });
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Writes server-sent events one by one; drops the connection after `dropAfter` events when asked. */
export async function sendEvents(res: ServerResponse, events: string[], dropAfter?: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const [index, event] of events.entries()) {
    if (dropAfter !== undefined && index === dropAfter) {
      // Let the written events reach the client first, then cut the connection mid-stream.
      await new Promise((resolve) => setTimeout(resolve, 20));
      res.socket?.destroy();
      return;
    }
    res.write(event);
    // Separate TCP writes, so the client really sees a stream and not one body.
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}

/** The text of a step that succeeds (answers of `json` steps are serialised). */
export function answerText(step: FakeStep): string {
  if (step.kind === 'json') return JSON.stringify(step.value);
  if (step.kind === 'text') return step.text;
  if (step.kind === 'stream') return step.chunks.join('');
  throw new Error(`step ${step.kind} has no answer`);
}

export function usageOf(step: FakeStep): FakeUsage {
  return ('usage' in step && step.usage) || DEFAULT_FAKE_USAGE;
}

/** Stream chunks of a step: a stream step's own, else the whole answer as one chunk. */
export function chunksOf(step: FakeStep): string[] {
  return step.kind === 'stream' ? step.chunks : [answerText(step)];
}

export function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}
