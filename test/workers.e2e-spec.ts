import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Worker } from '../src/accounts/worker.entity';
import { coveredWorkersCondition, covers } from '../src/agreements/coverage';
import { Scope } from '../src/negotiations/negotiation.types';
import { TestApp, startTestApp } from './support/test-app';
import { bigWorkerCsv, healthDuringImport } from '../bench/health-during-import';

describe('registering workers in bulk', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
  });
  afterAll(() => t.close());

  const importAs = async (username: string, body: string, type = 'text/csv') =>
    t.http().post('/api/workers').set('Authorization', await t.login(username)).set('Content-Type', type).send(body);
  const workers = () => t.dataSource.getRepository(Worker);

  it('keeps the good CSV rows and reports each bad one by line', async () => {
    const csv = [
      'externalId,region,category,displayName',
      'SD9001,420302,delivery_rider,王师傅',
      'SD9002,999999,delivery_rider,李师傅',
      'SD9003,420303,Delivery Rider,张师傅',
      'SD9004,420303,delivery_rider',
      'SD9001,420303,delivery_rider,重复',
      '"SD9005",420303,delivery_rider,"刘,师傅"',
    ].join('\n');
    const res = await importAs('platform.chief', csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accepted: 2,
      rejected: [
        { line: 3, message: 'region "999999" is not a GB/T 2260 code' },
        { line: 4, message: 'category must be a code such as delivery_rider' },
        { line: 5, message: 'expected 4 columns (externalId, region, category, displayName), got 3' },
        { line: 6, message: 'externalId SD9001 repeats line 2' },
      ],
    });
    expect(await workers().findOneByOrFail({ externalId: 'SD9005' })).toMatchObject({ displayName: '刘,师傅', industry: 'food_delivery', enterpriseId: await t.orgId('platform') });
  });

  it('takes JSON lines, and updates a worker who moved district', async () => {
    const lines = [
      JSON.stringify({ externalId: 'SD9101', region: '420302', category: 'delivery_rider', displayName: '赵师傅' }),
      '{not json',
      JSON.stringify({ externalId: 'SD9102', region: '420302', category: 'delivery_rider', displayName: '钱师傅', age: 30 }),
      '[1,2]',
    ].join('\n');
    const res = await importAs('platform.rep2', lines, 'application/x-ndjson');
    expect(res.body).toEqual({
      accepted: 1,
      rejected: [
        { line: 2, message: 'not valid JSON' },
        { line: 3, message: 'unknown field age' },
        { line: 4, message: 'each line must be a JSON object' },
      ],
    });
    await importAs('platform.rep2', JSON.stringify({ externalId: 'SD9101', region: '420303', category: 'delivery_rider', displayName: '赵师傅' }), 'application/x-ndjson');
    const moved = await workers().findBy({ externalId: 'SD9101' });
    expect(moved).toHaveLength(1);
    expect(moved[0].region).toBe('420303');
  });

  it('accepts 100 000 rows in one request and refuses one more', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `BULK${i},${i % 2 ? '420302' : '420303'},delivery_rider,骑手${i}`).join('\n');
    const before = await workers().count();
    const res = await importAs('platform.chief', rows(100_000));
    expect(res.body).toEqual({ accepted: 100_000, rejected: [] });
    expect(await workers().count()).toBe(before + 100_000);
    const tooMany = await importAs('platform.chief', rows(100_001));
    expect(tooMany.status).toBe(422);
  }, 120_000);

  it('rejects a 30 MB field as the row it is in, and keeps the rows around it', async () => {
    const huge = 'a'.repeat(30 * 1024 * 1024);
    const csv = ['externalId,region,category,displayName', 'SD9201,420302,delivery_rider,周师傅', `SD9202,420302,delivery_rider,"${huge}"`, 'SD9203,420303,delivery_rider,吴师傅'].join('\n');
    const res = await importAs('platform.chief', csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 2, rejected: [{ line: 3, message: `the line is ${huge.length + 31} bytes long; a row may have at most 4096` }] });
  }, 60_000);

  it('makes a stray quote, a control character or an unclosed quote the error of its own line', async () => {
    const csv = [
      'SD9301,420302,delivery_rider,王"师傅',
      'SD9302,420302,delivery_rider,"李师傅"x',
      'SD9303,420302,delivery_rider,"张师傅',
      'SD9304,420302,delivery_rider,刘\u202e傅',
      'SD9305,420302,delivery_rider,"陈""师傅"""',
      'SD9306,420303,delivery_rider,杨师傅',
    ].join('\r\n');
    const res = await importAs('platform.chief', csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accepted: 2,
      rejected: [
        { line: 1, message: expect.stringMatching(/^not valid CSV: a quote in an unquoted field/) },
        { line: 2, message: expect.stringMatching(/^not valid CSV: a quote in an unquoted field, or text after a closing quote/) },
        { line: 3, message: 'not valid CSV: a quoted field is not closed on its line' },
        { line: 4, message: 'displayName contains the control character U+202E at position 2' },
      ],
    });
    expect(await workers().findOneByOrFail({ externalId: 'SD9305' })).toMatchObject({ displayName: '陈"师傅"' });
  });

  it('refuses a body over IMPORT_BODY_LIMIT_BYTES with 413, counted as it arrives', async () => {
    const small = await startTestApp({ scenario: false, env: { DEMO_RIDERS: '0', IMPORT_BODY_LIMIT_BYTES: '4096' } });
    try {
      const rows = Array.from({ length: 200 }, (_, i) => `BIG${i},420302,delivery_rider,骑手${i}`).join('\n');
      const res = await small.http().post('/api/workers').set('Authorization', await small.login('platform.chief')).set('Content-Type', 'text/csv').send(rows);
      expect(res.status).toBe(413);
      expect(await small.dataSource.getRepository(Worker).countBy({ externalId: 'BIG0' })).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('keeps answering /health while a 32 MB import runs (how long it waits is a bench figure)', async () => {
    await t.app.listen(0, '127.0.0.1');
    const csv = bigWorkerCsv(100_000);
    expect(csv.length).toBeGreaterThan(32_000_000);
    expect(csv.length).toBeLessThanOrEqual(t.config.IMPORT_BODY_LIMIT_BYTES);
    const { import: result, latencies, statuses } = await healthDuringImport(await t.app.getUrl(), await t.login('platform.chief'), csv);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ accepted: 100_000, rejected: [] });
    expect(new Set(statuses)).toEqual(new Set([200]));
    // an import that held the event loop to the end would let through one check, not dozens
    expect(latencies.length).toBeGreaterThan(10);
  }, 180_000);

  it('refuses other roles, other content types and an empty body', async () => {
    expect((await importAs('union.chief', 'SD1,420302,delivery_rider,x')).status).toBe(403);
    expect((await importAs('rider.0001', 'SD1,420302,delivery_rider,x')).status).toBe(403);
    const json = await t.http().post('/api/workers').set('Authorization', await t.login('platform.chief')).send([{ externalId: 'x' }]);
    expect(json.status).toBe(400);
    expect((await importAs('platform.chief', '   ')).status).toBe(400);
  });
});

