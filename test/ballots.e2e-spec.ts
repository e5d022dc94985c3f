import { fork } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { toAuthUser } from '../src/accounts/auth.service';
import { User } from '../src/accounts/user.entity';
import { Worker } from '../src/accounts/worker.entity';
import { WorkerCoverageChange } from '../src/accounts/worker-coverage-change.entity';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { BallotReceipt } from '../src/ballots/ballot-box.entity';
import { BallotBoxService } from '../src/ballots/ballot-box.service';
import { Ballot } from '../src/ballots/ballot.entity';
import { ManualClock } from '../src/common/clock';
import { DeadlineSweeper } from '../src/deadlines/deadline-sweeper';
import { Negotiation } from '../src/negotiations/negotiation.entity';
import { TestApp, freshDatabaseUrl, startTestApp } from './support/test-app';
import { COUNT_SHEET, send, sendOk, toConsultation } from './support/negotiation-helpers';

/** The demo's 12 riders are the workers the test scope covers. */
const RIDERS = Array.from({ length: 12 }, (_, i) => `rider.${String(i + 1).padStart(4, '0')}`);
const CLOSES_ON = '2027-01-10';
/** The last instant of 10 Jan in Shanghai, and the first after it. */
const LAST_INSTANT = '2027-01-10T15:59:59.999Z';
const AFTER_CLOSE = '2027-01-10T16:00:00.000Z';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('ratification by the workers themselves', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2027-01-04T01:00:00.000Z'));

  const ballot = async (id: string, as: string) => t.http().get(`/api/negotiations/${id}/ballot`).set('Authorization', await t.login(as));
  const cast = async (id: string, as: string, choice: string) =>
    t.http().post(`/api/negotiations/${id}/ballot`).set('Authorization', await t.login(as)).send({ choice });
  const castOk = async (id: string, as: string, choice: string): Promise<string> => {
    const res = await cast(id, as, choice);
    if (res.status !== 201) throw new Error(`ballot of ${as}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.receipt;
  };
  /** `for` ballots, then `against`, then `abstain`, from the first riders. */
  const vote = async (id: string, counts: { for?: number; against?: number; abstain?: number }) => {
    const choices = [...Array(counts.for ?? 0).fill('for'), ...Array(counts.against ?? 0).fill('against'), ...Array(counts.abstain ?? 0).fill('abstain')];
    const receipts: string[] = [];
    for (const [i, choice] of choices.entries()) receipts.push(await castOk(id, RIDERS[i], choice));
    return receipts;
  };
  const openBallot = async (extra: Record<string, unknown> = {}) => {
    const id = await toConsultation(t);
    await sendOk(t, id, 'union.chief', { type: 'OPEN_BALLOT', body: 'all_workers', closesOn: CLOSES_ON, ...extra });
    return id;
  };
  const sweep = () => t.app.get(DeadlineSweeper).sweep();
  const state = async (id: string) => (await t.dataSource.getRepository(Negotiation).findOneByOrFail({ id })).state;
  const entries = (id: string, type: string) => t.dataSource.getRepository(AuditEntry).find({ where: { negotiationId: id, type }, order: { seq: 'ASC' } });

  describe('opening', () => {
    it('fixes the roll at the covered workers, with a ballotClose deadline at the end of closesOn', async () => {
      const id = await toConsultation(t);
      const opened = await sendOk(t, id, 'union.chief', { type: 'OPEN_BALLOT', body: 'all_workers', closesOn: CLOSES_ON });
      expect(opened).toMatchObject({ state: 'consultation', covered: 12, ballotOpen: true });
      expect(opened.deadlines).toEqual([expect.objectContaining({ kind: 'ballotClose', dueAt: LAST_INSTANT })]);
      expect(opened.can).not.toContain('OPEN_BALLOT');
      expect(opened.can).not.toContain('RECORD_VOTE');
      expect((await ballot(id, 'union.chief')).body).toEqual({
        body: 'all_workers',
        eligible: 12,
        cast: 0,
        closesOn: CLOSES_ON,
        open: true,
        mine: { onRoll: false, voted: false },
      });
      expect(JSON.parse((await entries(id, 'OPEN_BALLOT'))[0].payload)).toMatchObject({ body: 'all_workers', eligible: 12, closesOn: CLOSES_ON });
    });

    it('is the union chief’s, in consultation only, one ballot at a time, closing today or later', async () => {
      const id = await toConsultation(t);
      const body = { type: 'OPEN_BALLOT', body: 'all_workers', closesOn: CLOSES_ON };
      expect((await send(t, id, 'union.rep2', body)).status).toBe(403);
      expect((await send(t, id, 'platform.chief', body)).status).toBe(403);
      const past = await send(t, id, 'union.chief', { ...body, closesOn: '2027-01-03' });
      expect([past.status, past.body.code]).toEqual([422, 'BALLOT.CLOSES_IN_PAST']);
      await sendOk(t, id, 'union.chief', { ...body, closesOn: '2027-01-04' });
      expect((await send(t, id, 'union.chief', body)).status).toBe(409);
      const byHand = await send(t, id, 'union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 12, inFavour: 12, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
      expect(byHand.status).toBe(409);
    });

    it('takes named delegates, covered workers each named once, as the roll', async () => {
      const id = await toConsultation(t);
      const ids = await Promise.all(RIDERS.slice(0, 3).map((r) => t.userId(r)));
      const body = { type: 'OPEN_BALLOT', body: 'delegates', closesOn: CLOSES_ON };
      const stray = await send(t, id, 'union.chief', { ...body, body: 'all_workers', delegates: ids });
      expect([stray.status, stray.body.code]).toEqual([400, 'BALLOT.DELEGATES_NOT_TAKEN']);
      const repeated = await send(t, id, 'union.chief', { ...body, delegates: [ids[0], ids[1], ids[0]] });
      expect([repeated.status, repeated.body.code]).toEqual([422, 'VOTE.DELEGATES_INVALID']);
      const notAWorker = await send(t, id, 'union.chief', { ...body, delegates: [ids[0], await t.userId('union.rep2')] });
      expect(notAWorker.status).toBe(422);
      expect(notAWorker.body.message).toContain('is not the account of a worker this negotiation covers');
      await sendOk(t, id, 'union.chief', { ...body, delegates: ids });
      expect((await ballot(id, 'rider.0001')).body).toMatchObject({ body: 'delegates', eligible: 3, mine: { onRoll: true, voted: false } });
      expect((await ballot(id, 'rider.0004')).body.mine).toEqual({ onRoll: false, voted: false });
      const offRoll = await cast(id, 'rider.0004', 'for');
      expect([offRoll.status, offRoll.body.code]).toEqual([403, 'BALLOT.NOT_ON_ROLL']);
      await vote(id, { for: 2, against: 1 });
      expect((await sendOk(t, id, 'union.chief', { type: 'CLOSE_BALLOT' })).state).toBe('ratified');
    });
  });

  describe('casting', () => {
    it('takes one ballot per worker on the roll, answers with a receipt, and refuses a second (409)', async () => {
      const id = await openBallot();
      const receipt = await castOk(id, 'rider.0001', 'for');
      expect(receipt).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);
      const again = await cast(id, 'rider.0001', 'against');
      expect([again.status, again.body.code]).toEqual([409, 'BALLOT.ALREADY_VOTED']);
      expect((await ballot(id, 'rider.0001')).body.mine).toEqual({ onRoll: true, voted: true });
      expect((await ballot(id, 'rider.0002')).body.mine).toEqual({ onRoll: true, voted: false });
      expect((await ballot(id, 'union.chief')).body.cast).toBe(1);
    });

    it('refuses everyone off the roll (403): negotiators, the bureau, a worker outside the scope, a worker registered after the opening', async () => {
      const id = await openBallot();
      for (const who of ['union.chief', 'platform.chief', 'bureau.reviewer', 'fc.rider.0001']) {
        const res = await cast(id, who, 'for');
        expect([who, res.status, res.body.code]).toEqual([who, 403, 'BALLOT.NOT_ON_ROLL']);
      }
      t.clock.advance(60_000);
      const late = await registerRider('SD-LATE-1');
      await expect(t.app.get(BallotBoxService).cast(late, id, 'for')).rejects.toMatchObject({ status: 403, code: 'BALLOT.NOT_ON_ROLL' });
      expect((await ballot(id, 'union.chief')).body).toMatchObject({ eligible: 12, cast: 0 });
      await t.dataSource.getRepository(User).delete({ id: late.id });
      await t.dataSource.getRepository(Worker).delete({ id: late.workerId! });
    });

    it('keeps the roll as it was at the opening when the platform re-imports workers into or out of the scope', async () => {
      const outsider = await registerRider('SD-OUT-1', 'station_staff'); // not covered at the opening
      const insider = await registerRider('SD-IN-1'); // covered at the opening
      t.clock.advance(60_000);
      const id = await openBallot();
      t.clock.advance(60_000);
      const { region } = await t.dataSource.getRepository(Worker).findOneByOrFail({ id: insider.workerId! });
      const csv = ['externalId,region,category,displayName', `SD-OUT-1,${region},delivery_rider,进`, 'SD-IN-1,420100,delivery_rider,出'].join('\n');
      const moved = await t.http().post('/api/workers').set('Authorization', await t.login('platform.chief')).set('Content-Type', 'text/csv').send(csv);
      expect(moved.body).toMatchObject({ accepted: 2, rejected: [] });
      await expect(t.app.get(BallotBoxService).cast(outsider, id, 'for')).rejects.toMatchObject({ status: 403, code: 'BALLOT.NOT_ON_ROLL' });
      expect((await t.app.get(BallotBoxService).cast(insider, id, 'against')).receipt).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);
      expect((await ballot(id, 'union.chief')).body).toMatchObject({ cast: 1 });
      // gone again before the suite's other ballots count the roll
      for (const who of [outsider, insider]) {
        await t.dataSource.getRepository(User).delete({ id: who.id });
        await t.dataSource.getRepository(WorkerCoverageChange).delete({ workerId: who.workerId! });
        await t.dataSource.getRepository(Worker).delete({ id: who.workerId! });
      }
    });

    it('never lets turnout pass the roll: a worker who moved into the scope after the opening finds it complete (409)', async () => {
      const mover = await registerRider('SD-MOVER-1', 'station_staff'); // registered before the opening, not covered then
      t.clock.advance(60_000);
      const id = await openBallot();
      await t.dataSource.getRepository(Worker).update({ id: mover.workerId! }, { category: 'delivery_rider' }); // moves in
      await vote(id, { for: 12 });
      await expect(t.app.get(BallotBoxService).cast(mover, id, 'for')).rejects.toMatchObject({ status: 409, code: 'BALLOT.ROLL_COMPLETE' });
      expect((await ballot(id, 'union.chief')).body).toMatchObject({ eligible: 12, cast: 12 });
      await t.dataSource.getRepository(User).delete({ id: mover.id });
      await t.dataSource.getRepository(Worker).delete({ id: mover.workerId! });
    });

    it('validates the choice (400)', async () => {
      const id = await openBallot();
      expect((await cast(id, 'rider.0001', 'maybe')).status).toBe(400);
    });

    it('shows turnout while open, never a running count of choices, to anyone', async () => {
      const id = await openBallot();
      await vote(id, { for: 2, against: 1 });
      for (const who of ['union.chief', 'platform.chief', 'bureau.reviewer', 'rider.0001']) {
        const res = await ballot(id, who);
        expect(res.body).toMatchObject({ eligible: 12, cast: 3, open: true });
        expect(Object.keys(res.body).sort()).toEqual(['body', 'cast', 'closesOn', 'eligible', 'mine', 'open']);
      }
    });

    it('refuses a late ballot: after the last instant of closesOn, before and after the sweep', async () => {
      const id = await openBallot();
      await vote(id, { for: 8 });
      t.clock.set(LAST_INSTANT);
      await castOk(id, 'rider.0009', 'for');
      t.clock.set(AFTER_CLOSE);
      const beforeSweep = await cast(id, 'rider.0010', 'for');
      expect([beforeSweep.status, beforeSweep.body.code]).toEqual([409, 'BALLOT.CLOSED']);
      expect((await ballot(id, 'union.chief')).body.open).toBe(false);
      await sweep();
      expect(await state(id)).toBe('ratified');
      const afterSweep = await cast(id, 'rider.0011', 'for');
      expect([afterSweep.status, afterSweep.body.code]).toEqual([409, 'BALLOT.CLOSED']);
      expect((await ballot(id, 'union.chief')).body.result).toMatchObject({ present: 9, inFavour: 9 });
    });
  });

  describe('art. 36 through real ballots (12 on the roll)', () => {
    const closeAtDeadline = async (id: string) => {
      t.clock.set(AFTER_CLOSE);
      await sweep();
      return (await ballot(id, 'union.chief')).body;
    };

    it('ratifies with exactly two thirds taking part (8 of 12) and exactly half of all in favour (6)', async () => {
      const id = await openBallot();
      await vote(id, { for: 6, against: 1, abstain: 1 });
      const b = await closeAtDeadline(id);
      expect(b.result).toEqual({ eligible: 12, present: 8, inFavour: 6, against: 1, abstained: 1, ratified: true });
      expect(await state(id)).toBe('ratified');
    });

    it('fails with one short of two thirds taking part (7 of 12), all of them in favour', async () => {
      const id = await openBallot();
      await vote(id, { for: 7 });
      const b = await closeAtDeadline(id);
      expect(b.result).toMatchObject({ present: 7, inFavour: 7, ratified: false });
      expect(await state(id)).toBe('bargaining');
      const view = (await t.http().get(`/api/negotiations/${id}`).set('Authorization', await t.login('union.chief'))).body;
      expect(view.returnedBecause).toBe('vote failed: 7/12 present, 7 in favour');
      expect(view.vote).toEqual({ method: 'ballot', eligible: 12, present: 7, inFavour: 7, against: 0, abstained: 0 });
    });

    it('fails with everyone taking part and one short of half of all in favour (5 of 12)', async () => {
      const id = await openBallot();
      await vote(id, { for: 5, against: 6, abstain: 1 });
      const closed = await sendOk(t, id, 'union.chief', { type: 'CLOSE_BALLOT' });
      expect(closed.state).toBe('bargaining');
    });

    it('ratifies with everyone taking part and exactly half of all in favour (6 of 12), closed early', async () => {
      const id = await openBallot();
      await vote(id, { for: 6, against: 6 });
      const closed = await sendOk(t, id, 'union.chief', { type: 'CLOSE_BALLOT' });
      expect(closed).toMatchObject({ state: 'ratified', vote: { method: 'ballot', present: 12, inFavour: 6 }, deadlines: [] });
    });
  });

  describe('closing', () => {
    it('closes early only once everyone on the roll has voted (409 before)', async () => {
      const id = await openBallot();
      await vote(id, { for: 11 });
      expect((await sendOk(t, id, 'union.chief', { type: 'COMMENT', text: '还有一位骑手未投票' })).can).not.toContain('CLOSE_BALLOT');
      const early = await send(t, id, 'union.chief', { type: 'CLOSE_BALLOT' });
      expect([early.status, early.body.message]).toEqual([409, expect.stringMatching(/only once everyone on the roll has voted/)]);
      await castOk(id, 'rider.0012', 'abstain');
      const view = (await t.http().get(`/api/negotiations/${id}`).set('Authorization', await t.login('union.chief'))).body;
      expect(view.can).toContain('CLOSE_BALLOT');
      expect((await send(t, id, 'platform.chief', { type: 'CLOSE_BALLOT' })).status).toBe(403);
      expect((await sendOk(t, id, 'union.chief', { type: 'CLOSE_BALLOT' })).state).toBe('ratified');
    });

    it('publishes every receipt hash and puts the SHA-256 of the sorted hashes on the chain', async () => {
      const id = await openBallot();
      const receipts = await vote(id, { for: 7, against: 1 });
      t.clock.set(AFTER_CLOSE);
      await sweep();
      const b = (await ballot(id, 'rider.0001')).body;
      // API.md: "sha256 hex of each receipt", the receipt as the voter got it
      const hashes = receipts.map((r) => sha256(r)).sort();
      expect(b.receipts).toEqual(hashes);
      const digest = sha256(hashes.map((h) => `${h}\n`).join(''));
      expect(b.receiptsSha256).toBe(digest);
      const [closing] = await entries(id, 'BALLOT_PERIOD_ENDED');
      expect(closing).toMatchObject({ actorId: 'system' });
      expect(JSON.parse(closing.payload)).toMatchObject({ receiptsSha256: digest, eligible: 12, present: 8, inFavour: 7, against: 1, abstained: 0, to: 'ratified' });
      expect(await t.app.get(BallotBoxService).checkReceipt(toAuthUser(await user('rider.0003')), id, receipts[2].toLowerCase())).toBe(true);
      expect(await t.app.get(BallotBoxService).checkReceipt(toAuthUser(await user('rider.0003')), id, 'AAAA-AAAA-AAAA-AAAA')).toBe(false);
      // a ballot counted before session 6 holds hashes of the receipts without their dashes
      const ballotId = (await t.dataSource.getRepository(Ballot).findOneByOrFail({ negotiationId: id })).id;
      const old = { ballotId, receiptSha256: sha256('ZZZZ2222ZZZZ2222') };
      await t.dataSource.getRepository(BallotReceipt).insert(old);
      expect(await t.app.get(BallotBoxService).checkReceipt(toAuthUser(await user('rider.0003')), id, 'zzzz-2222-zzzz-2222')).toBe(true);
      await t.dataSource.getRepository(BallotReceipt).delete(old);
    });

    it('audit/verify recomputes the result from the chain: a count, turnout or receipt changed in the tables is found', async () => {
      const id = await openBallot();
      const verify = async () => (await t.http().get(`/api/negotiations/${id}/audit/verify`).set('Authorization', await t.login('bureau.reviewer'))).body;
      await vote(id, { for: 7, against: 1 });
      // open: only the opening is on the chain (the choices are not, until the count)
      expect(await verify()).toMatchObject({ valid: true });
      t.clock.set(AFTER_CLOSE);
      await sweep();
      expect(await verify()).toMatchObject({ valid: true });
      const ballotId = (await t.dataSource.getRepository(Ballot).findOneByOrFail({ negotiationId: id })).id;
      const tampered = async (change: () => Promise<unknown>, undo: () => Promise<unknown>, derived: string) => {
        await change();
        expect(await verify()).toMatchObject({ valid: false, derived: `ballots[${ballotId}].${derived}` });
        // GET …/ballot would have served the changed result
        await undo();
        expect(await verify()).toMatchObject({ valid: true });
      };
      const choices = (set: object) => t.dataSource.query(`UPDATE ballot_choices SET ${Object.entries(set).map(([k, v]) => `${k} = ${v}`).join(', ')} WHERE ballot_id = '${ballotId}'`);
      await tampered(() => choices({ in_favour: 0, against: 8 }), () => choices({ in_favour: 7, against: 1 }), 'inFavour');
      await tampered(() => t.dataSource.getRepository(Ballot).update({ id: ballotId }, { cast: 9 }), () => t.dataSource.getRepository(Ballot).update({ id: ballotId }, { cast: 8 }), 'cast');
      const extra = { ballotId, receiptSha256: sha256('FAKE-FAKE-FAKE-FAKE') };
      await tampered(() => t.dataSource.getRepository(BallotReceipt).insert(extra), () => t.dataSource.getRepository(BallotReceipt).delete(extra), 'receipts');
    });

    it('shows a covered worker the result even when the vote sent the draft back to the table', async () => {
      const id = await openBallot();
      await vote(id, { for: 2 });
      t.clock.set(AFTER_CLOSE);
      await sweep();
      expect(await state(id)).toBe('bargaining');
      expect((await t.http().get(`/api/negotiations/${id}`).set('Authorization', await t.login('rider.0001'))).status).toBe(404);
      expect((await ballot(id, 'rider.0001')).body).toMatchObject({ open: false, mine: { onRoll: true, voted: true }, result: { present: 2, ratified: false } });
    });
  });

  describe('secrecy', () => {
    it('keeps who voted and how apart: no shared key, no time, no order to join them', async () => {
      const id = await openBallot();
      await vote(id, { for: 3, against: 2, abstain: 1 });
      const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
      const columns = async (table: string): Promise<string[]> =>
        t.dataSource.options.type === 'postgres'
          ? (await q(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1`, [table])).map((c: { name: string }) => c.name).sort()
          : (await q(`PRAGMA table_info(${table})`)).map((c: { name: string }) => c.name).sort();
      expect(await columns('ballot_participation')).toEqual(['ballot_id', 'worker_id']);
      expect(await columns('ballot_choices')).toEqual(['abstained', 'against', 'ballot_id', 'in_favour']);
      expect(await columns('ballot_receipts')).toEqual(['ballot_id', 'receipt_sha256']);
      const [b] = await q(`SELECT id FROM ballots WHERE negotiation_id = '${id}'`);
      // how: one row of counters for the whole ballot — nothing per voter to match against who
      expect(await q(`SELECT in_favour, against, abstained FROM ballot_choices WHERE ballot_id = '${b.id}'`)).toEqual([{ in_favour: 3, against: 2, abstained: 1 }]);
      expect(await q(`SELECT worker_id FROM ballot_participation WHERE ballot_id = '${b.id}'`)).toHaveLength(6);
      if (t.dataSource.options.type !== 'postgres') {
        // WITHOUT ROWID: no hidden insertion order in the per-vote tables
        await expect(q('SELECT rowid FROM ballot_participation')).rejects.toThrow(/no such column/);
        await expect(q('SELECT rowid FROM ballot_receipts')).rejects.toThrow(/no such column/);
      } else {
        // the counters' row names one transaction, the last voter's: not which counter it moved
        expect(await q(`SELECT xmin FROM ballot_choices WHERE ballot_id = '${b.id}'`)).toHaveLength(1);
      }
      // the enterprise is shown turnout only
      const seen = JSON.stringify((await ballot(id, 'platform.chief')).body);
      for (const rider of RIDERS.slice(0, 6)) expect(seen).not.toContain(await t.userId(rider));
    });

    it('keeps no Idempotency-Key row for a cast: it would hold the voter beside a fingerprint of the choice', async () => {
      const id = await openBallot();
      const voter = RIDERS[0];
      const withKey = async (choice: string) =>
        t.http().post(`/api/negotiations/${id}/ballot`).set('Authorization', await t.login(voter)).set('Idempotency-Key', 'cast-once').send({ choice });
      expect((await withKey('for')).status).toBe(201);
      expect(await t.dataSource.query(`SELECT key FROM idempotency_keys WHERE user_id = '${await t.userId(voter)}'`)).toEqual([]);
      // a repeat acts again: the ballot box refuses a second ballot, whatever the choice
      for (const choice of ['for', 'against']) expect((await withKey(choice)).body).toMatchObject({ statusCode: 409, code: 'BALLOT.ALREADY_VOTED' });
    });
  });

  describe('RECORD_VOTE, a congress in a hall', () => {
    it('needs eligible to equal the roll and the count sheet’s hash (422 VOTE.ELIGIBLE_MISMATCH), and says it was recorded by hand', async () => {
      const id = await toConsultation(t);
      const hall = { type: 'RECORD_VOTE', present: 9, inFavour: 8, against: 1, abstained: 0, countSheetSha256: COUNT_SHEET };
      const typed = await send(t, id, 'union.chief', { ...hall, eligible: 11 });
      expect([typed.status, typed.body.code]).toEqual([422, 'VOTE.ELIGIBLE_MISMATCH']);
      expect(typed.body.message).toBe('eligible is 11 but the scope covers 12 workers');
      expect((await send(t, id, 'union.chief', { ...hall, eligible: 13 })).status).toBe(422);
      const noSheet = await send(t, id, 'union.chief', { ...hall, eligible: 12, countSheetSha256: undefined });
      expect(noSheet.status).toBe(400);
      const delegates = await Promise.all(RIDERS.slice(0, 9).map((r) => t.userId(r)));
      const short = await send(t, id, 'union.chief', { ...hall, eligible: 12, delegates });
      expect([short.status, short.body.message]).toEqual([422, 'eligible is 12 but 9 delegates are named']);
      const notHex = await send(t, id, 'union.chief', { ...hall, eligible: 9, delegates, countSheetSha256: 'z'.repeat(64) });
      expect([notHex.status, notHex.body.message]).toEqual([400, ['countSheetSha256 must be 64 hex digits (SHA-256)']]);
      // as Windows' Get-FileHash and certutil print it: recorded in lower case
      const view = await sendOk(t, id, 'union.chief', { ...hall, eligible: 9, delegates, countSheetSha256: COUNT_SHEET.toUpperCase() });
      expect(view).toMatchObject({ state: 'ratified', vote: { method: 'count_sheet', eligible: 9, present: 9, inFavour: 8 } });
      expect(JSON.parse((await entries(id, 'RECORD_VOTE'))[0].payload)).toMatchObject({ countSheetSha256: COUNT_SHEET });
    });
  });

  async function user(username: string): Promise<User> {
    return t.dataSource.getRepository(User).findOneByOrFail({ username });
  }

  /** A rider registered now (after any ballot opened before), with an account. */
  async function registerRider(externalId: string, category = 'delivery_rider') {
    const any = await t.dataSource.getRepository(Worker).findOneByOrFail({ externalId: 'SD0001' });
    const worker = { ...any, id: randomUUID(), externalId, category, createdAt: t.clock.now().toISOString() };
    await t.dataSource.getRepository(Worker).insert(worker);
    const account = { ...(await user('rider.0001')), id: randomUUID(), username: `late.${externalId}`, workerId: worker.id };
    await t.dataSource.getRepository(User).insert(account);
    return toAuthUser(account);
  }
});

