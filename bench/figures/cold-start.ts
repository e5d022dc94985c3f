import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratchDatabaseUrl } from '../../src/database/scratch-database';
import { FigureGroup, median } from '../lib';
import { npmStartArgs, startServing } from '../main-process';

/** Starts measured per figure: one start is one sample of a noisy machine; the median of three is the figure. */
const STARTS = 3;

/**
 * `npm start`'s command from process start to the first 200 of /health, on an empty database
 * (migrations and the demo load included) and again on the filled one; its RSS after the demo.
 * Each is the median of three starts, the empty ones on three fresh databases. Then one more on
 * an empty database with an empty compile cache: what a fresh deploy (a container with a new
 * temporary directory) starts with. Baseline: a bare Fastify process answering its first
 * request, the median of as many.
 */
export const coldStart: FigureGroup = {
  name: 'cold-start',
  async run(bench) {
    const empty: Started[] = [];
    const filled: Started[] = [];
    const bare: Started[] = [];
    const bareScript = `require('fastify')({logger:false}).get('/health',(q,r)=>r.send({ok:true})).listen({port:3103,host:'127.0.0.1'})`;
    for (let i = 0; i < STARTS; i++) {
      const databaseUrl = await scratchDatabaseUrl(bench.server);
      // as npm start runs it: package.json's flags and script
      empty.push(await start(npmStartArgs(), databaseUrl, 3101));
      filled.push(await start(npmStartArgs(), databaseUrl, 3102));
      bare.push(await start(['-e', bareScript], databaseUrl, 3103));
    }
    const uncached = await start(npmStartArgs(), await scratchDatabaseUrl(bench.server), 3104, { NODE_COMPILE_CACHE: mkdtempSync(join(tmpdir(), 'xieshang-compile-cache-')) });
    const baseline = { name: `bare Fastify process, median of ${STARTS}`, value: median(bare.map((s) => s.ms)) };
    const rssBaseline = { name: 'bare Fastify process', value: median(bare.map((s) => s.rssMiB)) };
    return [
      { name: 'cold-start.empty-database', value: median(empty.map((s) => s.ms)), unit: 'ms', baseline, target: '< 2 000 ms' },
      { name: 'cold-start.empty-database.no-compile-cache', value: uncached.ms, unit: 'ms', baseline, target: '< 2 000 ms' },
      { name: 'cold-start.after-demo', value: median(filled.map((s) => s.ms)), unit: 'ms', baseline, target: '< 2 000 ms' },
      { name: 'rss.after-demo', value: median(empty.map((s) => s.rssMiB)), unit: 'MiB', baseline: rssBaseline, target: '< 200 MB' },
    ];
  },
};

interface Started {
  ms: number;
  rssMiB: number;
}

async function start(args: string[], databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<Started> {
  const service = await startServing(args, {
    port,
    cwd: mkdtempSync(join(tmpdir(), 'xieshang-cold-')),
    env: { NODE_PATH: join(__dirname, '..', '..', '..', 'node_modules'), DATABASE_URL: databaseUrl, NODE_ENV: 'development', SWEEP_INTERVAL_MS: '0', JWT_SECRET: 'bench-secret-bench-secret-bench-secret!', ...env },
  });
  try {
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${service.child.pid}/status`, 'utf8'))!;
    return { ms: service.ms, rssMiB: Number(rss[1]) / 1024 };
  } finally {
    await service.stop();
  }
}
