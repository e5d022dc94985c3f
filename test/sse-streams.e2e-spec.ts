import { randomUUID } from 'node:crypto';
import { IncomingMessage, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { Agreement } from '../src/agreements/agreement.entity';
import { User } from '../src/accounts/user.entity';
import { LiveStreams } from '../src/agreements/live-streams';
import { TestApp, startTestApp } from './support/test-app';
import { toPublished } from './support/negotiation-helpers';

/**
 * GET /api/me/stream (issue 10: 10 000 streams on one instance): limited per person, never per
 * address; each publication serialised once and written to every covered stream.
 */
describe('worker event streams', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    // a per-route budget below the streams opened here from one address, and two streams per person
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '4', STREAMS_PER_USER: '2' } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /** A token signed as login signs it (login itself is rate-limited per address). */
  const tokenOf = async (username: string) => `Bearer ${t.app.get(JwtService).sign({ sub: await t.userId(username) }, { jwtid: randomUUID() })}`;

  const open = (authorization: string) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/me/stream', headers: { authorization, accept: 'text/event-stream' } }, resolve);
      req.on('error', reject);
      req.end();
    });
  const body = (res: IncomingMessage) => new Promise<string>((resolve) => {
    let text = '';
    res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(text));
  });
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((r) => setTimeout(r, 10));
  };

  it('opens a stream for every rider behind one address, each on their own budget', async () => {
    const riders = ['rider.0001', 'rider.0002', 'rider.0003', 'rider.0004', 'rider.0005'];
    const streams = await Promise.all(riders.map(async (r) => open(await tokenOf(r))));
    try {
      expect(streams.map((s) => s.statusCode)).toEqual([200, 200, 200, 200, 200]);
    } finally {
      for (const s of streams) s.destroy();
    }
    // more streams from the address than one budget holds: five people, two streams each
    const again = await Promise.all(riders.map(async (r) => open(await tokenOf(r))));
    try {
      expect(again.map((s) => s.statusCode)).toEqual([200, 200, 200, 200, 200]);
    } finally {
      for (const s of streams) s.destroy();
    }
    // the budget is there: one person past it is refused
    const inbox = await tokenOf('rider.0001');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.http().get('/api/me/inbox').set('Authorization', inbox)).status);
    expect(statuses).toContain(429);
  });

  it('refuses a worker login without a worker record with a plain 403 before any stream opens', async () => {
    const id = randomUUID();
    await t.dataSource.getRepository(User).insert({ id, username: 'worker.unregistered', displayName: '未登记', role: 'worker', organizationId: null, workerId: null, passwordHash: '-', createdAt: '2026-01-01T00:00:00.000Z' });
    const res = await open(`Bearer ${t.app.get(JwtService).sign({ sub: id }, { jwtid: randomUUID() })}`);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/json');
    expect(JSON.parse(await body(res))).toMatchObject({ code: 'INBOX.NOT_A_WORKER' });
  });

  it('holds STREAMS_PER_USER streams per person, and another once one closes', async () => {
    const rider = await t.userId('rider.0006');
    const first = await open(await tokenOf('rider.0006'));
    const second = await open(await tokenOf('rider.0006'));
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(t.app.get(LiveStreams).openFor(rider)).toBe(2);
    const third = await open(await tokenOf('rider.0006'));
    expect(third.statusCode).toBe(429);
    expect(JSON.parse(await body(third))).toMatchObject({ code: 'STREAM.TOO_MANY' });
    // another person is not held to this one's streams
    const other = await open(await tokenOf('rider.0007'));
    expect(other.statusCode).toBe(200);
    other.destroy();
    first.destroy();
    await until(() => t.app.get(LiveStreams).openFor(rider) === 1);
    const again = await open(await tokenOf('rider.0006'));
    expect(again.statusCode).toBe(200);
    again.destroy();
    second.destroy();
    await until(() => t.app.get(LiveStreams).openFor(rider) === 0);
  });
});

/** The fan-out, on an app with the test suite's usual limits. */
describe('a publication on the worker event streams', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  const open = async (username: string) => {
    const authorization = await t.login(username);
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/me/stream', headers: { authorization, accept: 'text/event-stream' } }, resolve);
      req.on('error', reject);
      req.end();
    });
  };
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((r) => setTimeout(r, 10));
  };

  it('writes the same frame, serialised once, to every covered stream', async () => {
    const streams = await Promise.all(['rider.0008', 'rider.0009', 'rider.0010'].map(open));
    const received = streams.map(() => ({ text: '' }));
    streams.forEach((s, i) => s.setEncoding('utf8').on('data', (c: string) => (received[i].text += c)));
    try {
      const agreement = await t.dataSource.getRepository(Agreement).findOneByOrFail({ negotiationId: await toPublished(t) });
      const frameOf = (text: string) => text.split('\n\n').find((f) => f.includes('event: publication'));
      await until(() => received.every((r) => frameOf(r.text) !== undefined));
      const frames = received.map((r) => frameOf(r.text)!);
      expect(new Set(frames).size).toBe(1);
      expect(frames[0]).toContain(`id: ${agreement.id}`);
      const data = JSON.parse(frames[0].split('\n').find((l) => l.startsWith('data: '))!.slice(6));
      expect(data).toMatchObject({ id: agreement.id, negotiationId: agreement.negotiationId, auditHead: agreement.auditHead });
    } finally {
      for (const s of streams) s.destroy();
    }
  });
});

describe('closing an instance with streams open', () => {
  it('ends every stream, so that the close does not wait on them', async () => {
    const t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const authorization = await t.login('rider.0011');
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/me/stream', headers: { authorization, accept: 'text/event-stream' } }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(stream.statusCode).toBe(200);
    const ended = new Promise<void>((resolve) => stream.on('end', resolve).resume());
    await t.close();
    await ended;
  });
});
