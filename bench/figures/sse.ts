import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JwtService } from '@nestjs/jwt';
import { Organization } from '../../src/accounts/organization.entity';
import { User } from '../../src/accounts/user.entity';
import { NegotiationsService } from '../../src/negotiations/negotiations.service';
import { Negotiation } from '../../src/negotiations/negotiation.entity';
import { BallotsService } from '../../src/ballots/ballots.service';
import { PublicationBus } from '../../src/agreements/publication-bus';
import { Figure, FigureGroup, World, bulkId, contract, percentile, series, world } from '../lib';

const STREAMS = Number(process.env.BENCH_SSE_STREAMS ?? 10_000);
/** Processes receiving the streams, and streams each is opening at once. */
const RECEIVERS = 2;
const IN_FLIGHT = 50;
/** How long the receiving process waits for the last stream's event before it reports what it has. */
const WAIT_MS = 15_000;
/** The SHA-256 of the signed count sheet a hand-counted RECORD_VOTE names. */
const COUNT_SHEET = '918063f770b544cb457e46d567203b129d04a56b8fac6a26bda62cbd520da209';

interface Delivery {
  opened: number;
  failed: number;
  failures: string[];
  /** ms from the start of the publication to each stream's event. */
  latencies: number[];
  frame: string;
}

/**
 * SSE: STREAMS (10⁴) workers' streams open on one instance — from a second process, every
 * worker with their own token, all from 127.0.0.1 at the default rate limit, as riders behind
 * one carrier-NAT address would be — then one publication covering them all: the time from the
 * start of PUBLISH to each stream's `event: publication`.
 * Baseline: a bare Fastify server writing the same frame to the same number of streams.
 */
export const sse: FigureGroup = {
  name: 'sse',
  async run(bench) {
    const app = await appFanOut(bench);
    const bare = await bareFanOut(app.frame);
    const last = (d: Delivery) => (d.latencies.length ? Math.max(...d.latencies) : NaN);
    const figures: Figure[] = [
      { name: `sse.${STREAMS}-streams.last-event`, value: last(app), unit: 'ms', baseline: { name: `bare Fastify writing the same frame to ${STREAMS} streams`, value: last(bare) }, target: '< 2 000 ms' },
      { name: `sse.${STREAMS}-streams.p99`, value: percentile(app.latencies, 0.99), unit: 'ms', baseline: { name: 'bare Fastify p99', value: percentile(bare.latencies, 0.99) } },
      { name: `sse.${STREAMS}-streams.p50`, value: percentile(app.latencies, 0.5), unit: 'ms', baseline: { name: 'bare Fastify p50', value: percentile(bare.latencies, 0.5) } },
      { name: `sse.${STREAMS}-streams.received`, value: app.latencies.length, unit: `streams of ${app.opened} open`, target: `${STREAMS} (every covered stream)` },
      { name: `sse.${STREAMS}-streams.refused`, value: app.failed, unit: `of ${STREAMS} opened from 127.0.0.1`, target: '0' },
    ];
    if (app.failures.length) console.log(`  (refused: ${app.failures.join(' | ')})`);
    return figures;
  },
};

/** The app at its default settings: STREAMS covered workers with logins, their streams open, one PUBLISH. */
async function appFanOut(bench: Parameters<FigureGroup['run']>[0]): Promise<Delivery> {
  const w = await world(bench);
  try {
    const negotiations = w.app.get(NegotiationsService);
    const [union, platform, bureau] = await Promise.all(['union.chief', 'platform.chief', 'bureau.reviewer'].map(w.person));
    const { id } = await contract(w, 'live to ten thousand riders', 'bargaining');
    // the hand-counted vote names as eligible every worker covered then: the demo riders (the stream workers come after)
    const eligible = await w.app.get(BallotsService).covered(w.ds.manager, (await w.ds.getRepository(Negotiation).findOneByOrFail({ id })).scope);
    for (const [who, event] of [
      [platform, { type: 'OFFER', terms: { pieceRates: [{ task: 'delivery', baseFen: 600, perKmFen: 60, kmIncluded: 3 }], commission: { maxBasisPoints: 1500 }, laborQuota: { standardTasksPerHour: 4 }, termMonths: 24 } }],
      [union, { type: 'ACCEPT' }],
      [union, { type: 'RECORD_VOTE', eligible, present: eligible, inFavour: eligible, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET }],
      [union, { type: 'SIGN' }],
      [platform, { type: 'SIGN' }],
      [platform, { type: 'FILE' }],
      [bureau, { type: 'REVIEW', decision: 'approve' }],
    ] as const)
      await negotiations.send(who, id, event as never);
    const users = await bulkStreamWorkers(w, STREAMS);
    const jwt = w.app.get(JwtService);
    const authorizations = users.map((sub) => `Bearer ${jwt.sign({ sub }, { jwtid: randomUUID() })}`);
    const base = await w.listen();
    // where the time goes: PUBLISH until its frame has been written to every stream (LiveStreams hears the bus first)
    const bus = w.app.get(PublicationBus);
    let written = NaN;
    let started = NaN;
    const after = bus.publications.subscribe(() => (written = performance.now()));
    try {
      const delivery = await deliver(`${base}/api/me/stream`, authorizations, async () => {
        started = performance.now();
        await negotiations.send(union, id, { type: 'PUBLISH' } as never);
      });
      console.log(`  (PUBLISH until its frame was written to all ${STREAMS} streams: ${Math.round(written - started)} ms)`);
      return delivery;
    } finally {
      after.unsubscribe();
    }
  } finally {
    await w.close();
  }
}

