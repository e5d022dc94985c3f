import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * The load side of the OFFER figure, run as a second process: `clients` loops, each owning
 * some negotiations and sending OFFER from the side whose turn it is. The first
 * `warmupSeconds` are sent but not counted (the service's JIT is still compiling the write path:
 * a cold 2-second window measured a third of a warm one, and the optimising compiler's last
 * burst comes 5.5–6.5 s in), then `seconds` are measured.
 * Requests go through node:http on kept-alive sockets, not fetch: fetch spent about 1 ms of the
 * load process's CPU per request, on a machine whose other core is the service's.
 * Prints {events, seconds, p50, p99, failures, failureSample} as JSON.
 */
interface Job {
  base: string;
  seconds: number;
  warmupSeconds: number;
  clients: number;
  negotiations: string[];
  tokens: { union: string; platform: string };
  terms: unknown;
}

function post(agent: Agent, url: URL, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main() {
  const job = JSON.parse(process.argv[2]) as Job;
  const agent = new Agent({ keepAlive: true, maxSockets: job.clients });
  const body = JSON.stringify({ type: 'OFFER', terms: job.terms });
  const latencies: number[] = [];
  let failures = 0;
  const failureSample: string[] = [];
  const measureFrom = performance.now() + job.warmupSeconds * 1000;
  const end = measureFrom + job.seconds * 1000;
  const turn = new Map(job.negotiations.map((id) => [id, 'platform' as 'platform' | 'union']));
  const owned = (c: number) => job.negotiations.filter((_, i) => i % job.clients === c);
  await Promise.all(
    Array.from({ length: job.clients }, async (_, c) => {
      const mine = owned(c).map((id) => ({ id, url: new URL(`${job.base}/api/negotiations/${id}/events`) }));
      for (let k = 0; performance.now() < end; k++) {
        const { id, url } = mine[k % mine.length];
        const side = turn.get(id)!;
        const t0 = performance.now();
        const res = await post(agent, url, job.tokens[side], body);
        const counted = t0 >= measureFrom;
        if (res.status === 200) {
          if (counted) latencies.push(performance.now() - t0);
          turn.set(id, side === 'union' ? 'platform' : 'union');
        } else {
          failures++;
          if (failureSample.length < 3) failureSample.push(`${res.status} ${res.text.slice(0, 200)}`);
        }
      }
    }),
  );
  agent.destroy();
  // the measured window is from measureFrom to the last counted request's answer
  const seconds = (performance.now() - measureFrom) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  console.log(JSON.stringify({ events: latencies.length, seconds, p50: at(0.5), p99: at(0.99), failures, failureSample }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
