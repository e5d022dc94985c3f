import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratchDatabaseUrl } from '../../src/database/scratch-database';
import { FigureGroup } from '../lib';
import { npmStartArgs, startServing } from '../main-process';

/**
 * `node dist/src/main.js` from process start to the first 200 of /health, on an empty
 * database (migrations and the demo load included) and again on the filled one; its RSS
 * after the demo. Baseline: a bare Fastify process answering its first request.
 */
export const coldStart: FigureGroup = {
  name: 'cold-start',
  async run(bench) {
    const databaseUrl = await scratchDatabaseUrl(bench.server);
    // as npm start runs it: package.json's flags and script
    const first = await start(npmStartArgs(), databaseUrl, 3101);
    const second = await start(npmStartArgs(), databaseUrl, 3102);
    const bareScript = `require('fastify')({logger:false}).get('/health',(q,r)=>r.send({ok:true})).listen({port:3103,host:'127.0.0.1'})`;
    const bare = await start(['-e', bareScript], databaseUrl, 3103);
    return [
      { name: 'cold-start.empty-database', value: first.ms, unit: 'ms', baseline: { name: 'bare Fastify process', value: bare.ms }, target: '< 2 000 ms' },
      { name: 'cold-start.after-demo', value: second.ms, unit: 'ms', baseline: { name: 'bare Fastify process', value: bare.ms }, target: '< 2 000 ms' },
      { name: 'rss.after-demo', value: first.rssMiB, unit: 'MiB', baseline: { name: 'bare Fastify process', value: bare.rssMiB }, target: '< 200 MB' },
    ];
  },
};

async function start(args: string[], databaseUrl: string, port: number): Promise<{ ms: number; rssMiB: number }> {
  const service = await startServing(args, {
    port,
    cwd: mkdtempSync(join(tmpdir(), 'xieshang-cold-')),
    env: { NODE_PATH: join(__dirname, '..', '..', '..', 'node_modules'), DATABASE_URL: databaseUrl, NODE_ENV: 'development', SWEEP_INTERVAL_MS: '0', JWT_SECRET: 'bench-secret-bench-secret-bench-secret!' },
  });
  try {
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${service.child.pid}/status`, 'utf8'))!;
    return { ms: service.ms, rssMiB: Number(rss[1]) / 1024 };
  } finally {
    await service.stop();
  }
}
