import { connect, Socket } from 'node:net';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Closing (SIGTERM) waits for the answers owed, and for nothing else (src/common/graceful-close.ts):
 * Node counts a connection that has sent nothing, or half a request, as busy, and such a socket
 * once held a stopping service for as long as its client pleased.
 */
describe('closing the server', () => {
  jest.setTimeout(30_000);
  let t: TestApp;
  let port: number;
  const clients: Socket[] = [];
  // without the rule a close never ends: the clients' sockets are ended, so that the test fails and the app goes
  afterEach(() => clients.splice(0).forEach((socket) => socket.destroy()));

  /** The app's close, or a failure if it has not finished within `ms`. */
  const close = (ms = 10_000) =>
    Promise.race([t.close(), new Promise((_, reject) => setTimeout(() => reject(new Error(`the close did not finish within ${ms} ms`)), ms).unref())]);

  async function serve(graceMs: number) {
    t = await startTestApp({ scenario: false, env: { SHUTDOWN_GRACE_MS: String(graceMs) } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  }

  /** A raw connection, and everything it receives until it closes. */
  async function open(send?: string) {
    const socket: Socket = connect(port, '127.0.0.1');
    clients.push(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
    if (send) socket.write(send);
    return { socket, closed, received: () => received };
  }

  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('ends at once a connection with no request, one with half a request and an idle keep-alive one', async () => {
    await serve(600_000);
    const silent = await open();
    const half = await open('GET /health HTTP/1.1\r\nHost: x\r\n');
    const idle = await open('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => idle.received().includes('"status":"ok"'));
    // with ten minutes' grace, only ending these connections lets the close finish
    await close();
    await Promise.all([silent.closed, half.closed, idle.closed]);
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(half.received()).toBe('');
  });

  it('sends an answer in flight whole, then ends its connection', async () => {
    await serve(600_000);
    let closing: Promise<unknown> | undefined;
    // the close starts once the request has arrived, before it is answered
    t.app.getHttpServer().once('request', () => (closing = close()));
    const client = await open('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    const received = await client.closed;
    await closing;
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toContain('"status":"ok"');
  });

  it('cuts, after the grace, a connection whose request never finishes arriving', async () => {
    await serve(100);
    const stalled = await open('POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"username":');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await close();
    expect(await stalled.closed).toBe('');
  });
});
