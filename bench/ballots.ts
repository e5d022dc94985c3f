import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { AuthUser } from '../src/accounts/auth-user';
import { toAuthUser } from '../src/accounts/auth.service';
import { Organization } from '../src/accounts/organization.entity';
import { User } from '../src/accounts/user.entity';
import { BallotBoxService } from '../src/ballots/ballot-box.service';
import { BALLOT_CHOICES } from '../src/ballots/ballot-rules';
import { ManualClock } from '../src/common/clock';
import { DeadlineSweeper } from '../src/deadlines/deadline-sweeper';
import { loadConfig } from '../src/config/app-config';
import { dropScratchDatabases, scratchDatabaseUrl } from '../src/database/scratch-database';
import { DemoFixture } from '../src/fixtures/demo-fixture';
import { NegotiationsService } from '../src/negotiations/negotiations.service';

/**
 * Ballots with 10⁶ covered workers (issue 11 item 5): opening fixes the roll with one COUNT,
 * whatever its size; casting costs the same at any roll size; the close digests every receipt.
 * Prints `name value unit` lines. Run on its own: npm run build && node dist/bench/ballots.js
 * (DATABASE_URL=postgres://… measures PostgreSQL, in a scratch database); or call ballotBench().
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

const terms = (baseFen: number) => ({
  pieceRates: [{ task: 'delivery', baseFen, perKmFen: 60, kmIncluded: 3 }],
  commission: { maxBasisPoints: 1500 },
  laborQuota: { standardTasksPerHour: 4 },
  termMonths: 24,
});

export async function ballotBench(options: { coveredWorkers?: number; casts?: number; databaseUrl?: string } = {}): Promise<Figure[]> {
  const coveredWorkers = options.coveredWorkers ?? 1_000_000;
  const casts = options.casts ?? 2_000;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: await scratchDatabaseUrl(options.databaseUrl ?? process.env.DATABASE_URL),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret!',
    DEMO_RIDERS: '1',
    SWEEP_INTERVAL_MS: '0',
    PUBLICATION_POLL_MS: '0',
  });
  const clock = new ManualClock(new Date('2027-01-04T01:00:00.000Z'));
  const app = await createApp(config, { clock });
  await app.init();
  const figures: Figure[] = [];
  const figure = (name: string, value: number, unit: string) => figures.push({ name, value: Number(value.toFixed(unit === 'ms' ? 2 : 0)), unit });
  try {
    await app.get(DemoFixture).loadWorldOnly();
    const ds = app.get(DataSource);
    const person = async (username: string) => toAuthUser(await ds.getRepository(User).findOneByOrFail({ username }));
    const [union, platform] = await Promise.all(['union.chief', 'platform.chief'].map(person));
    const platformOrg = (await ds.getRepository(Organization).findOneByOrFail({ id: platform.organizationId! })).id;
    const t0 = performance.now();
    const workerIds = await insertWorkers(ds, platformOrg, coveredWorkers - 1, clock.now().toISOString());
    figure('ballot.setup.insert_workers', performance.now() - t0, 'ms');

    const negotiations = app.get(NegotiationsService);
    const users = await ds.getRepository(User).find();
    const id = (username: string) => users.find((u) => u.username === username)!.id;
    const view = await negotiations.create(union, {
      kind: 'collective_contract',
      title: 'bench ballot',
      scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [platformOrg], workerCategories: ['delivery_rider'] },
      representatives: { chief: id('union.chief'), members: [id('union.rep2'), id('union.rep3')] },
      proposal: terms(700),
    } as never);
    await negotiations.send(platform, view.id, {
      type: 'RESPOND',
      accept: true,
      representatives: { chief: id('platform.chief'), members: [id('platform.rep2'), id('platform.rep3')] },
    });
    await negotiations.send(platform, view.id, { type: 'OFFER', terms: terms(600) });
    await negotiations.send(union, view.id, { type: 'ACCEPT' });

    const viewStart = performance.now();
    const covered = (await negotiations.get(union, view.id)).covered;
    figure('ballot.covered_workers', covered, 'workers');
    figure('negotiation.view_counting_covered', performance.now() - viewStart, 'ms');
    const cachedStart = performance.now();
    await negotiations.get(union, view.id);
    figure('negotiation.view_recent_covered_count', performance.now() - cachedStart, 'ms');

    const openStart = performance.now();
    await negotiations.send(union, view.id, { type: 'OPEN_BALLOT', body: 'all_workers', closesOn: '2027-01-10' });
    figure('ballot.open', performance.now() - openStart, 'ms');
    figure('ballot.rows_written_to_open', await countBallotRows(ds), 'rows');

    const box = app.get(BallotBoxService);
    const voters: AuthUser[] = workerIds.slice(0, casts).map((workerId, i) => ({
      id: randomUUID(),
      username: `bench.${i}`,
      displayName: `bench ${i}`,
      role: 'worker',
      organizationId: platformOrg,
      workerId,
    }));
    const samples: number[] = [];
    const castStart = performance.now();
    for (const [i, voter] of voters.entries()) {
      const s = performance.now();
      await box.cast(voter, view.id, BALLOT_CHOICES[i % 3]);
      samples.push(performance.now() - s);
    }
    const castMs = performance.now() - castStart;
    samples.sort((a, b) => a - b);
    figure('ballot.cast.median', samples[Math.floor(samples.length / 2)], 'ms');
    figure('ballot.cast.p95', samples[Math.floor(samples.length * 0.95)], 'ms');
    figure('ballot.cast.throughput', (voters.length / castMs) * 1000, 'ballots/s');

    const turnoutStart = performance.now();
    await box.view(union, view.id);
    figure('ballot.turnout_view', performance.now() - turnoutStart, 'ms');

    clock.set('2027-01-10T16:00:00.000Z');
    const closeStart = performance.now();
    await app.get(DeadlineSweeper).sweep();
    figure(`ballot.close_with_${voters.length}_receipts`, performance.now() - closeStart, 'ms');
  } finally {
    await app.close();
    await dropScratchDatabases();
  }
  return figures;
}

/** Covered riders, inserted in bulk (the import API takes 10⁵ rows a request; this is the bench's setup, not a path under test). */
async function insertWorkers(ds: DataSource, enterpriseId: string, count: number, createdAt: string): Promise<string[]> {
  const ids: string[] = [];
  const chunk = 2_000;
  const postgres = ds.options.type === 'postgres';
  await ds.transaction(async (m) => {
    for (let start = 0; start < count; start += chunk) {
      const rows = Math.min(chunk, count - start);
      const params: unknown[] = [];
      const tuples: string[] = [];
      for (let i = 0; i < rows; i++) {
        const id = randomUUID();
        ids.push(id);
        const n = start + i;
        const at = params.length;
        params.push(id, enterpriseId, `BENCH${n}`, 'food_delivery', n % 2 ? '420302' : '420303', 'delivery_rider', `骑手${n}`, createdAt);
        tuples.push(`(${Array.from({ length: 8 }, (_, k) => (postgres ? `$${at + k + 1}` : '?')).join(', ')})`);
      }
      await m.query(
        `INSERT INTO workers (id, enterprise_id, external_id, industry, region, category, display_name, created_at) VALUES ${tuples.join(', ')}`,
        params,
      );
    }
  });
  return ids;
}

async function countBallotRows(ds: DataSource): Promise<number> {
  let rows = 0;
  for (const table of ['ballots', 'ballot_delegates', 'ballot_participation', 'ballot_choices', 'ballot_receipts'])
    rows += Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  return rows;
}

if (require.main === module) {
  ballotBench()
    .then((figures) => {
      for (const f of figures) console.log(`${f.name} ${f.value} ${f.unit}`);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
