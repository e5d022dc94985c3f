import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { ManualClock } from '../../src/common/clock';
import { CostingService } from '../../src/costing/costing.service';
import { generateSample, riderHashOf } from '../../src/fixtures/order-sample-generator';
import { NegotiationsService } from '../../src/negotiations/negotiations.service';
import { FigureGroup, World, contract, median, personOf, timed, world } from '../lib';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);

/**
 * Costing at scale (issue 14): an order sample of BENCH_ORDERS orders (default 10⁶; the issue's
 * 10⁷ with BENCH_ORDERS=10000000) streamed from a file through CostingService.upload, as the
 * route does, and folded; the process's peak RSS and heap while it loads. Baseline: reading the
 * same bytes — cutting lines and SHA-256, what any loader must do. Then costing the current
 * rules and both sides' offers against it, warm (the sample in memory) and cold (a fresh app on
 * the same database); baseline: the same against a sample 10× smaller.
 */
export const costing: FigureGroup = {
  name: 'costing',
  async run(bench) {
    const dir = mkdtempSync(join(tmpdir(), 'xieshang-costing-'));
    const w = await world(bench);
    try {
      const big = await sampleFiles(dir, 'big', ORDERS);
      const small = await sampleFiles(dir, 'small', Math.round(ORDERS / 10));
      const read = await readBytes(big.orders);
      const [union, platform] = await Promise.all(['union.chief', 'platform.chief'].map(w.person));
      const service = w.app.get(CostingService);

      const load = async (files: SampleFiles) => {
        const { id } = await contract(w, `costing ${files.name}`, 'bargaining');
        const peak = { rss: 0, heap: 0 };
        const sample = () => {
          const m = process.memoryUsage();
          peak.rss = Math.max(peak.rss, m.rss);
          peak.heap = Math.max(peak.heap, m.heapUsed);
        };
        const timer = setInterval(sample, 20);
        const t0 = performance.now();
        const loaded = await service.upload(platform, id, 'orders', 'csv', createReadStream(files.orders, { highWaterMark: 1 << 16 }));
        const seconds = (performance.now() - t0) / 1000;
        clearInterval(timer);
        sample();
        await service.upload(platform, id, 'online_time', 'csv', createReadStream(files.online));
        await service.declareCurrentTerms(platform, id, terms(600) as never);
        await w.app.get(NegotiationsService).send(platform, id, { type: 'OFFER', terms: terms(650) });
        return { id, rows: loaded.rows, riderDays: loaded.riderDays, seconds, peak };
      };
      const rssBefore = process.memoryUsage().rss;
      const bigLoad = await load(big);
      const smallLoad = await load(small);
      const warm = async (id: string) => median(await timed(() => service.costing(union, id), 5));
      const [bigWarm, smallWarm] = [await warm(bigLoad.id), await warm(smallLoad.id)];
      await w.close();
      const [bigCold, smallCold] = [await cold(w, bigLoad.id), await cold(w, smallLoad.id)];

      const mib = (bytes: number) => bytes / 2 ** 20;
      const riderDays = `${bigLoad.riderDays} rider-days`;
      return [
        { name: `costing.load.${bigLoad.rows}-orders`, value: bigLoad.rows / bigLoad.seconds, unit: 'rows/s', baseline: { name: 'cutting lines + SHA-256 of the same bytes', value: read.lines / read.seconds }, target: '10⁷ orders < 60 s (≥ 167 000 rows/s)' },
        { name: 'costing.load.seconds', value: bigLoad.seconds, unit: 's', baseline: { name: 'cutting lines + SHA-256', value: read.seconds }, target: '< 60 s at 10⁷' },
        { name: 'costing.load.peak-rss', value: mib(bigLoad.peak.rss), unit: 'MiB', baseline: { name: 'RSS before loading', value: mib(rssBefore) } },
        { name: 'costing.load.peak-heap', value: mib(bigLoad.peak.heap), unit: 'MiB' },
        { name: `costing.warm.${riderDays}`, value: bigWarm, unit: 'ms', baseline: { name: `at ${smallLoad.riderDays} rider-days`, value: smallWarm }, target: '< 1 000 ms' },
        { name: `costing.cold.${riderDays}`, value: bigCold, unit: 'ms', baseline: { name: `at ${smallLoad.riderDays} rider-days`, value: smallCold }, target: '< 1 000 ms' },
      ];
    } finally {
      await w.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

const terms = (baseFen: number) => ({
  pieceRates: [{ task: 'delivery', baseFen, perKmFen: 60, kmIncluded: 3, nightSurchargeFen: 100, badWeatherSurchargeFen: 200 }],
  laborQuota: { standardTasksPerHour: 4 },
  termMonths: 24,
});

interface SampleFiles {
  name: string;
  orders: string;
  online: string;
}

/** The generated samples as files (generating is not what is measured): ~1 000 orders a rider over 59 days. */
async function sampleFiles(dir: string, name: string, orders: number): Promise<SampleFiles> {
  const riders = Array.from({ length: Math.max(1, Math.round(orders / 1000)) }, (_, i) => riderHashOf(`BENCH-${name}-${i}`));
  const files = { name, orders: join(dir, `${name}-orders.csv`), online: join(dir, `${name}-online.csv`) };
  const [ordersOut, onlineOut] = [createWriteStream(files.orders), createWriteStream(files.online)];
  for (const chunk of generateSample({ riders, firstDay: '2026-09-01', days: 59, seed: 7 })) {
    if (!ordersOut.write(chunk.orders)) await once(ordersOut, 'drain');
    if (!onlineOut.write(chunk.online)) await once(onlineOut, 'drain');
  }
  await Promise.all([new Promise((r) => ordersOut.end(r)), new Promise((r) => onlineOut.end(r))]);
  return files;
}

async function readBytes(file: string): Promise<{ lines: number; seconds: number }> {
  const t0 = performance.now();
  const hash = createHash('sha256');
  let lines = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  }
  hash.digest('hex');
  return { lines: lines - 1, seconds: (performance.now() - t0) / 1000 };
}

/** The first costing of a fresh app on the same database: nothing of the sample in memory. */
async function cold(w: World, negotiationId: string): Promise<number> {
  const app = await createApp(w.config, { clock: new ManualClock() });
  await app.init();
  try {
    const union = await personOf(app.get(DataSource), 'union.chief');
    const t0 = performance.now();
    await app.get(CostingService).costing(union, negotiationId);
    return performance.now() - t0;
  } finally {
    await app.close();
  }
}