describe('the ballot’s close with two sweepers', () => {
  it('fires once when two instances (two processes) sweep at the same time', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const clock = new ManualClock();
    const a = await startTestApp({ scenario: false, databaseUrl, clock });
    let b: ReturnType<typeof fork> | undefined;
    try {
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const id = await toConsultation(a);
        await sendOk(a, id, 'union.chief', { type: 'OPEN_BALLOT', body: 'all_workers', closesOn: CLOSES_ON });
        for (const rider of RIDERS.slice(0, 8)) {
          const res = await a.http().post(`/api/negotiations/${id}/ballot`).set('Authorization', await a.login(rider)).send({ choice: 'for' });
          expect(res.status).toBe(201);
        }
        ids.push(id);
      }
      clock.set(AFTER_CLOSE);
      b = fork(join(__dirname, 'support', 'sweeper-instance.ts'), [databaseUrl, clock.now().toISOString()], {
        execArgv: ['--require', join(__dirname, 'support', 'register-ts.js')],
      });
      const messages: unknown[] = [];
      b.on('message', (m) => messages.push(m));
      await until(() => messages.includes('ready'));
      b.send!('sweep');
      await until(() => messages.includes('sweeping'));
      const ra = await a.app.get(DeadlineSweeper).sweep();
      await until(() => messages.length === 3);
      expect(ra.fired + (messages[2] as { fired: number }).fired).toBe(ids.length);
      for (const id of ids) {
        expect(await a.dataSource.getRepository(AuditEntry).countBy({ negotiationId: id, type: 'BALLOT_PERIOD_ENDED' })).toBe(1);
        expect((await a.dataSource.getRepository(Negotiation).findOneByOrFail({ id })).state).toBe('ratified');
      }
    } finally {
      b?.kill();
      await a.close();
    }
  }, 300_000);
});

/** Starting a second instance compiles the TypeScript again: on a busy machine that takes a while. */
async function until(condition: () => boolean, timeoutMs = 180_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for the second instance');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
