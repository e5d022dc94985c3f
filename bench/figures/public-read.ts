import { Agreement } from '../../src/agreements/agreement.entity';
import { FigureGroup, autocannon, bareFastify, contract, profiled, world } from '../lib';

/**
 * GET /api/agreements/:id (public) at -c 50 and the default rate limit, against bare Fastify
 * serving the same bytes; and the 304 a cache gets back for If-None-Match.
 */
export const publicRead: FigureGroup = {
  name: 'public-read',
  async run(bench) {
    const w = await world(bench, { RATE_LIMIT_PER_MINUTE: '600' });
    try {
      const { id } = await contract(w, 'public read');
      const agreement = await w.ds.getRepository(Agreement).findOneByOrFail({ negotiationId: id });
      const base = await w.listen();
      const url = `${base}/api/agreements/${agreement.id}`;
      const sample = await fetch(url);
      const body = await sample.text();
      // the same bytes on the wire: the body and every header the app sends with it (helmet's,
      // ETag, Cache-Control, a request id of the same length), so that only the work differs
      const sent = Object.fromEntries([...sample.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name)));
      const bare = await bareFastify(body, sent);
      try {
        const load = { connections: 50, seconds: bench.seconds };
        const baseline = await autocannon(`${bare.url}/api/agreements/${agreement.id}`, load);
        const app = await profiled('public-read', () => autocannon(url, load));
        const cached = await autocannon(url, { ...load, headers: { 'if-none-match': sample.headers.get('etag') ?? '' } });
        return [
          { name: 'public-read.throughput', value: app.requestsPerSecond, unit: 'req/s', baseline: { name: `bare Fastify, same ${body.length}-byte body and headers`, value: baseline.requestsPerSecond }, target: '≥ 0.6 ×' },
          { name: 'public-read.p99', value: app.p99, unit: 'ms', baseline: { name: 'bare Fastify p99', value: baseline.p99 }, target: '< 20 ms' },
          { name: 'public-read.non-2xx', value: app.non2xx + app.errors, unit: `responses of ${app.total}`, target: '0' },
          { name: 'public-read.304', value: cached.requestsPerSecond, unit: 'req/s', baseline: { name: 'bare Fastify 200', value: baseline.requestsPerSecond } },
        ];
      } finally {
        await bare.close();
      }
    } finally {
      await w.close();
    }
  },
};
