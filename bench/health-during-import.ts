import { request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

/** `rows` worker rows of about 330 bytes each (100 000 make 32 MB), alternating two 十堰 districts. */
export function bigWorkerCsv(rows: number, tag = 'HEALTH'): Buffer {
  const name = '骑'.repeat(99); // 297 bytes
  return Buffer.from(Array.from({ length: rows }, (_, i) => `${tag}${i},${i % 2 ? '420302' : '420303'},delivery_rider,${name}`).join('\n'));
}

export interface HealthDuringImport {
  import: { status: number; body: string };
  /** Milliseconds each /health took while the upload and import were still running. */
  latencies: number[];
  /** Every /health status seen. */
  statuses: number[];
}

/**
 * POST `csv` to /api/workers as a client uploads it (64 KiB at a time, waiting when the socket
 * is full) while asking /health every 10 ms: how long the import holds the event loop from
 * everyone else. With `csv` null, the same polling for `idleMs` with nothing else running.
 */
export async function healthDuringImport(base: string, token: string, csv: Buffer | null, idleMs = 3000): Promise<HealthDuringImport> {
  let running = true;
  const imported = csv
    ? new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${base}/api/workers`, { method: 'POST', headers: { authorization: token, 'content-type': 'text/csv', 'content-length': csv.length } }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        (async () => {
          for (let at = 0; at < csv.length; at += 65536) if (!req.write(csv.subarray(at, at + 65536))) await new Promise((r) => req.once('drain', r));
          req.end();
        })().catch(reject);
      }).finally(() => (running = false))
    : new Promise<{ status: number; body: string }>((resolve) => setTimeout(() => ((running = false), resolve({ status: 0, body: '' })), idleMs));
  // awaited after the polling: a failed upload must not be an unhandled rejection meanwhile
  imported.catch(() => undefined);
  const latencies: number[] = [];
  const statuses: number[] = [];
  while (running) {
    const start = performance.now();
    const health = await fetch(`${base}/health`);
    await health.text();
    if (running) latencies.push(performance.now() - start);
    statuses.push(health.status);
    await new Promise((r) => setTimeout(r, 10));
  }
  return { import: await imported, latencies, statuses };
}
