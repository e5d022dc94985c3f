import { randomUUID } from 'node:crypto';
import { Organization } from '../src/accounts/organization.entity';
import { User } from '../src/accounts/user.entity';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { DeadlineSweeper } from '../src/deadlines/deadline-sweeper';
import { Negotiation } from '../src/negotiations/negotiation.entity';
import { Representative } from '../src/negotiations/representative.entity';
import { SeatChecks } from '../src/negotiations/seat-checks';
import { TestApp, startTestApp } from './support/test-app';
import { contractBody, openContract, seats, send, sendOk, terms } from './support/negotiation-helpers';

/** The negotiating table of 集体合同规定 art. 19–35 and 劳动合同法 art. 53–54, over HTTP. */
describe('the negotiating table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2027-01-04T01:00:00.000Z'));

  const asAdmin = () => t.login('admin');
  /** A 4xx body's messages: a single one comes as a string. */
  const messages = (body: { message: string | string[] }) => [body.message].flat();
  const bargaining = async () => {
    const id = await openContract(t);
    await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    return id;
  };
  /** A fourth union negotiator, to take a seat someone leaves. */
  const newUnionNegotiator = async (username: string) => {
    const template = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'union.rep3' });
    const person = { ...template, id: randomUUID(), username, displayName: username };
    await t.dataSource.getRepository(User).insert(person);
    return person.id;
  };

  describe('employer associations (劳动合同法 art. 53–54)', () => {
    it('are registered with their member enterprises; members must be enterprises of the industry', async () => {
      const ok = await t.http().post('/api/organizations').set('Authorization', await asAdmin()).send({
        name: '十堰市同城配送企业联合会',
        kind: 'employer_association',
        industry: 'food_delivery',
        region: '420300',
        memberIds: [await t.orgId('platform2')],
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ kind: 'employer_association', memberIds: [await t.orgId('platform2')] });
      const bad = await t.http().post('/api/organizations').set('Authorization', await asAdmin()).send({
        name: '错误的协会',
        kind: 'employer_association',
        industry: 'food_delivery',
        region: '420300',
        memberIds: [await t.orgId('union')],
      });
      expect(bad.status).toBe(422);
      expect(messages(bad.body)).toEqual([`memberIds: ${await t.orgId('union')} is not an enterprise`]);
      const union = await t.http().post('/api/organizations').set('Authorization', await asAdmin()).send({
        name: '某工会',
        kind: 'union',
        industry: 'food_delivery',
        region: '420300',
        memberIds: [await t.orgId('platform')],
      });
      expect(union.status).toBe(422);
    });

    it('sit as the enterprise side; an empty scope binds all their members, and only them', async () => {
      const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(
        await contractBody(t, {
          counterpartyId: await t.orgId('association'),
          scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [], workerCategories: [] },
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.enterpriseOrganizationId).toBe(await t.orgId('association'));
      expect([...res.body.scope.enterpriseIds].sort()).toEqual([await t.orgId('platform'), await t.orgId('platform2')].sort());
      // the association's negotiators answer, with a member enterprise's representative among them
      const answer = await sendOk(t, res.body.id, 'assoc.chief', {
        type: 'RESPOND',
        accept: true,
        representatives: { chief: await t.userId('assoc.chief'), members: [await t.userId('assoc.rep2'), await t.userId('platform2.chief')] },
      });
      expect(answer.state).toBe('bargaining');
    });

    it('a scope may name some of the members', async () => {
      const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(
        await contractBody(t, {
          counterpartyId: await t.orgId('association'),
          scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [await t.orgId('platform2')], workerCategories: [] },
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.scope.enterpriseIds).toEqual([await t.orgId('platform2')]);
    });

    it('refuses a scope naming an enterprise that is neither the counterparty nor a member: SCOPE.ENTERPRISE_NOT_AT_TABLE', async () => {
      const outsider = { id: randomUUID(), name: '第三方配送公司', kind: 'enterprise' as const, industry: 'food_delivery', region: '420300', webhookUrl: null, webhookSecret: null, createdAt: '2027-01-01T00:00:00.000Z' };
      await t.dataSource.getRepository(Organization).insert(outsider);
      const viaAssociation = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(
        await contractBody(t, {
          counterpartyId: await t.orgId('association'),
          scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [await t.orgId('platform'), outsider.id], workerCategories: [] },
        }),
      );
      expect(viaAssociation.status).toBe(422);
      expect(viaAssociation.body.code).toBe('SCOPE.ENTERPRISE_NOT_AT_TABLE');
      expect(messages(viaAssociation.body)).toEqual([`scope.enterpriseIds: ${outsider.id} is neither the enterprise party nor one of its members`]);
      // the case: a second enterprise listed beside the one at the table
      const second = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(
        await contractBody(t, {
          counterpartyId: await t.orgId('platform'),
          scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [await t.orgId('platform'), await t.orgId('platform2')], workerCategories: [] },
        }),
      );
      expect(second.status).toBe(422);
      expect(second.body.code).toBe('SCOPE.ENTERPRISE_NOT_AT_TABLE');
      // nor is an id of no enterprise at all: the union, the association itself, nobody
      for (const id of [await t.orgId('union'), await t.orgId('association'), randomUUID()]) {
        const other = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(
          await contractBody(t, { counterpartyId: await t.orgId('association'), scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [id], workerCategories: [] } }),
        );
        expect([other.status, other.body.code]).toEqual([422, 'SCOPE.ENTERPRISE_NOT_AT_TABLE']);
      }
    });

    it('with an enterprise at the table, an empty scope binds that enterprise alone', async () => {
      const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(
        await contractBody(t, {
          counterpartyId: await t.orgId('platform'),
          scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [], workerCategories: [] },
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.scope.enterpriseIds).toEqual([await t.orgId('platform')]);
    });
  });

  describe('experts (art. 23)', () => {
    const open = async (representatives: object) =>
      t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(await contractBody(t, { representatives }));

    it("seats a federation's instructor as one of three: exactly a third", async () => {
      const res = await open({ chief: await t.userId('union.chief'), members: [await t.userId('union.rep2')], experts: [await t.userId('instructor.1')] });
      expect(res.status).toBe(201);
      expect(res.body.representatives.union).toMatchObject({ members: [await t.userId('union.rep2')], experts: [await t.userId('instructor.1')] });
      // the instructor reads the negotiation as a representative of the union side
      expect((await t.http().get(`/api/negotiations/${res.body.id}`).set('Authorization', await t.login('instructor.1'))).status).toBe(200);
    });

    it('refuses two experts among five seats: more than a third', async () => {
      const res = await open({
        chief: await t.userId('union.chief'),
        members: [await t.userId('union.rep2'), await t.userId('union.rep3')],
        experts: [await t.userId('instructor.1'), await t.userId('recorder.1')],
      });
      expect(res.status).toBe(422);
      expect(messages(res.body)).toEqual(["union: experts may hold at most a third of the side's seats (art. 23), got 2 of 5"]);
    });

    it('refuses an expert as chief, a colleague as expert, and the other party as expert', async () => {
      const asChief = await open({ chief: await t.userId('instructor.1'), members: [await t.userId('union.rep2'), await t.userId('union.rep3')], experts: [await t.userId('instructor.1')] });
      expect(asChief.status).toBe(422);
      expect(messages(asChief.body)).toContain('union: an expert cannot be the chief (art. 23)');
      const colleague = await open({ chief: await t.userId('union.chief'), members: [await t.userId('union.rep2')], experts: [await t.userId('union.rep3')] });
      expect(colleague.status).toBe(422);
      expect(messages(colleague.body)[0]).toMatch(/belongs to the union party/);
      const platform = await open({ chief: await t.userId('union.chief'), members: [await t.userId('union.rep2')], experts: [await t.userId('platform.rep3')] });
      expect(platform.status).toBe(422);
      expect(messages(platform.body)[0]).toMatch(/belongs to the other party/);
    });
  });

  it('RESPOND is sent by the chief it names (403 otherwise)', async () => {
    const id = await openContract(t);
    const other = await send(t, id, 'platform.rep2', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('NEGOTIATION.RESPOND_NOT_CHIEF');
    const self = await send(t, id, 'platform.rep2', {
      type: 'RESPOND',
      accept: true,
      representatives: { chief: await t.userId('platform.rep2'), members: [await t.userId('platform.chief'), await t.userId('platform.rep3')] },
    });
    expect(self.status).toBe(200);
    expect(self.body.representatives.enterprise.chief).toBe(await t.userId('platform.rep2'));
  });

  /** What GET …/audit/verify says: the chain, and every row derived from it (seats included). */
  const verified = async (id: string) => (await t.http().get(`/api/negotiations/${id}/audit/verify`).set('Authorization', await t.login('bureau.reviewer'))).body;

  describe('vacant seats (art. 31)', () => {
    it('a vacancy starts the 15-day clock and stops offers and acceptances until the seat is filled', async () => {
      const id = await bargaining();
      const left = await sendOk(t, id, 'union.rep2', { type: 'VACATE_SEAT', userId: await t.userId('union.rep2'), reason: '调离工会岗位' });
      expect(left.representatives.union.vacant).toEqual([await t.userId('union.rep2')]);
      // who left sits nowhere else in the view
      expect(left.representatives.union.members).toEqual([await t.userId('union.rep3')]);
      // 4 January 2027 + 15 days = Tuesday 19 January
      expect(left.deadlines).toEqual([{ kind: 'seatVacancy', dueAt: '2027-01-19T15:59:59.999Z', overdue: false, calendar: 'weekends_only' }]);
      const listed = await t.http().get('/api/deadlines').set('Authorization', await t.login('union.chief'));
      expect(listed.body).toContainEqual(expect.objectContaining({ negotiationId: id, kind: 'seatVacancy', calendar: 'weekends_only' }));
      const offer = await send(t, id, 'platform.chief', { type: 'OFFER', terms: terms(600) });
      expect(offer.status).toBe(409);
      expect(offer.body.allowed).not.toContain('OFFER');
      expect(offer.body.message).toBe('OFFER is not allowed in state bargaining: a seat of the union side is vacant until it is filled (art. 31)');
      expect((await send(t, id, 'platform.chief', { type: 'ACCEPT' })).status).toBe(409);
      // who left no longer speaks for the side
      expect((await t.http().get(`/api/negotiations/${id}`).set('Authorization', await t.login('union.rep2'))).status).toBe(404);
      const newcomer = await newUnionNegotiator('union.rep4');
      const filled = await sendOk(t, id, 'union.chief', { type: 'REPLACE_SEAT', out: await t.userId('union.rep2'), in: newcomer, reason: '补选' });
      expect([...filled.representatives.union.members].sort()).toEqual([await t.userId('union.rep3'), newcomer].sort());
      expect(filled.representatives.union.vacant).toEqual([]);
      expect(filled.deadlines).toEqual([]);
      expect((await send(t, id, 'platform.chief', { type: 'OFFER', terms: terms(600) })).status).toBe(200);
      // the chain says all of it: the vacancy, who took the seat, the seat's kind (verify replays them)
      expect(await verified(id)).toMatchObject({ valid: true });
      await sendOk(t, id, 'union.chief', { type: 'ACCEPT' });
      expect(await verified(id)).toMatchObject({ valid: true });
    });

    it('verify finds a seat whose kind or vacancy was changed in the table and not on the chain', async () => {
      const id = await bargaining();
      await sendOk(t, id, 'union.rep2', { type: 'VACATE_SEAT', userId: await t.userId('union.rep2'), reason: '调离' });
      expect(await verified(id)).toMatchObject({ valid: true });
      const seat = { negotiationId: id, userId: await t.userId('union.rep3') };
      await t.dataSource.getRepository(Representative).update(seat, { expert: true });
      expect(await verified(id)).toMatchObject({ valid: false, derived: `representatives[${seat.userId}].expert` });
      await t.dataSource.getRepository(Representative).update(seat, { expert: false, vacatedAt: '2027-01-04T00:00:00.000Z' });
      expect(await verified(id)).toMatchObject({ valid: false, derived: `representatives[${seat.userId}].vacatedAt` });
    });

    it('an unfilled vacancy is marked overdue at the end of its 15th day, on the chain, and not before', async () => {
      t.clock.set('2026-09-16T01:00:00.000Z'); // the 15th day is National Day: the period runs to 8 October 2026
      const id = await bargaining();
      await sendOk(t, id, 'union.chief', { type: 'VACATE_SEAT', userId: await t.userId('union.rep3'), reason: '病休' });
      const view = (await t.http().get(`/api/negotiations/${id}`).set('Authorization', await t.login('union.chief'))).body;
      expect(view.deadlines).toEqual([{ kind: 'seatVacancy', dueAt: '2026-10-08T15:59:59.999Z', overdue: false }]);
      const listed = await t.http().get('/api/deadlines').set('Authorization', await t.login('union.chief'));
      expect(listed.body.find((d: { negotiationId: string }) => d.negotiationId === id)).not.toHaveProperty('calendar');
      const sweeper = t.app.get(DeadlineSweeper);
      t.clock.set('2026-10-08T15:59:59.000Z');
      await sweeper.sweep();
      const lapses = async () =>
        (await t.dataSource.getRepository(AuditEntry).find({ where: { negotiationId: id, type: 'DEADLINE_PASSED' } })).map((e) => JSON.parse(e.payload).deadline);
      expect(await lapses()).toEqual([]);
      t.clock.advance(2000);
      await sweeper.sweep();
      expect(await lapses()).toEqual(['seatVacancy']);
    });

    it("the chief's seat is replaced by the chief or the bureau, not by another member; nobody seated twice", async () => {
      const id = await bargaining();
      const chief = await t.userId('union.chief');
      expect((await send(t, id, 'union.rep2', { type: 'REPLACE_SEAT', out: chief, in: await t.userId('union.rep2'), reason: '夺位' })).status).toBe(403);
      expect((await send(t, id, 'platform.chief', { type: 'REPLACE_SEAT', out: await t.userId('union.rep2'), in: await t.userId('union.rep3'), reason: 'x' })).status).toBe(403);
      const twice = await send(t, id, 'union.chief', { type: 'REPLACE_SEAT', out: await t.userId('union.rep2'), in: await t.userId('union.rep3'), reason: 'x' });
      expect(twice.status).toBe(422);
      const stranger = await send(t, id, 'union.chief', { type: 'REPLACE_SEAT', out: await t.userId('union.rep2'), in: await t.userId('platform.rep2'), reason: 'x' });
      expect(stranger.status).toBe(422);
      const vacated = await sendOk(t, id, 'union.chief', { type: 'VACATE_SEAT', userId: chief, reason: '退休' });
      expect(vacated.representatives.union).toMatchObject({ chief: null, vacant: [chief] });
      const successor = await newUnionNegotiator('union.chief2');
      const seated = await sendOk(t, id, 'bureau.reviewer', { type: 'REPLACE_SEAT', out: chief, in: successor, reason: '按规定产生新的首席代表' });
      expect(seated.representatives.union.chief).toBe(successor);
      expect((await t.http().get(`/api/negotiations/${id}`).set('Authorization', await t.login('union.chief2'))).body.can).toContain('SUSPEND');
      // the bureau filled the union's seat: the replay gives the machine the seat's side, as the write path did
      expect(await verified(id)).toMatchObject({ valid: true });
    });

    it('a vacancy clock outlives changes of state, and stops when the procedure ends', async () => {
      const id = await bargaining();
      await sendOk(t, id, 'union.chief', { type: 'VACATE_SEAT', userId: await t.userId('union.rep3'), reason: '病休' });
      const disputed = await sendOk(t, id, 'union.chief', { type: 'DISPUTE', reason: '僵持' });
      expect(disputed.deadlines.map((d: { kind: string }) => d.kind).sort()).toEqual(['coordination', 'seatVacancy']);
      const withdrawn = await sendOk(t, id, 'union.chief', { type: 'WITHDRAW', reason: '撤回' });
      expect(withdrawn.deadlines).toEqual([]);
    });

    it('a seat is given up by its holder or their chief, not by the other side', async () => {
      const id = await bargaining();
      const res = await send(t, id, 'platform.chief', { type: 'VACATE_SEAT', userId: await t.userId('union.rep2'), reason: 'x' });
      expect(res.status).toBe(403);
    });
  });

  it('the recorder is named by one chief and confirmed by the other, and is no representative (art. 33)', async () => {
    const id = await bargaining();
    const seated = await send(t, id, 'union.chief', { type: 'NAME_RECORDER', userId: await t.userId('union.rep3') });
    expect(seated.status).toBe(422);
    expect(seated.body.code).toBe('RECORDER.IS_REPRESENTATIVE');
    const recorder = await t.userId('recorder.1');
    const named = await sendOk(t, id, 'union.chief', { type: 'NAME_RECORDER', userId: recorder });
    expect(named).toMatchObject({ recorder: null, recorderProposal: { by: 'union', userId: recorder } });
    const joint = await sendOk(t, id, 'platform.chief', { type: 'NAME_RECORDER', userId: recorder });
    expect(joint).toMatchObject({ recorder, recorderProposal: null });
    // nor can the recorder take a seat afterwards (REPLACE_SEAT's newcomer check)
    const n = await t.dataSource.getRepository(Negotiation).findOneByOrFail({ id });
    const seat = await t.dataSource.getRepository(Representative).findOneByOrFail({ negotiationId: id, userId: await t.userId('union.rep2') });
    await expect(t.app.get(SeatChecks).checkNewcomer(t.dataSource.manager, n, seat, recorder)).rejects.toMatchObject({
      status: 422,
      details: expect.arrayContaining([expect.stringContaining('is the recorder both chiefs named')]),
    });
  });

  describe('signed minutes reach covered workers (2024 协商指引; 集体合同规定 art. 48)', () => {
    const minutes = async (rider: string) =>
      (await t.http().get('/api/me/inbox').set('Authorization', await t.login(rider))).body.minutes as Array<{
        negotiationId: string;
        round: number;
        answer: { type: string; at: string };
        publishedAt: string;
      }>;

    it('a round reaches the inbox the moment the other chief answers it, not before; the accepted round is the draft', async () => {
      const id = await bargaining();
      expect((await minutes('rider.0001')).filter((x) => x.negotiationId === id)).toEqual([]);
      await sendOk(t, id, 'platform.chief', { type: 'OFFER', terms: terms(600) });
      const once = (await minutes('rider.0001')).filter((x) => x.negotiationId === id);
      expect(once).toEqual([expect.objectContaining({ round: 1, answer: { type: 'OFFER', at: '2027-01-04T01:00:00.000Z' }, publishedAt: '2027-01-04T01:00:00.000Z' })]);
      t.clock.advanceDays(1);
      await sendOk(t, id, 'union.chief', { type: 'ACCEPT' });
      const both = (await minutes('rider.0001')).filter((x) => x.negotiationId === id);
      expect(both.map((x) => [x.round, x.answer.type])).toEqual([[2, 'ACCEPT'], [1, 'OFFER']]);
      // a rider of the other platform is not covered by this contract's scope
      expect((await minutes('fc.rider.0001')).filter((x) => x.negotiationId === id)).toEqual([]);
    });

    it("an association's contract reaches the riders of every member", async () => {
      const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(
        await contractBody(t, {
          counterpartyId: await t.orgId('association'),
          scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [], workerCategories: [] },
        }),
      );
      const id = res.body.id;
      await sendOk(t, id, 'assoc.chief', {
        type: 'RESPOND',
        accept: true,
        representatives: { chief: await t.userId('assoc.chief'), members: [await t.userId('assoc.rep2'), await t.userId('assoc.rep3')] },
      });
      await sendOk(t, id, 'assoc.chief', { type: 'OFFER', terms: terms(600) });
      for (const rider of ['rider.0001', 'fc.rider.0001'])
        expect((await minutes(rider)).filter((x) => x.negotiationId === id).map((x) => x.round)).toEqual([1]);
    });
  });

  it('suspends by agreement of both chiefs; an offer in between withdraws the proposal (art. 35)', async () => {
    const id = await bargaining();
    const proposed = await sendOk(t, id, 'union.chief', { type: 'SUSPEND', resumeOn: '2027-02-10', reason: '春节' });
    expect(proposed).toMatchObject({ state: 'bargaining', pendingSuspension: { by: 'union', resumeOn: '2027-02-10' } });
    await sendOk(t, id, 'platform.chief', { type: 'OFFER', terms: terms(600) });
    const withdrawn = await sendOk(t, id, 'platform.chief', { type: 'SUSPEND', resumeOn: '2027-02-10', reason: '春节' });
    expect(withdrawn).toMatchObject({ state: 'bargaining', pendingSuspension: { by: 'enterprise', resumeOn: '2027-02-10' } });
    const agreed = await sendOk(t, id, 'union.chief', { type: 'SUSPEND', resumeOn: '2027-02-10', reason: '同意' });
    expect(agreed).toMatchObject({ state: 'suspended', pendingSuspension: null });
  });
});
