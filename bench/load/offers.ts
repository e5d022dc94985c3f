import { performance } from 'node:perf_hooks';

/**
 * The load side of the OFFER figure, run as a second process: `clients` loops, each owning
 * some negotiations and sending OFFER from the side whose turn it is, for `seconds`.
 * Prints {events, seconds, latencies:{p50,p99}, failures} as JSON.
 */
interface Job {
  base: string;
  seconds: number;
  clients: number;
  negotiations: string[];
  tokens: { union: string; platform: string };
  terms: unknown;
}

async function main() {
  const job = JSON.parse(process.argv[2]) as Job;
  const latencies: number[] = [];
  let failures = 0;
  const failureSample: string[] = [];
  const end = performance.now() + job.seconds * 1000;
  const turn = new Map(job.negotiations.map((id) => [id, 'platform' as 'platform' | 'union']));
  const owned = (c: number) => job.negotiations.filter((_, i) => i % job.clients === c);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: job.clients }, async (_, c) => {
      const mine = owned(c);
      for (let k = 0; performance.now() < end; k++) {
        const id = mine[k % mine.length];
        const side = turn.get(id)!;
        const t0 = performance.now();
        const res = await fetch(`${job.base}/api/negotiations/${id}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${job.tokens[side]}` },
          body: JSON.stringify({ type: 'OFFER', terms: job.terms }),
        });
        const text = await res.text();
        if (res.status === 200) {
          latencies.push(performance.now() - t0);
          turn.set(id, side === 'union' ? 'platform' : 'union');
        } else {
          failures++;
          if (failureSample.length < 3) failureSample.push(`${res.status} ${text.slice(0, 200)}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  console.log(JSON.stringify({ events: latencies.length, seconds, p50: at(0.5), p99: at(0.99), failures, failureSample }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
