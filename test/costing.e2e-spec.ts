import { createHash } from 'node:crypto';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Deadline } from '../src/deadlines/deadline.entity';
import { OrderSample } from '../src/costing/costing.entities';
import { decodePack } from '../src/costing/sample-pack';
import { TestApp, startTestApp } from './support/test-app';
import { openContract, seats, send, sendOk, terms } from './support/negotiation-helpers';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
// hand-computed in src/costing/costing.spec.ts's style: A 2 orders (3 km; 5 km at night), B 1 order of 4.5 km in the rain
const ORDERS = `riderHash,day,km,minutes,night,badWeather\n${A},2026-10-01,3,20,0,0\n${A},2026-10-01,5,30,1,0\n${B},2026-10-01,4.5,25,0,1\n`;
const ONLINE = `riderHash,day,onlineMinutes\n${A},2026-10-01,60\n${B},2026-10-01,30\n`;

describe('costing offers from the platform’s order data', () => {
  let t: TestApp;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
    id = await openContract(t);
    await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
  });
  afterAll(() => t.close());

  const upload = async (kind: string, body: string, user = 'platform.chief', type = 'text/csv') =>
    t.http().post(`/api/negotiations/${id}/order-samples?kind=${kind}`).set('Authorization', await t.login(user)).set('Content-Type', type).send(body);

  it('opens an informationRequest clock when the union chief asks for the order data', async () => {
    await expect(send(t, id, 'union.rep2', { type: 'REQUEST_INFORMATION', items: ['order_sample'], note: '请提供近一个月订单样本' })).resolves.toMatchObject({ status: 403 });
    const view = await sendOk(t, id, 'union.chief', { type: 'REQUEST_INFORMATION', items: ['order_sample'], note: '请提供近一个月订单样本' });
    const clock = view.deadlines.find((d: { kind: string }) => d.kind === 'informationRequest');
    expect(clock).toBeDefined();
    // 10 days by default (rule pack), possibly moved past a rest day (a Golden Week is 7 days of rest, made up on weekends)
    const days = (new Date(clock.dueAt).getTime() - t.clock.now().getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(10);
    expect(days).toBeLessThan(18);
  });

  it('refuses samples from anyone but the enterprise chief, before reading them', async () => {
    expect((await upload('orders', ORDERS, 'union.chief')).status).toBe(403);
    expect((await upload('orders', ORDERS, 'platform.rep2')).status).toBe(403);
    expect((await upload('orders', ORDERS, 'rider.0001')).status).toBe(404);
    expect(await t.dataSource.getRepository(OrderSample).count()).toBe(0);
  });

  it('keeps the clock running on online time alone: the order sample is what was asked for', async () => {
    expect((await upload('online_time', ONLINE)).status).toBe(201);
    const open = await t.dataSource.getRepository(Deadline).findOneOrFail({ where: { negotiationId: id, kind: 'informationRequest' } });
    expect(open.clearedAt).toBeNull();
  });

  it('takes an order sample, reports bad rows by line, and puts its SHA-256 on the chain', async () => {
    const bad = `${ORDERS}13812345678,2026-10-01,2,10,0,0\n${A},2026-13-01,2,10,0,0\n42030219900101123X,2026-10-01,2,10,0,0\n`;
    const res = await upload('orders', bad);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rows: 3, riderDays: 2, sha256: createHash('sha256').update(bad).digest('hex') });
    expect(res.body.rejected).toEqual([
      { line: 5, message: expect.stringMatching(/phone/) },
      { line: 6, message: expect.stringMatching(/day/) },
      { line: 7, message: expect.stringMatching(/ID-card/) },
    ]);
    const entries = await t.dataSource.getRepository(AuditEntry).find({ where: { negotiationId: id, type: 'PROVIDE_INFORMATION' } });
    expect(entries.map((e) => JSON.parse(e.payload))).toContainEqual(expect.objectContaining({ kind: 'orders', rows: 3, sha256: res.body.sha256 }));
    // the information asked for has been given: its clock stops
    const open = await t.dataSource.getRepository(Deadline).findOne({ where: { negotiationId: id, kind: 'informationRequest' } });
    expect(open?.clearedAt).toBeTruthy();
  });

  it('answers a retried upload with the same Idempotency-Key as the first time, storing nothing twice; other bytes under the key are 422', async () => {
    const samples = () => t.dataSource.getRepository(OrderSample).count({ where: { negotiationId: id } });
    const chained = () => t.dataSource.getRepository(AuditEntry).count({ where: { negotiationId: id, type: 'PROVIDE_INFORMATION' } });
    const [before, entries] = [await samples(), await chained()];
    const keyed = async (body: string, key: string, kind = 'online_time') =>
      t.http().post(`/api/negotiations/${id}/order-samples?kind=${kind}`).set('Authorization', await t.login('platform.chief')).set('Content-Type', 'text/csv').set('Idempotency-Key', key).send(body);
    const first = await keyed(ONLINE, 'sample-upload-1');
    expect(first.status).toBe(201);
    const again = await keyed(ONLINE, 'sample-upload-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect([await samples(), await chained()]).toEqual([before + 1, entries + 1]);
    const other = await keyed(`${ONLINE}${A},2026-10-02,45\n`, 'sample-upload-1');
    expect([other.status, other.body.code]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED_WITH_OTHER_BODY']);
    // the same bytes as another kind of sample are another request
    expect((await keyed(ONLINE, 'sample-upload-1', 'orders')).status).toBe(400);
    expect([await samples(), await chained()]).toEqual([before + 1, entries + 1]);
    // a refused upload gives its key back: corrected, it is acted upon
    expect((await keyed('nonsense\n', 'sample-upload-2')).status).toBe(400);
    expect((await keyed(ONLINE, 'sample-upload-2')).status).toBe(201);
    expect(await samples()).toBe(before + 2);
  });

  it('refuses a sample whose header does not name the columns, and changes nothing', async () => {
    const before = await t.dataSource.getRepository(AuditEntry).count({ where: { negotiationId: id } });
    const res = await upload('orders', `${A},2026-10-01,2,10,0,0\n`);
    expect([res.status, res.body.code]).toEqual([400, 'SAMPLE.BAD_FORMAT']);
    expect(await t.dataSource.getRepository(AuditEntry).count({ where: { negotiationId: id } })).toBe(before);
    expect((await upload('sideways', ORDERS)).status).toBe(400);
  });

  it('costs the current rules and each side’s latest offer against the samples', async () => {
    expect((await upload('online_time', ONLINE)).status).toBe(201);
    const current = terms(500, { pieceRates: [{ task: 'delivery', baseFen: 500, perKmFen: 100, kmIncluded: 3, nightSurchargeFen: 100, badWeatherSurchargeFen: 200 }] });
    const put = await t.http().put(`/api/negotiations/${id}/current-terms`).set('Authorization', await t.login('platform.chief')).send({ terms: current });
    expect(put.status).toBe(200);
    const res = await t.http().get(`/api/negotiations/${id}/costing`).set('Authorization', await t.login('union.chief'));
    expect(res.status).toBe(200);
    const [now, union] = res.body.items;
    // current: A 500 + (500 + 200 + 100) = 1300 fen in 1 h; B 500 + 150 + 200 = 850 fen in 0.5 h → 1700 fen/h
    expect(now).toMatchObject({ label: 'current', round: null, riders: 2, riderHours: 1.5, platformCostFen: 2150 });
    expect(now.hourlyFen).toMatchObject({ p10: 1300, p50: 1300, p90: 1700, mean: 1433 });
    expect(now.belowMinimumWageShare).toBe(10_000); // Shiyan's hourly minimum is above both
    // the union's opening offer (700 base, 60/km): A 700 + 700 + 120 + 100 = 1620; B 700 + 90 + 200 = 990
    expect(union).toMatchObject({ label: 'union', round: 1, platformCostFen: 2610, deltaPercentVsCurrent: 21.4 });
    expect(res.body.samples.orders.rows).toBe(3);
    expect(JSON.stringify(res.body)).not.toContain(A);
  });

  it('costs any round with ?round=n, and 404s a round that does not exist', async () => {
    const res = await t.http().get(`/api/negotiations/${id}/costing?round=1`).set('Authorization', await t.login('bureau.reviewer'));
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { label: string }) => i.label)).toEqual(['current', 'union']);
    expect((await t.http().get(`/api/negotiations/${id}/costing?round=9`).set('Authorization', await t.login('union.chief'))).status).toBe(404);
  });

  it('never serves a rider hash: workers are refused the costing and nobody gets the rows', async () => {
    expect((await t.http().get(`/api/negotiations/${id}/costing`).set('Authorization', await t.login('rider.0001'))).status).toBe(404);
    // no route serves them, to anyone
    const sample = await t.dataSource.getRepository(OrderSample).findOneByOrFail({ negotiationId: id, kind: 'orders' });
    for (const path of ['order-samples', `order-samples/${sample.id}`, `order-samples/${sample.id}/rows`])
      for (const who of ['union.chief', 'platform.chief']) expect((await t.http().get(`/api/negotiations/${id}/${path}`).set('Authorization', await t.login(who))).status).toBe(404);
    // what is kept of the orders sample is its two rider-days, packed
    const parts: Array<{ data: Uint8Array }> = await t.dataSource.query(`SELECT data FROM costing_sample_packs WHERE sample_id = '${sample.id}' ORDER BY part`);
    expect(decodePack(parts.map((p) => p.data)).size).toBe(2);
  });
});
