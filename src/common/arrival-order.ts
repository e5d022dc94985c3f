/**
 * Requests are started in the order they arrived, one per turn of the event loop: a Fastify
 * `onRequest` hook, before any other but those answering from memory (src/app.ts).
 *
 * Without it, a request is started as soon as its socket is read, and Node reads the sockets
 * in the order epoll lists them. Under load that order is not the order of arrival: epoll
 * lists again, first, every socket it listed the time before, and a socket whose next request
 * arrived just after the list was taken goes behind all of them. With better-sqlite3 a request
 * runs to its end once started, so that socket waited through two rounds of everybody else's
 * requests instead of one: with 50 clients sending OFFERs, one request in 25 took twice as
 * long as the rest (p50 45 ms, p99 88 ms; bare Fastify doing 0.9 ms of work per request:
 * 47 / 94 ms, and 49 / 51 ms in arrival order).
 *
 * Between two starts the event loop polls its sockets once, so every request that has arrived
 * by then is queued behind those already waiting. Only the start waits: a request waiting on
 * PostgreSQL does not hold the next one back. The cost is one turn of the loop per request.
 */
export function arrivalOrder(): (request: unknown, reply: unknown, done: () => void) => void {
  const waiting: Array<() => void> = [];
  let scheduled = false;
  const startNext = () => {
    const next = waiting.shift()!;
    // the next start is in the loop's next turn, after its poll, whatever this request does
    scheduled = waiting.length > 0;
    if (scheduled) setImmediate(startNext);
    next();
  };
  return (_request, _reply, done) => {
    waiting.push(done);
    if (!scheduled) {
      scheduled = true;
      setImmediate(startNext);
    }
  };
}
