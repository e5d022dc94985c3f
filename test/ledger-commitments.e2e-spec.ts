import { DeadlineSweeper } from '../src/deadlines/deadline-sweeper';
import { Commitment, CommitmentReport } from '../src/ledger/commitment.entity';
import { Notification } from '../src/deadlines/notification.entity';
import { TestApp, startTestApp } from './support/test-app';
import { publishWithCommitments } from './support/ledger-helpers';

describe('commitments (落实台账)', () => {
  let t: TestApp;
  let negotiationId: string;
  let agreementId: string;
  let ids: string[];

  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
    ({ negotiationId, agreementId } = await publishWithCommitments(t));
    ids = (await t.http().get(`/api/agreements/${agreementId}/commitments`)).body.map((c: { id: string }) => c.id);
  });
  afterAll(() => t.close());

  const commitments = async () => (await t.http().get(`/api/agreements/${agreementId}/commitments`)).body;
  const report = async (username: string, id: string, body: object) =>
    t.http().post(`/api/commitments/${id}/reports`).set('Authorization', await t.login(username)).send(body);
  const verify = async (username: string, id: string, body: object) =>
    t.http().post(`/api/commitments/${id}/verification`).set('Authorization', await t.login(username)).send(body);

  it('publishing creates one commitment per committed clause, due dueInDays after entry into force, publicly readable', async () => {
    const list = await commitments();
    const union = await t.orgId('union');
    const platform = await t.orgId('platform');
    // entry into force on 2027-01-04 (Asia/Shanghai): 30 days → 2027-02-03, 60 days → 2027-03-05
    expect(list.map((c: Record<string, unknown>) => [c.clause, c.responsibleOrgId, c.dueOn, c.status, c.progress, c.reports, c.verification])).toEqual([
      [{ index: 0, topic: 'order_allocation', text: '派单算法须公开主要规则。' }, platform, '2027-02-03', 'pending', 0, [], null],
      [{ index: 1, topic: 'occupational_safety', text: '各站点设置骑手休息驿站。' }, platform, '2027-03-05', 'pending', 0, [], null],
      [{ index: 2, topic: 'grievance', text: '工会设立骑手申诉热线。' }, union, '2027-02-03', 'pending', 0, [], null],
    ]);
    const view = await t.http().get(`/api/negotiations/${negotiationId}`).set('Authorization', await t.login('union.chief'));
    // counted as every period in days: each says on which calendar (2027 is beyond the holiday data here)
    for (const d of view.body.deadlines.filter((d: { kind: string }) => d.kind === 'commitmentDue')) expect(d.calendar).toBe('weekends_only');
    expect(view.body.deadlines.filter((d: { kind: string }) => d.kind === 'commitmentDue').map((d: { dueAt: string }) => d.dueAt)).toEqual([
      '2027-02-03T15:59:59.999Z',
      '2027-02-03T15:59:59.999Z',
      '2027-03-05T15:59:59.999Z',
    ]);
    const audit = await t.http().get(`/api/negotiations/${negotiationId}/audit`).set('Authorization', await t.login('union.chief'));
    const created = audit.body.find((e: { type: string }) => e.type === 'COMMITMENTS_CREATED');
    expect(created.payload.commitments.map((c: { id: string }) => c.id)).toEqual(ids);
  });

  it('lets the responsible side report, and refuses the other side and the bureau (403)', async () => {
    expect((await report('union.chief', ids[0], { progress: 50, text: '已完成一半' })).status).toBe(403);
    expect((await report('bureau.reviewer', ids[0], { progress: 50, text: '已完成一半' })).status).toBe(403);
    const res = await report('platform.rep2', ids[0], { progress: 50, text: '规则说明已起草' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'in_progress', progress: 50, reports: [{ by: await t.userId('platform.rep2'), progress: 50, text: '规则说明已起草' }] });
  });

  it('rejects a progress outside 0–100 and an empty text (400, every field named)', async () => {
    const res = await report('platform.rep2', ids[0], { progress: 101, text: '' });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(expect.arrayContaining([expect.stringContaining('progress'), expect.stringContaining('text')]));
  });

  it("is verified by the other side's chief only, once per report; done needs 100 % and a confirmation", async () => {
    expect((await verify('union.rep2', ids[0], { verdict: 'confirmed', note: '属实' })).status).toBe(403);
    expect((await verify('platform.chief', ids[0], { verdict: 'confirmed', note: '属实' })).status).toBe(403);
    const halfway = await verify('union.chief', ids[0], { verdict: 'confirmed', note: '进度属实' });
    expect(halfway.status).toBe(201);
    // confirmed, but at 50 %: not done
    expect(halfway.body).toMatchObject({ status: 'in_progress', verification: { verdict: 'confirmed', by: await t.userId('union.chief') } });
    expect((await verify('union.chief', ids[0], { verdict: 'disputed', note: '改主意' })).status).toBe(409);
    // 100 % alone is not done either
    const full = await report('platform.chief', ids[0], { progress: 100, text: '规则已在骑手端公开' });
    expect(full.body).toMatchObject({ status: 'in_progress', progress: 100, verification: null });
    const done = await verify('union.chief', ids[0], { verdict: 'confirmed', note: '已核实' });
    expect(done.body.status).toBe('done');
    expect((await report('platform.chief', ids[0], { progress: 100, text: '再报一次' })).status).toBe(409);
  });

  it('refuses to verify a commitment nobody has reported on (409)', async () => {
    expect((await verify('platform.chief', ids[2], { verdict: 'confirmed', note: '—' })).status).toBe(409);
  });

  it('shows a disputed report as disputed until its due day passes', async () => {
    await report('platform.rep3', ids[1], { progress: 100, text: '驿站已建成' });
    const res = await verify('union.chief', ids[1], { verdict: 'disputed', note: '两个站点尚未建成' });
    expect(res.body).toMatchObject({ status: 'disputed', verification: { verdict: 'disputed', note: '两个站点尚未建成' } });
  });

  it('the sweeper flags an unmet commitment overdue after its due day, on the chain, and tells both sides; a done one never fires', async () => {
    t.clock.set('2027-02-03T15:59:59.000Z');
    await t.app.get(DeadlineSweeper).sweep();
    expect((await commitments())[2].status).toBe('pending');
    t.clock.set('2027-02-03T16:00:00.000Z');
    await t.app.get(DeadlineSweeper).sweep();
    expect((await commitments()).map((c: { status: string }) => c.status)).toEqual(['done', 'disputed', 'overdue']);
    const audit = await t.http().get(`/api/negotiations/${negotiationId}/audit`).set('Authorization', await t.login('union.chief'));
    const lapsed = audit.body.filter((e: { type: string; payload: { deadline?: string } }) => e.type === 'DEADLINE_PASSED' && e.payload.deadline === 'commitmentDue');
    expect(lapsed.map((e: { payload: { subjectId: string } }) => e.payload.subjectId)).toEqual([ids[2]]);
    const told = await t.dataSource.getRepository(Notification).findBy({ negotiationId, kind: 'deadline_overdue' });
    const recipients = new Set(told.map((n) => n.userId));
    for (const who of ['union.chief', 'union.rep2', 'platform.chief', 'platform.rep3']) expect(recipients.has(await t.userId(who))).toBe(true);
    const verified = await t.http().get(`/api/negotiations/${negotiationId}/audit/verify`).set('Authorization', await t.login('bureau.reviewer'));
    expect(verified.body).toMatchObject({ valid: true });
  });

  it('puts every change on the chain, in order', async () => {
    const audit = await t.http().get(`/api/negotiations/${negotiationId}/audit`).set('Authorization', await t.login('union.chief'));
    const ledger = audit.body
      .filter((e: { type: string }) => e.type.startsWith('COMMITMENT'))
      .map((e: { type: string; payload: Record<string, unknown> }) => [e.type, e.payload.commitmentId ?? null, e.payload.progress ?? e.payload.verdict ?? null]);
    expect(ledger).toEqual([
      ['COMMITMENTS_CREATED', null, null],
      ['COMMITMENT_REPORTED', ids[0], 50],
      ['COMMITMENT_VERIFIED', ids[0], 'confirmed'],
      ['COMMITMENT_REPORTED', ids[0], 100],
      ['COMMITMENT_VERIFIED', ids[0], 'confirmed'],
      ['COMMITMENT_REPORTED', ids[1], 100],
      ['COMMITMENT_VERIFIED', ids[1], 'disputed'],
    ]);
  });

  it('puts an organisation with every commitment met on time on the red board, and one with any overdue on the black', async () => {
    const union = await t.orgId('union');
    const platform = await t.orgId('platform');
    const board = (await t.http().get('/api/board?region=420300&industry=food_delivery')).body;
    // the platform met one of two (the other is disputed, not yet due): on neither board
    expect(board).toEqual({ red: [], black: [{ organizationId: union, name: '十堰市外卖配送行业工会联合会', overdue: 1, total: 1 }] });
    t.clock.set('2027-03-05T16:00:00.000Z');
    const later = (await t.http().get('/api/board')).body;
    expect(later.black).toEqual(
      expect.arrayContaining([{ organizationId: platform, name: '速达外卖（十堰）网络科技有限公司', overdue: 1, total: 2 }]),
    );
    expect((await t.http().get('/api/board?region=110000')).body).toEqual({ red: [], black: [] });
    expect((await t.http().get('/api/board?region=4203')).status).toBe(400);
  });

  it('/audit/verify recomputes the commitments from the chain and names a row changed behind its back', async () => {
    const bureau = await t.login('bureau.reviewer');
    expect((await t.http().get(`/api/negotiations/${negotiationId}/audit/verify`).set('Authorization', bureau)).body.valid).toBe(true);
    await t.dataSource.getRepository(Commitment).update({ id: ids[2] }, { progress: 100 });
    const res = await t.http().get(`/api/negotiations/${negotiationId}/audit/verify`).set('Authorization', bureau);
    expect(res.body).toEqual({ valid: false, derived: 'commitments[2].progress', reason: expect.any(String) });
    await t.dataSource.getRepository(Commitment).update({ id: ids[2] }, { progress: 0 });
  });

  it('/audit/verify names every field of a commitment and its reports changed behind the chain', async () => {
    const bureau = await t.login('bureau.reviewer');
    const verify = async () => (await t.http().get(`/api/negotiations/${negotiationId}/audit/verify`).set('Authorization', bureau)).body;
    const rows = await t.dataSource.getRepository(Commitment).find({ where: { negotiationId }, order: { clauseIndex: 'ASC' } });
    const verified = rows.findIndex((r) => r.verifiedBy !== null);
    const report = await t.dataSource.getRepository(CommitmentReport).findOneByOrFail({ commitmentId: rows[verified].id });
    // moving a deadline takes an organisation off the black board; a done date makes a late commitment on time
    const tamperings: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      [`commitments[2].dueAt`, () => t.dataSource.getRepository(Commitment).update({ id: rows[2].id }, { dueAt: '2099-12-31T15:59:59.999Z' }), () => t.dataSource.getRepository(Commitment).update({ id: rows[2].id }, { dueAt: rows[2].dueAt })],
      [`commitments[2].doneAt`, () => t.dataSource.getRepository(Commitment).update({ id: rows[2].id }, { doneAt: '2027-01-05T00:00:00.000Z' }), () => t.dataSource.getRepository(Commitment).update({ id: rows[2].id }, { doneAt: rows[2].doneAt })],
      [`commitments[${verified}].verificationNote`, () => t.dataSource.getRepository(Commitment).update({ id: rows[verified].id }, { verificationNote: `${rows[verified].verificationNote}（改）` }), () => t.dataSource.getRepository(Commitment).update({ id: rows[verified].id }, { verificationNote: rows[verified].verificationNote })],
      [`commitments[${verified}].verifiedBy`, () => t.dataSource.getRepository(Commitment).update({ id: rows[verified].id }, { verifiedBy: rows[verified].responsibleOrgId }), () => t.dataSource.getRepository(Commitment).update({ id: rows[verified].id }, { verifiedBy: rows[verified].verifiedBy })],
      [`commitments[${verified}].reports`, () => t.dataSource.getRepository(CommitmentReport).update({ id: report.id }, { text: `${report.text}（改）` }), () => t.dataSource.getRepository(CommitmentReport).update({ id: report.id }, { text: report.text })],
    ];
    for (const [derived, tamper, restore] of tamperings) {
      await tamper();
      expect(await verify()).toEqual({ valid: false, derived, reason: expect.any(String) });
      await restore();
      expect((await verify()).valid).toBe(true);
    }
  });
});