describe('coverage in SQL agrees with covers()', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false, env: { DEMO_RIDERS: '0' } });
  });
  afterAll(() => t.close());

  it('counts exactly the workers covers() accepts, for any scope', async () => {
    const enterprises = [await t.orgId('platform'), await t.orgId('platform2'), await t.orgId('union')];
    const regions = ['420302', '420303', '420102', '420000', '430102', '420300'];
    const categories = ['delivery_rider', 'courier', 'driver'];
    const industries = ['food_delivery', 'ride_hailing'];
    const pick = <T>(xs: T[], i: number) => xs[i % xs.length];
    const sample = Array.from({ length: 120 }, (_, i) => ({
      id: randomUUID(),
      enterpriseId: pick(enterprises, i),
      externalId: `P${i}`,
      industry: pick(industries, i * 7),
      region: pick(regions, i * 5),
      category: pick(categories, i * 3),
      displayName: `w${i}`,
      createdAt: '2027-01-01T00:00:00.000Z',
    }));
    await t.dataSource.getRepository(Worker).insert(sample);
    const scope = fc.record<Scope>({
      industry: fc.constantFrom(...industries),
      region: fc.constantFrom('420000', '420300', '420302', '430000', '420100'),
      enterpriseIds: fc.subarray(enterprises),
      workerCategories: fc.subarray(categories),
    });
    const tallied = async (s: Scope) => {
      const { where, params } = coveredWorkersCondition(s, 't');
      const row = await t.dataSource.createQueryBuilder().select('COALESCE(SUM(t.workers), 0)', 'n').from('worker_tallies', 't').where(where, params).getRawOne();
      return Number(row.n);
    };
    await fc.assert(
      fc.asyncProperty(scope, async (s) => {
        const { where, params } = coveredWorkersCondition(s);
        const inSql = await t.dataSource.getRepository(Worker).createQueryBuilder('w').where(where, params).getCount();
        const all = await t.dataSource.getRepository(Worker).find();
        // the per-scope tallies (kept by triggers) count what the workers table holds
        return inSql === sample.filter((w) => covers(s, w)).length && (await tallied(s)) === all.filter((w) => covers(s, w)).length;
      }),
      { numRuns: 100 },
    );
    // moved and removed workers leave their tallies too
    await t.dataSource.getRepository(Worker).update({ id: sample[0].id }, { region: '430302', category: 'station_staff' });
    await t.dataSource.getRepository(Worker).delete({ id: sample[1].id });
    const all = await t.dataSource.getRepository(Worker).find();
    for (const s of [{ industry: sample[0].industry, region: '430000', enterpriseIds: [], workerCategories: [] }, { industry: sample[1].industry, region: '420000', enterpriseIds: [], workerCategories: [] }])
      expect(await tallied(s)).toBe(all.filter((w) => covers(s, w)).length);
  });
});
