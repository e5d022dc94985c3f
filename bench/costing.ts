import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { toAuthUser } from '../src/accounts/auth.service';
import { User } from '../src/accounts/user.entity';
import { Organization } from '../src/accounts/organization.entity';
import { ManualClock } from '../src/common/clock';
import { loadConfig } from '../src/config/app-config';
import { CostingService } from '../src/costing/costing.service';
import { dropScratchDatabases, scratchDatabaseUrl } from '../src/database/scratch-database';
import { DemoFixture } from '../src/fixtures/demo-fixture';
import { generateSample, riderHashOf } from '../src/fixtures/order-sample-generator';
import { NegotiationsService } from '../src/negotiations/negotiations.service';

/**
 * Costing at scale (issue 14): a 10⁷-order sample streamed in (generated, seeded) and folded
 * into rider-days, against the baseline of merely reading the same bytes line by line (SHA-256
 * and a split, what any loader must do); then costing an offer against the loaded sample, cold
 * (first read of the rider-days) and warm. Prints `name value unit` lines.
 * Run: npm run build && node dist/bench/costing.js  [ORDERS=10000000]
 */
export async function costingFigures(orders = Number(process.env.ORDERS ?? 10_000_000)): Promise<Array<[string, number, string]>> {
  const riders = Array.from({ length: Math.ceil(orders / 1000) }, (_, i) => riderHashOf(`BENCH${i}`));
  const spec = { riders, firstDay: '2026-09-01', days: 59, seed: 7 };
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: await scratchDatabaseUrl(process.env.DATABASE_URL),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret!',
    DEMO_RIDERS: '1',
    SWEEP_INTERVAL_MS: '0',
    PUBLICATION_POLL_MS: '0',
  });
  const app = await createApp(config, { clock: new ManualClock() });
  await app.init();
  try {
    await app.get(DemoFixture).loadWorldOnly();
    const ds = app.get(DataSource);
    const as = async (username: string) => toAuthUser(await ds.getRepository(User).findOneByOrFail({ username }));
    const [union, platform] = [await as('union.chief'), await as('platform.chief')];
    const enterprise = await ds.getRepository(Organization).findOneByOrFail({ kind: 'enterprise' });
    const ids = async (...names: string[]) => Promise.all(names.map(async (u) => (await as(u)).id));
    const [chief, ...members] = await ids('union.chief', 'union.rep2', 'union.rep3');
    const terms = (baseFen: number) => ({ pieceRates: [{ task: 'delivery', baseFen, perKmFen: 60, kmIncluded: 3, nightSurchargeFen: 100, badWeatherSurchargeFen: 200 }], laborQuota: { standardTasksPerHour: 4 }, termMonths: 24 });
    const negotiations = app.get(NegotiationsService);
    const n = await negotiations.create(union, {
      kind: 'collective_contract',
      title: 'bench costing',
      scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [enterprise.id], workerCategories: ['delivery_rider'] },
      representatives: { chief, members },
      proposal: terms(700),
    } as never);
    const [pChief, ...pMembers] = await ids('platform.chief', 'platform.rep2', 'platform.rep3');
    await negotiations.send(platform, n.id, { type: 'RESPOND', accept: true, representatives: { chief: pChief, members: pMembers } });
    const costing = app.get(CostingService);

    // the samples as files, streamed as a socket would deliver them (generating is not what is measured)
    const dir = mkdtempSync(join(tmpdir(), 'xieshang-costing-'));
    const [ordersFile, onlineFile] = [join(dir, 'orders.csv'), join(dir, 'online.csv')];
    const [ordersOut, onlineOut] = [createWriteStream(ordersFile), createWriteStream(onlineFile)];
    for (const chunk of generateSample(spec)) {
      if (!ordersOut.write(chunk.orders)) await once(ordersOut, 'drain');
      onlineOut.write(chunk.online);
    }
    await Promise.all([new Promise((r) => ordersOut.end(r)), new Promise((r) => onlineOut.end(r))]);

    // baseline: read the same bytes line by line, as any loader must
    let t0 = performance.now();
    let lines = 0;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(ordersFile, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      lines += chunk.toString('utf8').split('\n').length - 1;
    }
    const baselineSeconds = (performance.now() - t0) / 1000;

    const rssBefore = process.memoryUsage().rss;
    t0 = performance.now();
    const loaded = await costing.upload(platform, n.id, 'orders', 'csv', createReadStream(ordersFile, { highWaterMark: 1 << 16 }));
    const loadSeconds = (performance.now() - t0) / 1000;
    const rssAfter = process.memoryUsage().rss;
    await costing.upload(platform, n.id, 'online_time', 'csv', createReadStream(onlineFile));
    rmSync(dir, { recursive: true, force: true });
    await costing.declareCurrentTerms(platform, n.id, terms(600) as never);

    t0 = performance.now();
    await costing.costing(union, n.id);
    const cold = performance.now() - t0;
    await negotiations.send(platform, n.id, { type: 'OFFER', terms: terms(650) });
    t0 = performance.now();
    await costing.costing(union, n.id);
    const warm = performance.now() - t0;
    return [
      ['costing.sample.orders', loaded.rows, 'rows'],
      ['costing.sample.riderDays', loaded.riderDays, 'rider-days'],
      ['costing.sample.load', Math.round(loaded.rows / loadSeconds), 'rows/s'],
      ['costing.sample.load.seconds', Number(loadSeconds.toFixed(1)), 's'],
      ['costing.sample.load.baseline', Math.round(lines / baselineSeconds), 'rows/s'],
      ['costing.sample.load.ratio', Number((lines / baselineSeconds / (loaded.rows / loadSeconds)).toFixed(2)), 'x slower than reading'],
      ['costing.sample.load.rssGrowth', Math.round((rssAfter - rssBefore) / 2 ** 20), 'MiB'],
      ['costing.process.maxRss', Math.round(process.resourceUsage().maxRSS / 1024), 'MiB'],
      ['costing.offer.cold', Math.round(cold), 'ms'],
      ['costing.offer.warm', Math.round(warm), 'ms'],
    ];
  } finally {
    await app.close();
    await dropScratchDatabases();
  }
}

if (require.main === module)
  costingFigures().then(
    (figures) => figures.forEach(([name, value, unit]) => console.log(`${name} ${value} ${unit}`)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