/** The same frame written by a bare Fastify server to as many streams. */
async function bareFanOut(frame: string): Promise<Delivery> {
  const fastify = (await import('fastify')).default({ logger: false });
  const open = new Set<ServerResponse>();
  fastify.get('/stream', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write('\n');
    open.add(res);
    request.raw.on('close', () => open.delete(res));
  });
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  try {
    const url = `http://127.0.0.1:${(fastify.server.address() as { port: number }).port}/stream`;
    return await deliver(url, Array.from({ length: STREAMS }, () => null), async () => {
      for (const res of open) res.write(frame);
    });
  } finally {
    for (const res of open) res.destroy();
    await fastify.close();
  }
}

/**
 * Opens the streams from RECEIVERS other processes (one process reading 10⁴ sockets is itself
 * the bottleneck), runs `publish`, and collects when each stream had the event.
 */
async function deliver(url: string, authorizations: Array<string | null>, publish: () => Promise<unknown>): Promise<Delivery> {
  const children = Array.from({ length: RECEIVERS }, () => fork(join(__dirname, '..', 'load', 'sse-streams.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const next = <T>(child: ChildProcess, type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number) => reject(new Error(`a stream process exited (${code}) before '${type}'`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  try {
    const ready = Promise.all(children.map((c) => next<{ opened: number; failed: number; failures: string[] }>(c, 'ready')));
    children.forEach((c, i) => c.send({ url, authorizations: authorizations.filter((_, k) => k % RECEIVERS === i), inFlight: IN_FLIGHT }));
    const opened = await ready;
    const done = Promise.all(children.map((c) => next<{ arrivals: number[]; frame: string }>(c, 'done')));
    const t0 = performance.timeOrigin + performance.now();
    for (const c of children) c.send({ type: 'go', timeoutMs: WAIT_MS });
    await publish();
    const heard = await done;
    return {
      opened: opened.reduce((n, r) => n + r.opened, 0),
      failed: opened.reduce((n, r) => n + r.failed, 0),
      failures: opened.flatMap((r) => r.failures),
      latencies: heard.flatMap((r) => r.arrivals.map((at) => at - t0)),
      frame: heard.find((r) => r.frame)?.frame ?? '',
    };
  } finally {
    for (const c of children) close(c);
  }
}

function close(child: ChildProcess): void {
  if (child.connected) child.send({ type: 'close' });
  else if (child.exitCode === null) child.kill();
}

/** `n` riders of the demo platform in 十堰 (covered by the bench contract), each with a worker login, in two statements; returns the user ids. */
async function bulkStreamWorkers(w: World, n: number): Promise<string[]> {
  const platform = await w.ds.getRepository(Organization).findOneByOrFail({ kind: 'enterprise', name: '速达外卖（十堰）网络科技有限公司' });
  const p = w.ds.options.type === 'postgres' ? '$1' : '?';
  await w.ds.query(
    `WITH RECURSIVE ${series(w.ds, n)}
     INSERT INTO workers (id, enterprise_id, external_id, industry, region, category, display_name, created_at)
     SELECT ${bulkId(w.ds, 'b5e00001')}, ${p}, 'S' || x, 'food_delivery', CASE WHEN x % 2 = 0 THEN '420302' ELSE '420303' END, 'delivery_rider', 'rider ' || x, '2026-01-01T00:00:00.000Z'
     FROM series`,
    [platform.id],
  );
  await w.ds.query(
    `WITH RECURSIVE ${series(w.ds, n)}
     INSERT INTO users (id, username, display_name, role, organization_id, worker_id, password_hash, created_at)
     SELECT ${bulkId(w.ds, 'b5e00002')}, 'stream.' || x, 'rider ' || x, 'worker', NULL, ${bulkId(w.ds, 'b5e00001')}, '-', '2026-01-01T00:00:00.000Z'
     FROM series`,
  );
  const users = await w.ds.getRepository(User).find({ select: { id: true }, where: { role: 'worker' } });
  return users.map((u) => u.id).filter((id) => id.startsWith('b5e00002'));
}
