import type { IncomingMessage, Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

export interface UpgradeRefusal {
  status: 400 | 403 | 404 | 503;
  message: string;
}

export interface AttachWebSocketServerOptions {
  /** The only path upgraded; other paths are answered 404. */
  path: string;
  /** Largest message accepted (ws defaults to 100 MiB, far above any GraphQL operation). */
  maxPayload: number;
  /** Checks the upgrade request before any WebSocket exists (Origin, draining); null admits it. */
  admit?(request: IncomingMessage): UpgradeRefusal | null;
}

export interface AttachedWebSocketServer {
  wss: WebSocketServer;
  /** Refuses new upgrades (503) from now on; existing sockets are the caller's to close. */
  stopAccepting(): void;
  /** Detaches from the HTTP server and closes the WebSocket server. */
  close(): Promise<void>;
}

/**
 * A WebSocket server sharing an HTTP server's port: upgrades are handled here (not by ws's own
 * `server` option) so a refusal is a plain HTTP status on the upgrade response, before any
 * WebSocket or GraphQL state is created for the caller.
 */
export function attachWebSocketServer(httpServer: Server, options: AttachWebSocketServerOptions): AttachedWebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
  let accepting = true;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(request.url ?? '/', 'http://upgrade.invalid').pathname;
    const refusal: UpgradeRefusal | null =
      pathname !== options.path
        ? { status: 404, message: 'No WebSocket endpoint here' }
        : !accepting
          ? { status: 503, message: 'Server is shutting down' }
          : (options.admit?.(request) ?? null);
    if (refusal) {
      refuseUpgrade(socket, refusal);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  httpServer.on('upgrade', onUpgrade);

  return {
    wss,
    stopAccepting() {
      accepting = false;
    },
    async close() {
      accepting = false;
      httpServer.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function refuseUpgrade(socket: Duplex, { status, message }: UpgradeRefusal): void {
  const body = JSON.stringify({ errors: [{ message }] });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}
