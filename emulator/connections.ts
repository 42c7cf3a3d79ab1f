/** serve's connection cap: past it, idle connections are closed oldest first. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Connections held open at most: idle keep-alive or never-used sockets beyond it are closed oldest first, so a flood
 * of idle sockets cannot use up the process's file descriptors (often 1,024) before the timeouts close them.
 */
export const DEFAULT_MAX_CONNECTIONS = 512;

/**
 * Keeps at most `max` connections: a new one past it closes the oldest connection with no request in flight (a
 * busy one is left to finish), or itself when every other one is busy.
 */
export function shedIdleConnections(server: Server, max: number): void {
  /** Open sockets in the order they connected, with how many of their requests are unanswered. */
  const open = new Map<Socket, { inFlight: number }>();
  server.on('connection', (socket: Socket) => {
    open.set(socket, { inFlight: 0 });
    socket.once('close', () => open.delete(socket));
    if (open.size <= max) return;
    for (const [other, state] of open) {
      if (other !== socket && state.inFlight === 0) return void other.destroy();
    }
    socket.destroy();
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const state = open.get(req.socket);
    if (!state) return;
    state.inFlight++;
    res.once('close', () => state.inFlight--);
  });
}
