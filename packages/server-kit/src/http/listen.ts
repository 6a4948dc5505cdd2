import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export function createHttpServer(app: Express): Server {
  const server = createServer(app);
  // Keep-alive longer than typical load balancer idle timeouts, so the balancer closes first.
  server.keepAliveTimeout = 65_000;
  return server;
}

/** Listens and returns the URL clients should use (loopback when bound to all interfaces). */
export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
}
