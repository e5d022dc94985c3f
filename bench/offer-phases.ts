import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { contract, world } from './lib';
import { AuthGuard } from '../src/accounts/auth.guard';
import { RequestBudgetGuard } from '../src/accounts/request-budget';
import { AuditService } from '../src/audit/audit.service';
import { JsonBodyValidationPipe } from '../src/common/validation';
import { Transactions } from '../src/database/transactions';
import { DeadlinesService } from '../src/deadlines/deadlines.service';
import { EvidenceService } from '../src/ledger/evidence.service';
import { NegotiationEvents } from '../src/negotiations/negotiation-events';
import { NegotiationViews } from '../src/negotiations/negotiation-view';
import { NegotiationsService } from '../src/negotiations/negotiations.service';

/**
 * Where an OFFER's time goes on the server: timers around the service's own methods while
 * `load/offers.ts` sends OFFERs, by default one client at a time (`CLIENTS=50` for the figure's
 * load). Not a figure: the timers cost time themselves, and a method timed inside another is
 * counted in both. Prints each timed part's mean over the second half of the run (warm).
 *
 *   npm run build && node dist/bench/offer-phases.js
 */
const terms = { pieceRates: [{ task: 'delivery', baseFen: 650, perKmFen: 60, kmIncluded: 3 }], commission: { maxBasisPoints: 1500 }, laborQuota: { standardTasksPerHour: 4 }, termMonths: 24 };
const times = new Map<string, number[]>();
const note = (label: string, ms: number) => (times.get(label) ?? times.set(label, []).get(label)!).push(ms);

/** Times every call of `holder[name]` (a method on a prototype, or a function a module exports). */
function timed(holder: object, name: string, label: string): void {
  const original = (holder as Record<string, (...args: unknown[]) => unknown>)[name];
  const measure = function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    const result = original.apply(this, args);
    if (result instanceof Promise) return result.finally(() => note(label, performance.now() - t0));
    note(label, performance.now() - t0);
    return result;
  };
  Object.defineProperty(holder, name, { configurable: true, enumerable: true, writable: true, value: measure });
}

async function main() {
  const w = await world({ postgres: false, seconds: 5 }, { RATE_LIMIT_PER_MINUTE: '100000000' });
  const negotiations: string[] = [];
  for (let i = 0; i < 100; i++) negotiations.push((await contract(w, `phases ${i}`, 'bargaining')).id);
  timed(RequestBudgetGuard.prototype, 'canActivate', 'request budget guard');
  timed(AuthGuard.prototype, 'canActivate', 'auth guard');
  timed(NegotiationsService.prototype, 'send', 'send (validation + unit)');
  timed(JsonBodyValidationPipe.prototype, 'transform', '  validation');
  timed(Transactions.prototype, 'run', '  unit (BEGIN … COMMIT)');
  timed(NegotiationsService.prototype, 'load', '    load + relation');
  timed(NegotiationEvents.prototype, 'plan', '    plan');
  timed(AuditService.prototype, 'link', '    chain link (hash)');
  timed(AuditService.prototype, 'append', '    chain append');
  timed(NegotiationsService.prototype, 'viewFor', '    view');
  timed(NegotiationViews.prototype, 'build', '      build');
  timed(DeadlinesService.prototype, 'running', '      running clocks');
  timed(EvidenceService.prototype, 'forNegotiation', '      evidence');
  const machines = require('../src/negotiations/negotiation-machines') as object;
  for (const f of ['procedureAllows', 'next', 'allowedEvents']) timed(machines, f, `    machine ${f}`);
  const base = await w.listen();
  w.app.getHttpServer().prependListener('request', (_request: unknown, response: { on(event: string, f: () => void): void }) => {
    const t0 = performance.now();
    response.on('finish', () => note('request to answer written', performance.now() - t0));
  });
  const token = async (username: string) =>
    ((await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo-pass' }) })).json()) as { accessToken: string }).accessToken;
  const clients = Number(process.env.CLIENTS ?? 1);
  const job = { base, seconds: 6, warmupSeconds: 4, clients, negotiations, tokens: { union: await token('union.chief'), platform: await token('platform.chief') }, terms };
  const result = await new Promise<{ events: number; seconds: number; p50: number; p99: number }>((resolve, reject) =>
    execFile(process.execPath, [join(__dirname, 'load', 'offers.js'), JSON.stringify(job)], { maxBuffer: 1 << 24 }, (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout)))),
  );
  console.log(`${clients} client(s): ${(result.events / result.seconds).toFixed(0)} events/s, client p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`);
  for (const [label, samples] of times) {
    const warm = samples.slice(Math.floor(samples.length / 2));
    console.log(`${label.padEnd(34)} ${((warm.reduce((a, b) => a + b, 0) / warm.length) * 1000).toFixed(1).padStart(7)} µs  (${samples.length} calls)`);
  }
  await w.close();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
