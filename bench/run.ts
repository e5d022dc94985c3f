import 'reflect-metadata';
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropScratchDatabases } from '../src/database/scratch-database';
import { Bench, Figure } from './lib';
import { FIGURE_GROUPS } from './figures';
import { withServiceFlags } from './main-process';

/**
 * npm run bench [-- group …]: runs every figure group (bench/figures/index.ts) in turn, prints
 * one line per figure — name, value, unit, the same-run baseline and the ratio — and writes
 * bench/results.json. DATABASE_URL=postgres://… runs them on PostgreSQL (scratch databases).
 * Never asserted in `npm test`: these machines are noisy, the ratios are what to compare. It runs
 * with the V8 flags of `npm start` (bench/main-process.ts withServiceFlags).
 */
async function main() {
  const only = process.argv.slice(2);
  const server = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
  const bench: Bench = { server, postgres: !!server, seconds: Number(process.env.BENCH_SECONDS ?? 5) };
  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    nodeFlags: process.execArgv.join(' '),
    database: server ? 'PostgreSQL' : 'SQLite (better-sqlite3, WAL)',
    loadAverageAtStart: loadavg().map((l) => l.toFixed(1)).join(' '),
    at: new Date().toISOString(),
  };
  console.log(`Xieshang benchmarks — ${machine.database}; ${machine.cpus}; node ${machine.node} ${machine.nodeFlags}; load ${machine.loadAverageAtStart}`);
  const results: Array<Figure & { group: string; ratio?: number }> = [];
  for (const group of FIGURE_GROUPS.filter((g) => only.length === 0 || only.includes(g.name))) {
    try {
      for (const figure of await group.run(bench)) {
        const ratio = figure.baseline ? figure.value / figure.baseline.value : undefined;
        results.push({ group: group.name, ...figure, ratio });
        console.log(line(figure, ratio));
      }
    } catch (error) {
      console.log(`${group.name} FAILED ${(error as Error).stack ?? error}`);
    } finally {
      await dropScratchDatabases();
    }
  }
  const out = join(__dirname, '..', '..', 'bench', 'results.json');
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, JSON.stringify({ machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => l.toFixed(1)).join(' ') }, results }, null, 2) + '\n');
  console.log(`wrote ${out}`);
}

const num = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toString() : v.toFixed(Math.abs(v) >= 10 ? 1 : 2));

function line(f: Figure, ratio?: number): string {
  const parts = [f.name, num(f.value), f.unit];
  if (f.baseline) parts.push(`| baseline ${f.baseline.name} ${num(f.baseline.value)} ${f.unit} | ratio ${ratio!.toFixed(2)} ×`);
  if (f.target) parts.push(`| target ${f.target}`);
  return parts.join(' ');
}

const reexecuted = withServiceFlags();
if (reexecuted) reexecuted.then((code) => process.exit(code));
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
