import 'reflect-metadata';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropScratchDatabases } from '../src/database/scratch-database';
import { Bench, Figure, FigureGroup } from './lib';
import { FIGURE_GROUPS } from './figures';
import { withServiceFlags } from './main-process';

/**
 * npm run bench [-- group …]: runs every figure group (bench/figures/index.ts) in turn, each in
 * a process of its own, prints one line per figure — name, value, unit, the same-run baseline
 * and the ratio — and writes bench/results.json. DATABASE_URL=postgres://… runs them on
 * PostgreSQL (scratch databases). Never asserted in `npm test`: these machines are noisy, the
 * ratios are what to compare. It runs with the V8 flags of `npm start` (bench/main-process.ts
 * withServiceFlags).
 *
 * A process per group: in one process the groups before a figure left their heap behind (3 GiB
 * by the costing group, after 10⁶ workers and 10⁴ streams), and OFFER third in line spent 2.1 ms
 * of CPU per event against 1.3–1.4 run alone: a figure depended on the groups run before it.
 */
type Result = Figure & { group: string; ratio?: number };

async function main() {
  const only = process.argv.slice(2);
  const server = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
  const bench: Bench = { server, postgres: !!server, seconds: Number(process.env.BENCH_SECONDS ?? 5) };
  const groups = FIGURE_GROUPS.filter((g) => only.length === 0 || only.includes(g.name));
  const unknown = only.filter((name) => !FIGURE_GROUPS.some((g) => g.name === name));
  if (unknown.length) throw new Error(`no figure group ${unknown.join(', ')}; the groups are ${FIGURE_GROUPS.map((g) => g.name).join(', ')}`);
  const out = process.env.BENCH_GROUP_OUT;
  if (out) return writeFileSync(out, JSON.stringify(await runGroup(groups[0], bench)));

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
  const results: Result[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'xieshang-bench-'));
  for (const group of groups) {
    const file = join(scratch, `${group.name}.json`);
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, group.name], { stdio: 'inherit', env: { ...process.env, BENCH_GROUP_OUT: file } });
    if (child.status === 0 && existsSync(file)) results.push(...(JSON.parse(readFileSync(file, 'utf8')) as Result[]));
    else console.log(`${group.name} FAILED: its process ended with ${child.signal ?? `exit code ${child.status}`}`);
  }
  rmSync(scratch, { recursive: true, force: true });
  const resultsFile = join(__dirname, '..', '..', 'bench', 'results.json');
  mkdirSync(join(resultsFile, '..'), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify({ machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => l.toFixed(1)).join(' ') }, results }, null, 2) + '\n');
  console.log(`wrote ${resultsFile}`);
}

/** One group in this process: its lines printed as they come, its figures returned. */
async function runGroup(group: FigureGroup, bench: Bench): Promise<Result[]> {
  const results: Result[] = [];
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
  return results;
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
