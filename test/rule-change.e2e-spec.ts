import { TestApp, startTestApp } from './support/test-app';
import { seats, send, sendOk, terms } from './support/negotiation-helpers';

describe('a rule-change consultation, end to end over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
  });
  afterAll(() => t.close());

  async function proposeRuleChange() {
    const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('platform.chief')).send({
      kind: 'rule_change',
      title: '派单算法调整：恶劣天气延时配送规则',
      scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [], workerCategories: ['delivery_rider'] },
      representatives: await seats(t, 'platform'),
      proposal: terms(650, { termMonths: undefined, clauses: [{ topic: 'algorithm', text: '暴雨橙色预警期间，预计送达时间自动延长20分钟。' }] }),
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('hears the workers, answers every opinion, publishes the answers', async () => {
    const created = await proposeRuleChange();
    const id = created.id;
    expect(created).toMatchObject({ kind: 'rule_change', state: 'consultation', scope: { enterpriseIds: [await t.orgId('platform')] } });
    expect(created.deadlines).toEqual([{ kind: 'consultationWindow', dueAt: '2027-01-11T15:59:59.999Z', overdue: false, calendar: 'weekends_only' }]);

    // covered riders read and comment; the union's negotiators comment too, its chief alone acts for it
    const rider = await t.login('rider.0002');
    expect((await t.http().get(`/api/negotiations/${id}`).set('Authorization', rider)).body.can).toEqual(['COMMENT']);
    await sendOk(t, id, 'rider.0002', { type: 'COMMENT', text: '延长20分钟不够，建议30分钟。' });
    await sendOk(t, id, 'rider.0003', { type: 'COMMENT', text: '超时不应扣款。' });
    const unionView = await sendOk(t, id, 'union.rep2', { type: 'COMMENT', text: '工会建议同时取消恶劣天气差评。' });
    expect(unionView.can).toEqual(['COMMENT']);
    expect(created.representatives.union).toMatchObject({ chief: await t.userId('union.chief'), members: [] });
    const chiefView = (await t.http().get(`/api/negotiations/${id}`).set('Authorization', await t.login('union.chief'))).body;
    expect(chiefView.can).toEqual(['COMMENT', 'CLOSE_CONSULTATION', 'REQUEST_BARGAINING']);

    const closed = await sendOk(t, id, 'union.chief', { type: 'CLOSE_CONSULTATION' });
    expect(closed).toMatchObject({ state: 'awaiting_response', deadlines: [] });
    expect((await send(t, id, 'rider.0002', { type: 'COMMENT', text: 'late' })).status).toBe(409);

    const comments = (await t.http().get(`/api/negotiations/${id}/comments`).set('Authorization', await t.login('platform.chief'))).body;
    expect(comments).toHaveLength(3);
    // the platform reads what its riders said, not who said it; the union's own comment keeps its name
    expect(comments.map((c: { authorId: string | null }) => c.authorId === null)).toEqual([true, true, false]);
    const unionSees = (await t.http().get(`/api/negotiations/${id}/comments`).set('Authorization', await t.login('union.chief'))).body;
    expect(unionSees[0].authorId).toBe(await t.userId('rider.0002'));
    // another rider (an account of the enterprise's own riders) sees no author but their own
    const riderSees = (await t.http().get(`/api/negotiations/${id}/comments`).set('Authorization', await t.login('rider.0003'))).body;
    expect(riderSees.map((c: { authorId: string | null }) => c.authorId)).toEqual([null, await t.userId('rider.0003'), await t.userId('union.rep2')]);
    // nor from the audit log, which it reads too: the chain names a worker's opinion to nobody
    const log = (await t.http().get(`/api/negotiations/${id}/audit`).set('Authorization', await t.login('platform.chief'))).body;
    const opinions = log.filter((e: { type: string }) => e.type === 'COMMENT');
    expect(opinions.map((e: { actorId: string; role: string }) => [e.actorId, e.role])).toEqual([['anonymous', 'worker'], ['anonymous', 'worker'], [await t.userId('union.rep2'), 'union_negotiator']]);
    for (const rider of ['rider.0002', 'rider.0003']) expect(JSON.stringify(log)).not.toContain(await t.userId(rider));
    const answers = comments.map((c: { id: string }, i: number) => ({ commentId: c.id, adopted: i !== 1, reason: i !== 1 ? '采纳' : '超时扣款另行协商' }));

    const partial = await send(t, id, 'platform.chief', { type: 'RESPOND_TO_OPINIONS', answers: answers.slice(0, 2) });
    expect(partial.status).toBe(422);
    expect(String(partial.body.message)).toContain(`comment ${comments[2].id} has no answer`);
    const twice = await send(t, id, 'platform.chief', { type: 'RESPOND_TO_OPINIONS', answers: [...answers, answers[0]] });
    expect(twice.status).toBe(422);

    expect((await sendOk(t, id, 'platform.chief', { type: 'RESPOND_TO_OPINIONS', answers })).state).toBe('responded');
    expect((await send(t, id, 'union.chief', { type: 'PUBLISH' })).status).toBe(403);
    const published = await sendOk(t, id, 'platform.chief', { type: 'PUBLISH' });
    expect(published.state).toBe('published');
    expect(published.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['annualRound']);

    const list = await t.http().get('/api/agreements?region=420302&industry=food_delivery&category=delivery_rider');
    const agreement = list.body.items.find((a: { negotiationId: string }) => a.negotiationId === id);
    expect(agreement).toMatchObject({ kind: 'rule_change', expiresOn: null, auditHead: published.auditHead });
    expect(agreement.opinions).toEqual([
      expect.objectContaining({ text: '延长20分钟不够，建议30分钟。', adopted: true, reason: '采纳' }),
      expect.objectContaining({ text: '超时不应扣款。', adopted: false, reason: '超时扣款另行协商' }),
      expect.objectContaining({ adopted: true }),
    ]);
    const verify = await t.http().get(`/api/negotiations/${id}/audit/verify`).set('Authorization', await t.login('bureau.reviewer'));
    expect(verify.body).toMatchObject({ valid: true, entries: 7 });
  });

  it('lets the union open a linked collective negotiation from the consultation', async () => {
    const { id } = await proposeRuleChange();
    const view = await sendOk(t, id, 'union.chief', {
      type: 'REQUEST_BARGAINING',
      reason: '涉及计件单价，应集体协商',
      representatives: await seats(t, 'union'),
      proposal: terms(720),
    });
    expect(view.state).toBe('consultation');
    const audit = (await t.http().get(`/api/negotiations/${id}/audit`).set('Authorization', await t.login('union.chief'))).body;
    const linkedId = audit.at(-1).payload.openedNegotiationId;
    const linked = await t.http().get(`/api/negotiations/${linkedId}`).set('Authorization', await t.login('union.chief'));
    expect(linked.body).toMatchObject({ kind: 'collective_contract', state: 'requested', parentId: id, turn: 'enterprise' });
    expect(linked.body.latestOffers.union.terms.pieceRates[0].baseFen).toBe(720);
    expect(linked.body.representatives.union.chief).toBe(await t.userId('union.chief'));
  });

  it('opens the linked negotiation from `{ reason }` alone, as API.md writes it: the smallest table, the rule change as proposed', async () => {
    const { id } = await proposeRuleChange();
    const view = await sendOk(t, id, 'union.chief', { type: 'REQUEST_BARGAINING', reason: '涉及计件单价，应集体协商' });
    expect(view.state).toBe('consultation');
    const chief = await t.login('union.chief');
    const audit = (await t.http().get(`/api/negotiations/${id}/audit`).set('Authorization', chief)).body;
    expect(audit.at(-1)).toMatchObject({ type: 'REQUEST_BARGAINING', payload: { reason: '涉及计件单价，应集体协商' } });
    const linked = (await t.http().get(`/api/negotiations/${audit.at(-1).payload.openedNegotiationId}`).set('Authorization', chief)).body;
    expect(linked).toMatchObject({ kind: 'collective_contract', state: 'requested', parentId: id, turn: 'enterprise', title: '派单算法调整：恶劣天气延时配送规则（集体协商）' });
    // art. 19's three seats: the sender and the union's first two other negotiators by username
    expect(linked.representatives.union.chief).toBe(await t.userId('union.chief'));
    expect([...linked.representatives.union.members].sort()).toEqual([await t.userId('union.rep2'), await t.userId('union.rep3')].sort());
    // the rule change as proposed, for the shortest term art. 38 allows
    const proposed = audit[0].payload.proposal;
    expect(linked.latestOffers.union.terms).toEqual({ ...proposed, termMonths: 12 });
    const linkedAudit = (await t.http().get(`/api/negotiations/${linked.id}/audit/verify`).set('Authorization', chief)).body;
    expect(linkedAudit).toMatchObject({ valid: true });

    // one table at a time: a second request (a retry without an Idempotency-Key) opens nothing
    expect(view.can).not.toContain('REQUEST_BARGAINING');
    const again = await send(t, id, 'union.chief', { type: 'REQUEST_BARGAINING', reason: '再次请求' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'NEGOTIATION.EVENT_NOT_ALLOWED', state: 'consultation', allowed: ['COMMENT', 'CLOSE_CONSULTATION'] });
    const children = async () => (await t.http().get('/api/negotiations?kind=collective_contract&pageSize=100').set('Authorization', chief)).body.items.filter((n: { parentId: string }) => n.parentId === id);
    expect(await children()).toHaveLength(1);
    // once that one ended without a contract, the union may ask again
    await sendOk(t, linked.id, 'union.chief', { type: 'WITHDRAW', reason: '先行撤回' });
    expect((await sendOk(t, id, 'union.chief', { type: 'REQUEST_BARGAINING', reason: '重新请求' })).state).toBe('consultation');
    expect(await children()).toHaveLength(2);
    expect((await t.http().get(`/api/negotiations/${id}/audit/verify`).set('Authorization', chief)).body).toMatchObject({ valid: true });
  });

  it('refuses `{ reason }` alone for a union with too few negotiators for art. 19 (422), and writes nothing', async () => {
    const admin = await t.login('admin');
    const org = (await t.http().post('/api/organizations').set('Authorization', admin).send({ name: '某市同城配送行业工会', kind: 'union', industry: 'courier', region: '420300' })).body;
    const people: string[] = [];
    for (const username of ['small.chief', 'small.rep2']) {
      const res = await t.http().post('/api/users').set('Authorization', admin).send({ username, displayName: username, role: 'union_negotiator', password: 'a-long-password-2027', organizationId: org.id });
      expect(res.status).toBe(201);
      people.push(res.body.id);
    }
    expect((await t.http().put(`/api/organizations/${org.id}/chief`).set('Authorization', admin).send({ userId: people[0] })).status).toBe(200);
    const change = await t.http().post('/api/negotiations').set('Authorization', await t.login('platform.chief')).send({
      kind: 'rule_change',
      title: '同城配送派单规则',
      scope: { industry: 'courier', region: '420300', enterpriseIds: [], workerCategories: [] },
      counterpartyId: org.id,
      representatives: await seats(t, 'platform'),
      proposal: terms(650, { termMonths: undefined }),
    });
    expect(change.status).toBe(201);
    const login = await t.http().post('/api/auth/login').send({ username: 'small.chief', password: 'a-long-password-2027' });
    const chief = `Bearer ${login.body.accessToken}`;
    const res = await t.http().post(`/api/negotiations/${change.body.id}/events`).set('Authorization', chief).send({ type: 'REQUEST_BARGAINING', reason: '应集体协商' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('REPRESENTATIVES.INVALID');
    expect(JSON.stringify(res.body)).toContain('at least 3 representatives');
    const audit = (await t.http().get(`/api/negotiations/${change.body.id}/audit`).set('Authorization', chief)).body;
    expect(audit).toHaveLength(1);
  });

  it("lets only the union's chief for the consultation close it or request bargaining (403 for its other negotiators)", async () => {
    const { id } = await proposeRuleChange();
    const close = await send(t, id, 'union.rep2', { type: 'CLOSE_CONSULTATION' });
    expect(close.status).toBe(403);
    expect(close.body.code).toBe('NEGOTIATION.NOT_YOURS_TO_SEND');
    const bargain = await send(t, id, 'union.rep3', { type: 'REQUEST_BARGAINING', reason: '应集体协商', representatives: await seats(t, 'union'), proposal: terms(720) });
    expect(bargain.status).toBe(403);
    const audit = (await t.http().get(`/api/negotiations/${id}/audit`).set('Authorization', await t.login('union.chief'))).body;
    expect(audit).toHaveLength(1);
    expect(audit[0].payload.unionChief).toBe(await t.userId('union.chief'));
    // the union's other negotiators still see it in their list
    const listed = (await t.http().get('/api/negotiations?kind=rule_change').set('Authorization', await t.login('union.rep2'))).body.items;
    expect(listed.map((n: { id: string }) => n.id)).toContain(id);
  });

  it('seats whoever the union names as its chief when the rule change opens', async () => {
    const admin = await t.login('admin');
    const union = await t.orgId('union');
    const named = await t.http().put(`/api/organizations/${union}/chief`).set('Authorization', admin).send({ userId: await t.userId('union.rep2') });
    expect(named.status).toBe(200);
    expect(named.body.chiefUserId).toBe(await t.userId('union.rep2'));
    try {
      const { id } = await proposeRuleChange();
      expect((await send(t, id, 'union.chief', { type: 'CLOSE_CONSULTATION' })).status).toBe(403);
      expect((await sendOk(t, id, 'union.rep2', { type: 'CLOSE_CONSULTATION' })).state).toBe('awaiting_response');
      const notHis = await t.http().put(`/api/organizations/${union}/chief`).set('Authorization', admin).send({ userId: await t.userId('platform.chief') });
      expect(notHis.status).toBe(422);
      expect(notHis.body.code).toBe('ORGANIZATION.INVALID_CHIEF');
      expect((await t.http().put(`/api/organizations/${union}/chief`).set('Authorization', await t.login('union.chief')).send({ userId: await t.userId('union.chief') })).status).toBe(403);
    } finally {
      await t.http().put(`/api/organizations/${union}/chief`).set('Authorization', admin).send({ userId: await t.userId('union.chief') });
    }
  });

  it('says so when the counterparty named for a rule change is not a union of its industry (422)', async () => {
    const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('platform.chief')).send({
      kind: 'rule_change',
      title: '对方不是工会',
      scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [], workerCategories: [] },
      counterpartyId: await t.orgId('platform2'),
      representatives: await seats(t, 'platform'),
      proposal: terms(650, { termMonths: undefined }),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'NEGOTIATION.NO_COUNTERPARTY', message: `counterpartyId ${await t.orgId('platform2')} is not a food_delivery union` });
  });

  it('refuses a rule change while the union has named no chief (422)', async () => {
    const admin = await t.login('admin');
    const org = await t.http().post('/api/organizations').set('Authorization', admin).send({ name: '某市快递行业工会', kind: 'union', industry: 'parcel_delivery', region: '420300' });
    const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('platform.chief')).send({
      kind: 'rule_change',
      title: '无工会主席',
      scope: { industry: 'parcel_delivery', region: '420300', enterpriseIds: [], workerCategories: [] },
      counterpartyId: org.body.id,
      representatives: await seats(t, 'platform'),
      proposal: terms(650, { termMonths: undefined }),
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NEGOTIATION.UNION_WITHOUT_CHIEF');
  });

  it('refuses a rule change covering another enterprise', async () => {
    const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('platform.chief')).send({
      kind: 'rule_change',
      title: '越权的规则调整',
      scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [await t.orgId('platform2')], workerCategories: [] },
      representatives: await seats(t, 'platform'),
      proposal: terms(650),
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SCOPE.OTHER_ENTERPRISE');
  });
});
