import { FigureGroup, percentile, world } from '../lib';
import { bigWorkerCsv, healthDuringImport } from '../health-during-import';

/**
 * How long a 32 MB worker import (100 000 rows, streamed) holds the event loop: /health asked
 * every 10 ms during it, against the same polling of an idle server.
 */
export const workerImport: FigureGroup = {
  name: 'worker-import',
  async run(bench) {
    const w = await world(bench, { RATE_LIMIT_PER_MINUTE: '100000000' });
    try {
      const base = await w.listen();
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'platform.chief', password: 'demo-pass' }) });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const token = `Bearer ${accessToken}`;
      const idle = await healthDuringImport(base, token, null);
      const csv = bigWorkerCsv(100_000);
      const t0 = performance.now();
      const busy = await healthDuringImport(base, token, csv);
      const seconds = (performance.now() - t0) / 1000;
      if (busy.import.status !== 200) throw new Error(`import answered ${busy.import.status}: ${busy.import.body}`);
      const mib = (csv.length / 2 ** 20).toFixed(0);
      return [
        { name: `worker-import.${mib}MiB.health-max`, value: Math.max(...busy.latencies), unit: 'ms', baseline: { name: 'idle server max', value: Math.max(...idle.latencies) }, target: '< 200 ms' },
        { name: `worker-import.${mib}MiB.health-p99`, value: percentile(busy.latencies, 0.99), unit: 'ms', baseline: { name: 'idle server p99', value: percentile(idle.latencies, 0.99) } },
        { name: `worker-import.${mib}MiB.rows`, value: 100_000 / seconds, unit: 'rows/s' },
      ];
    } finally {
      await w.close();
    }
  },
};
