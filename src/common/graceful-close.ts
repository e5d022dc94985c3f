import type { FastifyInstance } from 'fastify';
import type { Socket } from 'node:net';

/**
 * Closing the server waits for every connection to end, and Node counts as busy, not idle, a
 * connection that has sent no request yet or half of one (Fastify's `forceCloseConnections:
 * 'idle'` leaves it open). One such socket — a client's spare connection, a phone that lost its
 * signal mid-request, a slow client on purpose — kept a SIGTERM'd service running for as long as
 * the client held it: over 70 s measured, and a CI run's `npm start` test timed out waiting.
 * `forceCloseConnections: true` would cut the answers in flight too.
 *
 * So at close: a connection owed no answer is ended at once; one owed an answer gets it and is
 * ended after it; whatever is still open `graceMs` later is ended regardless.
 */
export function closeGracefully(fastify: FastifyInstance, graceMs: number): void {
  /** Open connections, each with how many answers it is owed. */
  const owed = new Map<Socket, number>();
  let closing = false;
  const server = fastify.server;
  server.on('connection', (socket: Socket) => {
    if (closing) return void socket.destroy();
    owed.set(socket, 0);
    socket.once('close', () => owed.delete(socket));
  });
  server.on('request', (request, response) => {
    const socket = request.socket;
    if (!owed.has(socket)) return;
    owed.set(socket, owed.get(socket)! + 1);
    response.once('close', () => {
      if (!owed.has(socket)) return;
      const left = owed.get(socket)! - 1;
      owed.set(socket, left);
      if (closing && left === 0) socket.destroy();
    });
  });
  fastify.addHook('preClose', (done) => {
    closing = true;
    for (const [socket, answers] of owed) if (answers === 0) socket.destroy();
    setTimeout(() => owed.forEach((_, socket) => socket.destroy()), graceMs).unref();
    done();
  });
}
