import type WebSocket from 'ws';

/**
 * WebSocket-level heartbeat for a socket this process opened: ping every `intervalMs`, and
 * terminate the socket if the previous ping got no pong. A peer that vanished without a FIN (a
 * crashed host, a dropped NAT entry) is then noticed within two intervals instead of never.
 * Returns a function that stops the heartbeat; it also stops by itself when the socket closes.
 */
export function startHeartbeat(socket: WebSocket, intervalMs: number): () => void {
  if (!(intervalMs > 0 && Number.isFinite(intervalMs))) return () => {};
  let alive = true;
  const onPong = () => {
    alive = true;
  };
  const timer = setInterval(() => {
    if (socket.readyState !== socket.OPEN) return;
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, intervalMs);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    socket.off('pong', onPong);
    socket.off('close', stop);
  };
  socket.on('pong', onPong);
  socket.on('close', stop);
  return stop;
}
