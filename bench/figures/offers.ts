import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Figure, FigureGroup, contract, profiled, world } from '../lib';

const CLIENTS = 50;
/**
 * Sent before the measured window, not counted: the write path's JIT warm-up (bench/load/offers.ts).
 * 10 s: V8 moves the hot path to its optimising compiler 5.5–6.5 s into the load, ≈ 0.4 s of a
 * background thread's CPU on a machine whose two cores are the service's and the load's
 * (bench/README.md, "Why the OFFER figure has a warm-up").
 */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const NEGOTIATIONS = 100;
const terms = { pieceRates: [{ task: 'delivery', baseFen: 650, perKmFen: 60, kmIncluded: 3 }], commission: { maxBasisPoints: 1500 }, laborQuota: { standardTasksPerHour: 4 }, termMonths: 24 };

/**
 * OFFER over HTTP: 50 clients (a second process) over 100 negotiations in bargaining, each
 * offer from the side whose turn it is; against raw better-sqlite3 doing the same-shaped
 * transaction (read the row, chain entry with SHA-256, round insert, versioned update).
 */
export const offers: FigureGroup = {
  name: 'offers',
  async run(bench) {
    // Two chiefs sending 1 500 offers a second is a load test, not a person: the per-client write
    // budget (RATE_LIMIT_PER_MINUTE, 600) would turn it into a measurement of 429s.
    const w = await world(bench, { RATE_LIMIT_PER_MINUTE: '100000000' });
    try {
      const negotiations: string[] = [];
      for (let i = 0; i < NEGOTIATIONS; i++) negotiations.push((await contract(w, `offers ${i}`, 'bargaining')).id);
      const base = await w.listen();
      const token = async (username: string) => {
        const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo-pass' }) });
        return ((await res.json()) as { accessToken: string }).accessToken;
      };
      const job = { base, seconds: bench.seconds, warmupSeconds: WARMUP_SECONDS, clients: CLIENTS, negotiations, tokens: { union: await token('union.chief'), platform: await token('platform.chief') }, terms };
      // the service runs in this process: its CPU time over the measured window, per event, is a
      // steadier figure than events/s on a machine whose other core is shared with the load. The
      // event loop's thread is what runs out: SQLite's checkpointer (a thread of its own) is counted apart
      let cpuFrom: NodeJS.CpuUsage | undefined;
      let loopFrom: NodeJS.CpuUsage | undefined;
      const cpuTimer = setTimeout(() => ((cpuFrom = process.cpuUsage()), (loopFrom = process.threadCpuUsage())), WARMUP_SECONDS * 1000);
      const result = await profiled(`offers.${bench.postgres ? 'postgres' : 'sqlite'}`, () => new Promise<{ events: number; seconds: number; p50: number; p99: number; failures: number; failureSample: string[] }>((resolve, reject) =>
        execFile(process.execPath, [join(__dirname, '..', 'load', 'offers.js'), JSON.stringify(job)], { maxBuffer: 1 << 24 }, (error, stdout) =>
          error ? reject(error) : resolve(JSON.parse(stdout)),
        ),
      ));
      clearTimeout(cpuTimer);
      const cpu = cpuFrom ? process.cpuUsage(cpuFrom) : undefined;
      const loop = loopFrom ? process.threadCpuUsage(loopFrom) : undefined;
      if (result.failures) console.log(`  (offers: ${result.failures} failed, e.g. ${result.failureSample.join(' / ')})`);
      const figures: Figure[] = [
        { name: `offers.${bench.postgres ? 'postgres' : 'sqlite'}.throughput`, value: result.events / result.seconds, unit: 'events/s', baseline: bench.postgres ? undefined : { name: 'raw better-sqlite3, same-shaped tx', value: rawSqlite(bench.seconds) }, target: bench.postgres ? 'reported' : '≥ 1 500 events/s' },
        { name: `offers.${bench.postgres ? 'postgres' : 'sqlite'}.p99`, value: result.p99, unit: 'ms', target: '< 50 ms' },
        { name: `offers.${bench.postgres ? 'postgres' : 'sqlite'}.p50`, value: result.p50, unit: 'ms' },
        { name: `offers.${bench.postgres ? 'postgres' : 'sqlite'}.service-cpu-per-event`, value: cpu ? (cpu.user + cpu.system) / 1000 / result.events : NaN, unit: 'ms' },
        { name: `offers.${bench.postgres ? 'postgres' : 'sqlite'}.event-loop-cpu-per-event`, value: loop ? (loop.user + loop.system) / 1000 / result.events : NaN, unit: 'ms', target: '≤ 0.67 ms (1 500 events/s on one thread)' },
        { name: `offers.${bench.postgres ? 'postgres' : 'sqlite'}.failed`, value: result.failures, unit: 'requests', target: '0' },
      ];
      return figures;
    } finally {
      await w.close();
    }
  },
};

/** Transactions per second of the bare shape of an OFFER, on a WAL SQLite file. */
function rawSqlite(seconds: number): number {
  const db = new Database(join(mkdtempSync(join(tmpdir(), 'xieshang-raw-')), 'raw.db'));
  // the service's own settings (src/database/data-source-options.ts): with SQLite's default
  // synchronous = FULL every commit would wait for the disk, a baseline a third as fast
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE n (id TEXT PRIMARY KEY, state TEXT, context TEXT, version INTEGER, audit_seq INTEGER, audit_head TEXT);
           CREATE TABLE a (negotiation_id TEXT, seq INTEGER, payload TEXT, prev_hash TEXT, hash TEXT, PRIMARY KEY (negotiation_id, seq));
           CREATE TABLE r (negotiation_id TEXT, round INTEGER, terms TEXT, PRIMARY KEY (negotiation_id, round));`);
  const ids = Array.from({ length: NEGOTIATIONS }, () => randomUUID());
  for (const id of ids) db.prepare('INSERT INTO n VALUES (?, ?, ?, 0, 0, ?)').run(id, 'bargaining', JSON.stringify({ round: 0 }), '0'.repeat(64));
  const read = db.prepare('SELECT * FROM n WHERE id = ?');
  const audit = db.prepare('INSERT INTO a VALUES (?, ?, ?, ?, ?)');
  const round = db.prepare('INSERT INTO r VALUES (?, ?, ?)');
  const update = db.prepare('UPDATE n SET context = ?, version = ?, audit_seq = ?, audit_head = ? WHERE id = ? AND version = ?');
  const offer = db.transaction((id: string) => {
    const row = read.get(id) as { context: string; version: number; audit_seq: number; audit_head: string };
    const context = JSON.parse(row.context) as { round: number };
    const payload = JSON.stringify({ terms, round: context.round + 1 });
    const hash = createHash('sha256').update(row.audit_head).update(payload).digest('hex');
    audit.run(id, row.audit_seq + 1, payload, row.audit_head, hash);
    round.run(id, context.round + 1, JSON.stringify(terms));
    update.run(JSON.stringify({ round: context.round + 1 }), row.version + 1, row.audit_seq + 1, hash, id, row.version);
  });
  let done = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  while (performance.now() < end) offer(ids[done++ % ids.length]);
  const rate = done / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}
