import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app';
import { scratchDatabaseUrl } from '../src/database/scratch-database';
import { toAuthUser } from '../src/accounts/auth.service';
import { AuthUser } from '../src/accounts/auth-user';
import { User } from '../src/accounts/user.entity';
import { ManualClock } from '../src/common/clock';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { DemoFixture } from '../src/fixtures/demo-fixture';

/** One printed figure; `baseline` is measured in the same run, `ratio` = value / baseline. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** What the issue asks for, in words (e.g. "≥ 0.6 ×", "p99 < 20 ms"). */
  target?: string;
}

/** A group of figures sharing a set-up: one file in bench/figures/, one line in bench/figures/index.ts. */
export interface FigureGroup {
  name: string;
  run(bench: Bench): Promise<Figure[]>;
}

export interface Bench {
  /** postgres://… when DATABASE_URL names a server, else SQLite. */
  server?: string;
  postgres: boolean;
  /** Scales the load of every figure (BENCH_SECONDS, default 5 s per load run). */
  seconds: number;
}

export interface World {
  app: NestFastifyApplication;
  ds: DataSource;
  config: AppConfig;
  clock: ManualClock;
  person(username: string): Promise<AuthUser>;
  /** Listening on 127.0.0.1 (a random port): the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** The app on a fresh scratch database with the demo world (people, no negotiations). */
export async function world(bench: Bench, env: Record<string, string> = {}): Promise<World> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: await scratchDatabaseUrl(bench.server),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret!',
    DEMO_RIDERS: '1',
    SWEEP_INTERVAL_MS: '0',
    PUBLICATION_POLL_MS: '0',
    ...env,
  });
  const clock = new ManualClock();
  const app = await createApp(config, { clock });
  await app.init();
  await app.get(DemoFixture).loadWorldOnly();
  const ds = app.get(DataSource);
  return {
    app,
    ds,
    config,
    clock,
    person: (username) => personOf(ds, username),
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      return `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    },
    close: () => app.close(),
  };
}

export async function personOf(ds: DataSource, username: string): Promise<AuthUser> {
  return toAuthUser(await ds.getRepository(User).findOneByOrFail({ username }));
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

/** autocannon in a second process (so the load generator does not share the server's event loop). */
export function autocannon(url: string, options: { connections: number; seconds: number; headers?: Record<string, string>; method?: string; body?: string }): Promise<LoadResult> {
  const args = [require.resolve('autocannon/autocannon.js'), '-j', '-c', String(options.connections), '-d', String(options.seconds)];
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}=${v}`);
  if (options.method) args.push('-m', options.method);
  if (options.body) args.push('-b', options.body);
  args.push(url);
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { maxBuffer: 1 << 24 }, (error, stdout) => {
      if (error) return reject(error);
      const r = JSON.parse(stdout);
      resolve({
        requestsPerSecond: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
        total: r.requests.total,
      });
    }),
  );
}

export async function timed(work: () => Promise<unknown>, times: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export const median = (xs: number[]) => percentile(xs, 0.5);
export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/**
 * SQL for the numbers 1..n as a row source `series(x)`, to build 10⁶-row tables in one
 * statement instead of through the API.
 */
export function series(ds: DataSource, n: number): string {
  return ds.options.type === 'postgres'
    ? `series(x) AS (SELECT generate_series(1, ${n}))`
    : `series(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM series WHERE x < ${n})`;
}

/** A deterministic UUID-shaped id for row x of a bulk table (`tag`: 8 hex digits). */
export function bulkId(ds: DataSource, tag: string, x = 'x'): string {
  return ds.options.type === 'postgres'
    ? `'${tag}-0000-4000-8000-' || lpad(${x}::text, 12, '0')`
    : `'${tag}-0000-4000-8000-' || substr('000000000000' || ${x}, -12)`;
}

/** The SHA-256 of the hall's signed count sheet (RECORD_VOTE asks for one). */
const COUNT_SHEET = '918063f770b544cb457e46d567203b129d04a56b8fac6a26bda62cbd520da209';

const terms = (baseFen: number) => ({
  pieceRates: [{ task: 'delivery', baseFen, perKmFen: 60, kmIncluded: 3 }],
  commission: { maxBasisPoints: 1500 },
  laborQuota: { standardTasksPerHour: 4 },
  termMonths: 24,
});

/**
 * A collective contract for the demo platform's riders in 十堰 (420300), through the service
 * as the people would send it, up to `until` ('agreed': rounds done; 'published').
 * Returns the negotiation id and the time PUBLISH took.
 */
export async function contract(w: World, title: string, until: 'bargaining' | 'published' = 'published'): Promise<{ id: string; publishMs?: number }> {
  const { NegotiationsService } = await import('../src/negotiations/negotiations.service');
  const { Organization } = await import('../src/accounts/organization.entity');
  const negotiations = w.app.get(NegotiationsService);
  const users = await w.ds.getRepository(User).find();
  const id = (username: string) => users.find((u) => u.username === username)!.id;
  const [union, platform, bureau] = await Promise.all(['union.chief', 'platform.chief', 'bureau.reviewer'].map(w.person));
  const platformOrg = (await w.ds.getRepository(Organization).findOneByOrFail({ kind: 'enterprise', name: '速达外卖（十堰）网络科技有限公司' })).id;
  const view = await negotiations.create(union, {
    kind: 'collective_contract',
    title,
    scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [platformOrg], workerCategories: ['delivery_rider'] },
    representatives: { chief: id('union.chief'), members: [id('union.rep2'), id('union.rep3')] },
    proposal: terms(700),
  } as never);
  await negotiations.send(platform, view.id, { type: 'RESPOND', accept: true, representatives: { chief: id('platform.chief'), members: [id('platform.rep2'), id('platform.rep3')] } });
  if (until === 'bargaining') return { id: view.id };
  await negotiations.send(platform, view.id, { type: 'OFFER', terms: terms(600) });
  await negotiations.send(union, view.id, { type: 'ACCEPT' });
  // A congress in a hall of every covered worker, all present and in favour, with its count sheet.
  const { BallotsService } = await import('../src/ballots/ballots.service');
  const { Negotiation } = await import('../src/negotiations/negotiation.entity');
  const scope = (await w.ds.getRepository(Negotiation).findOneByOrFail({ id: view.id })).scope;
  const eligible = await w.app.get(BallotsService).covered(w.ds.manager, scope);
  await negotiations.send(union, view.id, { type: 'RECORD_VOTE', eligible, present: eligible, inFavour: eligible, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
  await negotiations.send(union, view.id, { type: 'SIGN' });
  await negotiations.send(platform, view.id, { type: 'SIGN' });
  await negotiations.send(platform, view.id, { type: 'FILE' });
  await negotiations.send(bureau, view.id, { type: 'REVIEW', decision: 'approve' });
  const t0 = performance.now();
  await negotiations.send(union, view.id, { type: 'PUBLISH' });
  return { id: view.id, publishMs: performance.now() - t0 };
}

/** A bare Fastify server (no Nest, no database) answering every GET with these bytes and headers. */
export async function bareFastify(body: string, headers: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const fastify = (await import('fastify')).default({ logger: false });
  fastify.get('/*', (_request, reply) => {
    reply.headers(headers).send(body);
  });
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  const port = (fastify.server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, close: () => fastify.close() };
}

/**
 * Runs `work` (a load run against the app in this process) and, when BENCH_PROFILE names a
 * directory, writes the server's CPU profile of just that run there (`<name>.cpuprofile`, for
 * Chrome DevTools or speedscope): set-up and baselines are left out.
 */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return work();
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}
