import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Agreement } from '../src/agreements/agreement.entity';
import { Negotiation } from '../src/negotiations/negotiation.entity';
import { Round } from '../src/negotiations/round.entity';
import { TestApp, startTestApp } from './support/test-app';
import { contractBody, seats, send, sendOk, terms, COUNT_SHEET } from './support/negotiation-helpers';

describe('a collective contract, end to end over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
  });
  afterAll(() => t.close());

  it('runs from request to publication, every step on a verifiable chain', async () => {
    const union = await t.login('union.chief');
    const created = await t.http().post('/api/negotiations').set('Authorization', union).send(await contractBody(t));
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(created.body).toMatchObject({ state: 'requested', version: 1, round: 1, turn: 'enterprise', can: ['WITHDRAW', 'REPLACE_SEAT', 'VACATE_SEAT'] });
    // the 20th day is Sunday 24 January 2027: the period ends on Monday (民法典 art. 203), counted on weekends only
    // because the holiday data has no 2027 yet
    expect(created.body.deadlines).toEqual([{ kind: 'response', dueAt: '2027-01-25T15:59:59.999Z', overdue: false, calendar: 'weekends_only' }]);

    // the enterprise answers and names as many seats as the union
    let view = await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    expect(view).toMatchObject({
      state: 'bargaining',
      turn: 'enterprise',
      can: ['OFFER', 'ACCEPT', 'SUSPEND', 'DISPUTE', 'REPLACE_SEAT', 'VACATE_SEAT', 'NAME_RECORDER'],
    });
    expect(view.deadlines).toEqual([]);

    view = await sendOk(t, id, 'platform.chief', { type: 'OFFER', terms: terms(600), note: '单价可提高' });
    expect(view).toMatchObject({ round: 2, turn: 'union' });
    expect(view.gap).toEqual([{ path: 'pieceRates[delivery].baseFen', union: 700, enterprise: 600 }]);
    expect(view.settled).toContain('commission.maxBasisPoints');

    view = await sendOk(t, id, 'union.chief', { type: 'OFFER', terms: terms(650) });
    expect(view).toMatchObject({ round: 3, turn: 'enterprise' });
    view = await sendOk(t, id, 'platform.chief', { type: 'ACCEPT', note: '同意' });
    expect(view).toMatchObject({ state: 'consultation', gap: [] });
    expect(view.agreedTerms.pieceRates[0].baseFen).toBe(650);

    const rounds = await t.http().get(`/api/negotiations/${id}/rounds`).set('Authorization', union);
    expect(rounds.body.map((r: { round: number; proposer: string; answer: { type: string } | null }) => [r.round, r.proposer, r.answer?.type])).toEqual([
      [1, 'union', 'OFFER'],
      [2, 'enterprise', 'OFFER'],
      [3, 'union', 'ACCEPT'],
    ]);
    expect(rounds.body[2].changes).toEqual([{ path: 'pieceRates[delivery].baseFen', from: 600, to: 650 }]);
    // the union's own concession, against its opening proposal
    expect(rounds.body[2].ownChanges).toEqual([{ path: 'pieceRates[delivery].baseFen', from: 700, to: 650 }]);
    expect(rounds.body[1].ownChanges).toBeNull();

    // a covered rider reads the draft and comments on it
    const rider = await t.login('rider.0001');
    expect((await t.http().get(`/api/negotiations/${id}`).set('Authorization', rider)).body.can).toEqual(['COMMENT']);
    await sendOk(t, id, 'rider.0001', { type: 'COMMENT', text: '夜间补贴能否提高？' });
    const comments = await t.http().get(`/api/negotiations/${id}/comments`).set('Authorization', union);
    expect(comments.body).toMatchObject([{ text: '夜间补贴能否提高？', authorRole: 'worker', answer: null }]);

    view = await sendOk(t, id, 'union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 8, inFavour: 6, against: 2, abstained: 0, countSheetSha256: COUNT_SHEET });
    expect(view.state).toBe('ratified');
    view = await sendOk(t, id, 'union.chief', { type: 'SIGN' });
    expect(view).toMatchObject({ state: 'ratified', signatures: ['union'] });
    expect(view.can).not.toContain('SIGN');
    view = await sendOk(t, id, 'platform.chief', { type: 'SIGN' });
    expect(view.state).toBe('signed');
    expect(view.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['filing']);
    view = await sendOk(t, id, 'platform.chief', { type: 'FILE' });
    expect(view.state).toBe('under_review');
    expect(view.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['review']);
    view = await sendOk(t, id, 'bureau.reviewer', { type: 'REVIEW', decision: 'approve' });
    expect(view.state).toBe('effective');
    view = await sendOk(t, id, 'union.chief', { type: 'PUBLISH' });
    expect(view.state).toBe('published');

    // what the database holds
    const row = await t.dataSource.getRepository(Negotiation).findOneByOrFail({ id });
    expect(row).toMatchObject({ state: 'published', version: 12, auditSeq: 12 });
    expect(await t.dataSource.getRepository(Round).countBy({ negotiationId: id })).toBe(3);
    const agreement = await t.dataSource.getRepository(Agreement).findOneByOrFail({ negotiationId: id });
    expect(agreement).toMatchObject({ effectiveFrom: '2027-01-04', expiresOn: '2029-01-04', auditHead: row.auditHead });
    expect(agreement.terms.pieceRates[0].baseFen).toBe(650);

    const audit = await t.http().get(`/api/negotiations/${id}/audit`).set('Authorization', union);
    expect(audit.body.map((e: { type: string }) => e.type)).toEqual([
      'OPENED', 'RESPOND', 'OFFER', 'OFFER', 'ACCEPT', 'COMMENT', 'RECORD_VOTE', 'SIGN', 'SIGN', 'FILE', 'REVIEW', 'PUBLISH',
    ]);
    expect(audit.body[4].payload).toMatchObject({ from: 'bargaining', to: 'consultation', round: 3 });
    const verify = await t.http().get(`/api/negotiations/${id}/audit/verify`).set('Authorization', union);
    expect(verify.body).toEqual({ valid: true, entries: 12, head: row.auditHead });

    const published = await t.http().get(`/api/agreements/${agreement.id}`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ negotiationId: id, auditHead: row.auditHead, terms: agreement.terms });
  });

  it('names the first broken entry when a row of the chain is altered in the database', async () => {
    const union = await t.login('union.chief');
    const created = await t.http().post('/api/negotiations').set('Authorization', union).send(await contractBody(t));
    const id = created.body.id;
    await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    await sendOk(t, id, 'platform.chief', { type: 'OFFER', terms: terms(600) });
    await t.dataSource
      .createQueryBuilder()
      .update(AuditEntry)
      .set({ payload: JSON.stringify({ from: 'bargaining', note: 'x', terms: terms(900), to: 'bargaining' }) })
      .where('negotiation_id = :id AND seq = 3', { id })
      .execute();
    const verify = await t.http().get(`/api/negotiations/${id}/audit/verify`).set('Authorization', union);
    expect(verify.body).toMatchObject({ valid: false, firstBrokenSeq: 3 });
  });

  it('notices when the last entries of a chain were deleted', async () => {
    const union = await t.login('union.chief');
    const id = (await t.http().post('/api/negotiations').set('Authorization', union).send(await contractBody(t))).body.id;
    await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    await sendOk(t, id, 'platform.chief', { type: 'OFFER', terms: terms(600) });
    await t.dataSource.getRepository(AuditEntry).delete({ negotiationId: id, seq: 3 });
    const verify = await t.http().get(`/api/negotiations/${id}/audit/verify`).set('Authorization', union);
    expect(verify.body).toMatchObject({ valid: false, firstBrokenSeq: 3 });
  });

  it('sends talks back to bargaining when the vote fails, and lets either chief offer', async () => {
    const union = await t.login('union.chief');
    const id = (await t.http().post('/api/negotiations').set('Authorization', union).send(await contractBody(t))).body.id;
    await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    await sendOk(t, id, 'platform.chief', { type: 'ACCEPT' });
    const view = await sendOk(t, id, 'union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 7, inFavour: 7, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
    expect(view).toMatchObject({ state: 'bargaining', turn: null });
    expect(view.returnedBecause).toContain('7/12');
    expect(view.can).toContain('OFFER');
    expect(view.can).not.toContain('ACCEPT');
    const enterpriseView = await t.http().get(`/api/negotiations/${id}`).set('Authorization', await t.login('platform.chief'));
    expect(enterpriseView.body.can).toContain('OFFER');
  });

  it('suspends, resumes, disputes, coordinates and withdraws', async () => {
    const union = await t.login('union.chief');
    const id = (await t.http().post('/api/negotiations').set('Authorization', union).send(await contractBody(t))).body.id;
    await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    let view = await sendOk(t, id, 'platform.chief', { type: 'SUSPEND', resumeOn: '2027-02-01', reason: '春节' });
    expect(view.state).toBe('bargaining');
    view = await sendOk(t, id, 'union.chief', { type: 'SUSPEND', resumeOn: '2027-02-01', reason: '同意春节中止' });
    expect(view.state).toBe('suspended');
    expect(view.deadlines).toEqual([{ kind: 'resumption', dueAt: '2027-01-31T16:00:00.000Z', overdue: false }]);
    view = await sendOk(t, id, 'union.chief', { type: 'RESUME' });
    expect(view.state).toBe('bargaining');
    view = await sendOk(t, id, 'union.chief', { type: 'DISPUTE', reason: '僵持' });
    expect(view.state).toBe('disputed');
    const due = view.deadlines[0].dueAt;
    view = await sendOk(t, id, 'bureau.reviewer', { type: 'EXTEND', days: 15 });
    expect(new Date(view.deadlines[0].dueAt).getTime() - new Date(due).getTime()).toBe(15 * 24 * 3600 * 1000);
    expect((await send(t, id, 'bureau.reviewer', { type: 'EXTEND', days: 5 })).status).toBe(409);
    view = await sendOk(t, id, 'bureau.reviewer', { type: 'COORDINATE', outcome: 'resume', opinion: '双方继续协商' });
    expect(view.state).toBe('bargaining');
    view = await sendOk(t, id, 'union.chief', { type: 'WITHDRAW', reason: '另行协商' });
    expect(view).toMatchObject({ state: 'withdrawn', can: [], deadlines: [] });
  });

  it('takes an objection from the bureau back to bargaining', async () => {
    const union = await t.login('union.chief');
    const id = (await t.http().post('/api/negotiations').set('Authorization', union).send(await contractBody(t))).body.id;
    await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    await sendOk(t, id, 'platform.chief', { type: 'ACCEPT' });
    await sendOk(t, id, 'union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 8, inFavour: 8, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
    await sendOk(t, id, 'union.chief', { type: 'SIGN' });
    expect((await sendOk(t, id, 'platform.chief', { type: 'SIGN' })).signatures).toEqual(['union', 'enterprise']);
    expect((await sendOk(t, id, 'platform.chief', { type: 'FILE' })).signatures).toEqual(['union', 'enterprise']);
    const view = await sendOk(t, id, 'bureau.reviewer', { type: 'REVIEW', decision: 'object', opinion: '第三条违反最低工资规定' });
    expect(view).toMatchObject({ state: 'bargaining', turn: null });
    expect(view.returnedBecause).toContain('第三条');
    // the draft the chiefs signed is off the table: the next one is signed anew
    expect(view.signatures).toEqual([]);
  });

  it('returns the first answer for a repeated Idempotency-Key and changes nothing', async () => {
    const union = await t.login('union.chief');
    const id = (await t.http().post('/api/negotiations').set('Authorization', union).send(await contractBody(t))).body.id;
    await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    const offer = { type: 'OFFER', terms: terms(600) };
    const first = await send(t, id, 'platform.chief', offer, { 'Idempotency-Key': 'offer-1' });
    const again = await send(t, id, 'platform.chief', offer, { 'Idempotency-Key': 'offer-1' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await t.dataSource.getRepository(Round).countBy({ negotiationId: id })).toBe(2);
  });

  // SQLite queues the two; the race itself (both at once, one acting) runs on the PostgreSQL tier
  it('answers two simultaneous requests with the same Idempotency-Key alike, acting once', async () => {
    const union = await t.login('union.chief');
    const id = (await t.http().post('/api/negotiations').set('Authorization', union).send(await contractBody(t))).body.id;
    await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    const offer = { type: 'OFFER', terms: terms(610) };
    const [a, b] = await Promise.all([
      send(t, id, 'platform.chief', offer, { 'Idempotency-Key': 'twice-at-once' }),
      send(t, id, 'platform.chief', offer, { 'Idempotency-Key': 'twice-at-once' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.text).toBe(a.text);
    expect(await t.dataSource.getRepository(Round).countBy({ negotiationId: id })).toBe(2);
  });
});
