import 'reflect-metadata';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { dropScratchDatabases, scratchDatabaseUrl } from '../src/database/scratch-database';
import { toAuthUser } from '../src/accounts/auth.service';
import { User } from '../src/accounts/user.entity';
import { Organization } from '../src/accounts/organization.entity';
import { WorkersService } from '../src/accounts/workers.service';
import { InboxService } from '../src/agreements/inbox.service';
import { ManualClock } from '../src/common/clock';
import { loadConfig } from '../src/config/app-config';
import { DemoFixture } from '../src/fixtures/demo-fixture';
import { NegotiationsService } from '../src/negotiations/negotiations.service';

/**
 * Prints comparable figures (never asserted in tests): publishing cost against the number of
 * covered workers (fan-out-on-read should make it flat), the inbox and acknowledgement-count
 * queries, worker import throughput, and the latency of one negotiation command.
 * Run: npm run bench  (DATABASE_URL=postgres://… measures PostgreSQL, in a scratch database)
 */
const COUNT_SHEET = '918063f770b544cb457e46d567203b129d04a56b8fac6a26bda62cbd520da209';
const terms = (baseFen: number) => ({
  pieceRates: [{ task: 'delivery', baseFen, perKmFen: 60, kmIncluded: 3 }],
  commission: { maxBasisPoints: 1500 },
  laborQuota: { standardTasksPerHour: 4 },
  termMonths: 24,
});

async function world(coveredWorkers: number) {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: await scratchDatabaseUrl(process.env.DATABASE_URL),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret!',
    DEMO_RIDERS: '1',
    SWEEP_INTERVAL_MS: '0',
  });
  const app = await createApp(config, { clock: new ManualClock() });
  await app.init();
  await app.get(DemoFixture).loadWorldOnly();
  const ds = app.get(DataSource);
  const person = async (username: string) => toAuthUser(await ds.getRepository(User).findOneByOrFail({ username }));
  const [union, platform, bureau, rider] = await Promise.all(['union.chief', 'platform.chief', 'bureau.reviewer', 'rider.0001'].map(person));
  const rows = Array.from({ length: coveredWorkers }, (_, i) => `B${i},${i % 2 ? '420302' : '420303'},delivery_rider,骑手${i}`).join('\n');
  const importStart = performance.now();
  if (coveredWorkers) await app.get(WorkersService).import(platform, Readable.from([Buffer.from(rows)]), 'text/csv', config.IMPORT_BODY_LIMIT_BYTES);
  const importMs = performance.now() - importStart;
  return { app, ds, union, platform, bureau, rider, importMs };
}

async function main() {
  console.log('Xieshang benchmarks —', process.env.DATABASE_URL?.startsWith('postgres') ? 'PostgreSQL' : 'SQLite (better-sqlite3, WAL)');
  for (const covered of [10, 100_000]) {
    const w = await world(covered);
    const negotiations = w.app.get(NegotiationsService);
    const users = await w.ds.getRepository(User).find();
    const id = (username: string) => users.find((u) => u.username === username)!.id;
    const platformOrg = (await w.ds.getRepository(Organization).findOneByOrFail({ kind: 'enterprise', name: '速达外卖（十堰）网络科技有限公司' })).id;
    const runs: number[] = [];
    const commandMs: number[] = [];
    for (let run = 0; run < 5; run++) {
      const view = await negotiations.create(w.union, {
        kind: 'collective_contract',
        title: `bench ${run}`,
        scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [platformOrg], workerCategories: ['delivery_rider'] },
        representatives: { chief: id('union.chief'), members: [id('union.rep2'), id('union.rep3')] },
        proposal: terms(700),
      } as never);
      const send = async (who: typeof w.union, event: object) => {
        const t0 = performance.now();
        await negotiations.send(who, view.id, event);
        commandMs.push(performance.now() - t0);
      };
      await send(w.platform, { type: 'RESPOND', accept: true, representatives: { chief: id('platform.chief'), members: [id('platform.rep2'), id('platform.rep3')] } });
      await send(w.platform, { type: 'OFFER', terms: terms(600) });
      await send(w.union, { type: 'ACCEPT' });
      await send(w.union, { type: 'RECORD_VOTE', eligible: view.covered, present: view.covered, inFavour: view.covered, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
      await send(w.union, { type: 'SIGN' });
      await send(w.platform, { type: 'SIGN' });
      await send(w.platform, { type: 'FILE' });
      await send(w.bureau, { type: 'REVIEW', decision: 'approve' });
      const t0 = performance.now();
      await negotiations.send(w.union, view.id, { type: 'PUBLISH' });
      runs.push(performance.now() - t0);
    }
    const inbox = w.app.get(InboxService);
    const agreementId = (await inbox.inbox(w.rider)).items[0].agreement.id;
    const inboxMs = await timed(() => inbox.inbox(w.rider), 20);
    const countMs = await timed(() => inbox.acknowledgements(w.union, agreementId), 5);
    const counts = await inbox.acknowledgements(w.union, agreementId);
    console.log(
      [
        `covered workers: ${counts.covered}`,
        covered > 10 ? `import: ${Math.round(w.importMs)} ms (${Math.round((covered / w.importMs) * 1000)} rows/s)` : null,
        `PUBLISH: median ${median(runs).toFixed(1)} ms over ${runs.length}`,
        `other commands: median ${median(commandMs).toFixed(1)} ms, p95 ${percentile(commandMs, 0.95).toFixed(1)} ms over ${commandMs.length}`,
        `inbox: median ${inboxMs.toFixed(2)} ms`,
        `acknowledgement counts: median ${countMs.toFixed(2)} ms`,
      ]
        .filter(Boolean)
        .join('\n  '),
    );
    await w.app.close();
  }
  await dropScratchDatabases();
}

async function timed(work: () => Promise<unknown>, times: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const median = (xs: number[]) => percentile(xs, 0.5);
function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
