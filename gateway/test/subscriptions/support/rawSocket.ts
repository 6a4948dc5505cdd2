import WebSocket from 'ws';

export interface RawOutcome {
  /** HTTP status when the upgrade itself was refused. */
  status?: number;
  /** Close code and reason when the server closed the socket. */
  code?: number;
  reason?: string;
  acknowledged?: boolean;
}

/**
 * Opens a graphql-transport-ws socket by hand and sends `connection_init`, to see exactly how the
 * server answers: upgrade refused, closed with a code, or acknowledged.
 */
export function connectionOutcome(url: string, payload: Record<string, unknown> | undefined, origin?: string): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', origin ? { headers: { origin } } : {});
    socket.on('unexpected-response', (request, response) => {
      resolve({ status: response.statusCode });
      request.destroy();
    });
    socket.on('error', () => {});
    socket.on('open', () => socket.send(JSON.stringify(payload ? { type: 'connection_init', payload } : { type: 'connection_init' })));
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') {
        resolve({ acknowledged: true });
        socket.close(1000);
      }
    });
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}
