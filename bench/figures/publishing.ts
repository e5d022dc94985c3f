import { performance } from 'node:perf_hooks';
import { Organization } from '../../src/accounts/organization.entity';
import { InboxService } from '../../src/agreements/inbox.service';
import { Agreement } from '../../src/agreements/agreement.entity';
import { Figure, FigureGroup, World, autocannon, bulkId, contract, median, profiled, series, timed, world } from '../lib';

/** Publications timed (their median is the figure): a publication takes a few ms, and one GC pause is as long. */
const PUBLISHED = 7;

/**
 * Fan-out-on-read at scale: PUBLISH, acknowledgement counts and the inbox with 10³ and 10⁶
 * covered workers (the workers, and the inbox's 1 000 publications, are built with bulk SQL).
 */
export const publishing: FigureGroup = {
  name: 'publishing',
  async run(bench) {
    const small = await measure(bench, 1_000, false);
    const large = await measure(bench, 1_000_000, true);
    const figures: Figure[] = [
      { name: 'publish.1e6-covered', value: large.publishMs, unit: 'ms', baseline: { name: 'publish to 10³ covered', value: small.publishMs }, target: 'ratio ≤ 1.2' },
      { name: 'ack-counts.1e6-covered', value: large.countMs, unit: 'ms', baseline: { name: 'at 10³ covered', value: small.countMs }, target: '< 20 ms' },
    ];
    if (large.inbox)
      figures.push(
        { name: 'inbox.p99.1e6-workers-1000-publications', value: large.inbox.p99, unit: 'ms', baseline: { name: `inbox p99 at 10³ workers, ${PUBLISHED} publications`, value: small.inbox!.p99 }, target: '< 20 ms' },
        { name: 'inbox.throughput.1e6-workers-1000-publications', value: large.inbox.requestsPerSecond, unit: 'req/s', baseline: { name: `at 10³ workers, ${PUBLISHED} publications`, value: small.inbox!.requestsPerSecond } },
      );
    return figures;
  },
};

async function measure(bench: Parameters<FigureGroup['run']>[0], covered: number, manyPublications: boolean) {
  // one rider's token reading the inbox thousands of times a minute is a load test: the per-person
  // budget (RATE_LIMIT_PER_MINUTE) would make it a measurement of 429s
  const w = await world(bench, { RATE_LIMIT_PER_MINUTE: '100000000' });
  try {
    await bulkWorkers(w, covered);
    const publishMs: number[] = [];
    for (let i = 0; i < PUBLISHED; i++) publishMs.push((await contract(w, `bench ${i}`)).publishMs!);
    const union = await w.person('union.chief');
    const agreement = await w.ds.getRepository(Agreement).findOneByOrFail({ title: 'bench 0' });
    const inbox = w.app.get(InboxService);
    const counts = await inbox.acknowledgements(union, agreement.id);
    if (counts.covered < covered) throw new Error(`expected ≥ ${covered} covered, counted ${counts.covered}`);
    const countMs = median(await timed(() => inbox.acknowledgements(union, agreement.id), 7));
    if (manyPublications) await bulkAgreements(w, agreement, 1_000 - PUBLISHED);
    const base = await w.listen();
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'rider.0001', password: 'demo-pass' }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const load = await profiled(`inbox.${covered}`, () => autocannon(`${base}/api/me/inbox`, { connections: 10, seconds: bench.seconds, headers: { authorization: `Bearer ${accessToken}` } }));
    if (load.non2xx) throw new Error(`inbox: ${load.non2xx} non-2xx answers`);
    return { publishMs: median(publishMs), countMs, inbox: load };
  } finally {
    await w.close();
  }
}

/** `n` riders of the demo platform in 十堰 (covered by the bench contract), in one statement. */
async function bulkWorkers(w: World, n: number): Promise<void> {
  const platform = await w.ds.getRepository(Organization).findOneByOrFail({ kind: 'enterprise', name: '速达外卖（十堰）网络科技有限公司' });
  const t0 = performance.now();
  await w.ds.query(
    `WITH RECURSIVE ${series(w.ds, n)}
     INSERT INTO workers (id, enterprise_id, external_id, industry, region, category, display_name, created_at)
     SELECT ${bulkId(w.ds, 'b0000001')}, $1, 'B' || x, 'food_delivery', CASE WHEN x % 2 = 0 THEN '420302' ELSE '420303' END, 'delivery_rider', 'rider ' || x, '2026-01-01T00:00:00.000Z'
     FROM series`.replace(/\$1/g, w.ds.options.type === 'postgres' ? '$1' : '?'),
    [platform.id],
  );
  if (n >= 100_000) console.log(`  (built ${n} workers in ${Math.round(performance.now() - t0)} ms)`);
}

/** `n` more publications like `a` (same scope: all cover rider.0001), in one statement. */
async function bulkAgreements(w: World, a: Agreement, n: number): Promise<void> {
  const p = (i: number) => (w.ds.options.type === 'postgres' ? `$${i}` : '?');
  await w.ds.query(
    `WITH RECURSIVE ${series(w.ds, n)}
     INSERT INTO agreements (id, negotiation_id, kind, title, industry, region, scope, terms, opinions, effective_from, expires_on, published_at, audit_head)
     SELECT ${bulkId(w.ds, 'a0000001')}, ${bulkId(w.ds, 'a0000002')}, kind, title || ' ' || x, industry, region, scope, terms, opinions, effective_from, expires_on, published_at, audit_head
     FROM agreements, series WHERE agreements.id = ${p(1)}`,
    [a.id],
  );
}
