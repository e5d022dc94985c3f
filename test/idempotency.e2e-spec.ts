import { IdempotencyKey } from '../src/idempotency/idempotency-key.entity';
import { Negotiation } from '../src/negotiations/negotiation.entity';
import { Organization } from '../src/accounts/organization.entity';
import { Round } from '../src/negotiations/round.entity';
import { TestApp, startTestApp } from './support/test-app';
import { contractBody, seats, send, sendOk, terms } from './support/negotiation-helpers';

/** Idempotency-Key on every POST that changes something (IdempotencyStore). */
describe('Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
  });
  afterAll(() => t.close());

  const open = async (key: string, body: object) =>
    t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).set('Idempotency-Key', key).send(body);

  it('answers a repeated creation with the first answer byte for byte, and creates one negotiation', async () => {
    const body = await contractBody(t, { title: '幂等创建' });
    const first = await open('create-1', body);
    const again = await open('create-1', { ...body });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(await t.dataSource.getRepository(Negotiation).countBy({ title: '幂等创建' })).toBe(1);
  });

  it('takes the same body in another field order as the same request', async () => {
    const body = await contractBody(t, { title: '字段顺序' });
    const first = await open('order-1', body);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await open('order-1', reordered);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
  });

  it('refuses the same key with another body (422) and changes nothing', async () => {
    const first = await open('create-2', await contractBody(t, { title: '第一次' }));
    expect(first.status).toBe(201);
    const other = await open('create-2', await contractBody(t, { title: '第二次' }));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED_WITH_OTHER_BODY');
    expect(await t.dataSource.getRepository(Negotiation).countBy({ title: '第二次' })).toBe(0);
  });

  it('refuses the same key on another route (422), as an event reused for another negotiation', async () => {
    const union = await t.login('union.chief');
    const a = (await open('route-a', await contractBody(t))).body.id;
    const b = (await open('route-b', await contractBody(t))).body.id;
    const sent = await t.http().post(`/api/negotiations/${a}/events`).set('Authorization', union).set('Idempotency-Key', 'withdraw').send({ type: 'WITHDRAW', reason: '撤回' });
    expect(sent.status).toBe(200);
    const elsewhere = await t.http().post(`/api/negotiations/${b}/events`).set('Authorization', union).set('Idempotency-Key', 'withdraw').send({ type: 'WITHDRAW', reason: '撤回' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.code).toBe('IDEMPOTENCY.KEY_REUSED_WITH_OTHER_BODY');
    expect((await t.dataSource.getRepository(Negotiation).findOneByOrFail({ id: b })).state).toBe('requested');
  });

  it('keeps keys per principal: another person with the same key is acted upon', async () => {
    const id = (await open('mine', await contractBody(t))).body.id;
    await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    const offer = { type: 'OFFER', terms: terms(600) };
    expect((await send(t, id, 'platform.chief', offer, { 'Idempotency-Key': 'mine' })).status).toBe(200);
    expect(await t.dataSource.getRepository(Round).countBy({ negotiationId: id })).toBe(2);
  });

  it('applies to every POST that changes something: an administrator registering an organisation', async () => {
    const admin = await t.login('admin');
    const body = { name: '某区快递工会', kind: 'union', region: '420300', industry: 'food_delivery' };
    const first = await t.http().post('/api/organizations').set('Authorization', admin).set('Idempotency-Key', 'org-1').send(body);
    const again = await t.http().post('/api/organizations').set('Authorization', admin).set('Idempotency-Key', 'org-1').send(body);
    expect(first.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(await t.dataSource.getRepository(Organization).countBy({ name: '某区快递工会' })).toBe(1);
  });

  it('gives the key back when the first request is refused: a corrected repeat is acted upon', async () => {
    const refused = await open('fix-me', await contractBody(t, { title: '补正', proposal: terms(1) }));
    expect(refused.status).toBe(422);
    const corrected = await open('fix-me', await contractBody(t, { title: '补正' }));
    expect(corrected.status).toBe(201);
    expect(await t.dataSource.getRepository(Negotiation).countBy({ title: '补正' })).toBe(1);
  });

  it('remembers a key for 24 hours, and acts afresh after', async () => {
    const body = await contractBody(t, { title: '一天' });
    await open('day', body);
    t.clock.advance(24 * 3600 * 1000 - 1);
    expect((await open('day', body)).status).toBe(201);
    expect(await t.dataSource.getRepository(Negotiation).countBy({ title: '一天' })).toBe(1);
    t.clock.advance(2);
    expect((await open('day', body)).status).toBe(201);
    expect(await t.dataSource.getRepository(Negotiation).countBy({ title: '一天' })).toBe(2);
    const keys = await t.dataSource.getRepository(IdempotencyKey).findBy({ key: 'day' });
    expect(keys).toHaveLength(1);
  });

  it('refuses a key longer than 200 characters on any POST (400)', async () => {
    const long = await open('k'.repeat(201), await contractBody(t, { title: '太长' }));
    expect(long.status).toBe(400);
    expect(long.body.code).toBe('EVENT.BAD_IDEMPOTENCY_KEY');
    expect(await t.dataSource.getRepository(Negotiation).countBy({ title: '太长' })).toBe(0);
  });

  // SQLite queues the requests; on PostgreSQL they run at once and the key's row lets one act
  it('acts once for several simultaneous creations with one key', async () => {
    const body = await contractBody(t, { title: '同时' });
    const answers = await Promise.all([open('burst', body), open('burst', body), open('burst', body)]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(await t.dataSource.getRepository(Negotiation).countBy({ title: '同时' })).toBe(1);
  });
});
