/**
 * A minimal keep-alive HTTP POST client (Node's http module; undici is not installed here).
 * It does as little as possible on the hot path: the load generator shares 2 cores with the
 * services it measures.
 */
import http from 'node:http';

export interface HttpReply {
  status: number;
  body: string;
}

export class KeepAliveClient {
  private readonly agent: http.Agent;
  private readonly hostname: string;
  private readonly port: number;
  private readonly path: string;

  /** One client per target: at most `connections` sockets, reused across requests. */
  constructor(
    url: string,
    connections: number,
    /**
     * A request with no traffic for this long fails instead of hanging the run. Generous: with 50
     * requests in flight on a slow database and 2 cores, each can legitimately take a minute or more.
     */
    private readonly timeoutMs = 300_000,
  ) {
    const parsed = new URL(url);
    this.hostname = parsed.hostname;
    this.port = Number(parsed.port || 80);
    this.path = parsed.pathname + parsed.search;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  post(body: string, headers: Record<string, string>): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          hostname: this.hostname,
          port: this.port,
          path: this.path,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.setTimeout(this.timeoutMs, () => request.destroy(new Error(`no answer within ${this.timeoutMs / 1000} s`)));
      request.end(body);
    });
  }

  /** Closes the pooled sockets, so the next run starts from fresh connections. */
  close(): void {
    this.agent.destroy();
  }
}

/**
 * A GraphQL answer counts as a success when it is 2xx and carries no top-level `errors`.
 * `"errors":` can only occur as an object key in the JSON text (a string value is followed by
 * `,`, `]` or `}`), and the selected fields have no such key, so no parse is needed.
 */
export function graphqlFailure(reply: HttpReply): string | null {
  if (reply.status < 200 || reply.status > 299) return `HTTP ${reply.status}: ${reply.body.slice(0, 300)}`;
  if (reply.body.includes('"errors":')) return `GraphQL errors: ${reply.body.slice(0, 300)}`;
  return null;
}
