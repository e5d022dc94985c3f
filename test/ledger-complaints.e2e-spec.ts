import { Logger } from '@nestjs/common';
import { DeadlineSweeper } from '../src/deadlines/deadline-sweeper';
import { Notification } from '../src/deadlines/notification.entity';
import { User } from '../src/accounts/user.entity';
import { TestApp, startTestApp } from './support/test-app';
import { publishWithCommitments } from './support/ledger-helpers';
import { webLogin } from './web/support/web-agent';

describe('complaints (申诉)', () => {
  let t: TestApp;
  let negotiationId: string;
  let agreementId: string;

  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
    ({ negotiationId, agreementId } = await publishWithCommitments(t));
  });
  afterAll(() => t.close());

  const post = async (username: string, path: string, body: object = {}) => t.http().post(path).set('Authorization', await t.login(username)).send(body);
  const get = async (username: string, path: string) => t.http().get(path).set('Authorization', await t.login(username));

  describe('filing, answering and accepting', () => {
    let id: string;

    it('a covered worker files; the answer is due 7 days later, at the end of the day', async () => {
      const res = await post('rider.0001', `/api/agreements/${agreementId}/complaints`, { clauseIndex: 0, text: '派单规则仍未公开。', orderId: 'SD-20270105-0001' });
      expect(res.status).toBe(201);
      // filed 2027-01-04 09:00 in Shanghai: 7 days → the end of 2027-01-11
      expect(res.body).toEqual({ id: expect.any(String), status: 'open', answerDueAt: '2027-01-11T15:59:59.999Z' });
      id = res.body.id;
      // a period in days, counted on weekends only where the holiday data ends (2027 here), and saying so
      const clocks = (await get('bureau.reviewer', '/api/deadlines')).body.filter((d: { kind: string; dueAt: string }) => d.kind === 'complaintAnswer' && d.dueAt === res.body.answerDueAt);
      expect(clocks).toEqual([expect.objectContaining({ calendar: 'weekends_only' })]);
    });

    it('refuses a clause the agreement does not have (422), a negotiator (403) and a malformed body (400)', async () => {
      expect((await post('rider.0001', `/api/agreements/${agreementId}/complaints`, { clauseIndex: 4, text: '…' })).status).toBe(422);
      expect((await post('union.chief', `/api/agreements/${agreementId}/complaints`, { text: '…' })).status).toBe(403);
      const bad = await post('rider.0001', `/api/agreements/${agreementId}/complaints`, { text: '', orderId: 'no spaces please', extra: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toEqual(expect.arrayContaining([expect.stringContaining('text'), expect.stringContaining('orderId'), expect.stringContaining('extra')]));
    });

    it("shows a worker only their own complaints", async () => {
      expect((await get('rider.0001', '/api/me/complaints')).body).toMatchObject({ total: 1, items: [{ id, status: 'open', shareIdentity: false }] });
      expect((await get('rider.0002', '/api/me/complaints')).body).toEqual({ items: [], total: 0 });
      expect((await get('rider.0002', `/api/agreements/${agreementId}/complaints`)).status).toBe(403);
    });

    it('shows the union, the enterprise and the bureau the text without the worker', async () => {
      for (const who of ['union.rep3', 'platform.rep2', 'bureau.reviewer']) {
        const res = await get(who, `/api/agreements/${agreementId}/complaints`);
        expect(res.status).toBe(200);
        expect(res.body.items).toEqual([expect.objectContaining({ id, text: '派单规则仍未公开。', worker: null, clauseIndex: 0 })]);
      }
    });

    it('the enterprise answers once; the union may not answer (403); a second answer is 409', async () => {
      expect((await post('union.chief', `/api/complaints/${id}/answer`, { text: '…' })).status).toBe(403);
      const res = await post('platform.rep2', `/api/complaints/${id}/answer`, { text: '已于骑手端公布派单规则。' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'answered', answer: { text: '已于骑手端公布派单规则。' }, worker: null });
      expect((await post('platform.chief', `/api/complaints/${id}/answer`, { text: '再答一次' })).status).toBe(409);
    });

    it('only its worker accepts the answer (another worker gets 404), and only once', async () => {
      expect((await post('rider.0002', `/api/complaints/${id}/accept`)).status).toBe(404);
      // it takes no body: a field is refused (400) and accepts nothing
      const stray = await post('rider.0001', `/api/complaints/${id}/accept`, { x: 1 });
      expect([stray.status, stray.body.message]).toEqual([400, ['property x should not exist']]);
      const res = await post('rider.0001', `/api/complaints/${id}/accept`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('accepted');
      expect((await post('rider.0001', `/api/complaints/${id}/accept`)).status).toBe(409);
    });
  });

  describe('an answer not given in time', () => {
    let id: string;

    it('notifies the union and the bureau once the 7 days have passed, not before', async () => {
      t.clock.set('2027-01-05T01:00:00.000Z');
      id = (await post('rider.0003', `/api/agreements/${agreementId}/complaints`, { text: '雨天补贴未按协议发放。' })).body.id;
      const told = () => t.dataSource.getRepository(Notification).findBy({ negotiationId, kind: 'deadline_overdue' });
      t.clock.set('2027-01-12T15:59:59.000Z');
      await t.app.get(DeadlineSweeper).sweep();
      expect(await told()).toEqual([]);
      // the escalation waits for the deadline too
      expect((await post('rider.0003', `/api/complaints/${id}/escalate`, { reason: '没有答复' })).status).toBe(409);
      t.clock.set('2027-01-12T16:00:00.000Z');
      await t.app.get(DeadlineSweeper).sweep();
      const recipients = new Set((await told()).map((n) => n.userId));
      for (const who of ['union.chief', 'union.rep2', 'union.rep3', 'bureau.reviewer']) expect(recipients.has(await t.userId(who))).toBe(true);
      expect(recipients.has(await t.userId('platform.chief'))).toBe(false);
      expect((await get('rider.0003', '/api/me/complaints')).body.items[0]).toMatchObject({ status: 'open', overdue: true });
    });

    it('the worker escalates to the union, which refers it to the bureau; the enterprise may not refer (403)', async () => {
      const escalated = await post('rider.0003', `/api/complaints/${id}/escalate`, { reason: '七天未答复' });
      expect(escalated.body).toMatchObject({ status: 'escalated', escalationReason: '七天未答复' });
      // the enterprise's late answer is not taken now, and not called a second one
      const late = await post('platform.chief', `/api/complaints/${id}/answer`, { text: '迟到的答复' });
      expect([late.status, late.body.code]).toEqual([409, 'COMPLAINT.NOT_OPEN']);
      expect((await post('platform.chief', `/api/complaints/${id}/refer`)).status).toBe(403);
      const stray = await post('union.rep2', `/api/complaints/${id}/refer`, { bogus: 1, reason: 5 });
      expect([stray.status, stray.body.message]).toEqual([400, expect.arrayContaining(['property bogus should not exist', 'reason must be a string'])]);
      expect((await post('union.rep2', `/api/complaints/${id}/refer`, { reason: '请劳动监察介入' })).body.status).toBe('referred');
      expect((await post('union.rep2', `/api/complaints/${id}/refer`)).status).toBe(409);
    });
  });

  it("keeps a worker's identity out of every response, page and log unless they share it", async () => {
    const rider = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'rider.0004' });
    const sharer = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'rider.0005' });
    const identity = [rider.id, rider.username, rider.displayName];
    const written: string[] = [];
    const capture = (stream: NodeJS.WriteStream) => {
      const original = stream.write.bind(stream);
      return jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
        written.push(String(chunk));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as never);
    };
    const spies = [capture(process.stdout), capture(process.stderr)];
    // every level of Nest's logger, which the test configuration otherwise keeps quiet
    const record = (...parts: unknown[]) => void written.push(parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
    Logger.overrideLogger({ log: record, error: record, warn: record, debug: record, verbose: record, fatal: record });
    const seen: string[] = [];
    try {
      const filed = await post('rider.0004', `/api/agreements/${agreementId}/complaints`, { clauseIndex: 1, text: '驿站没有饮水。' });
      const shared = await post('rider.0005', `/api/agreements/${agreementId}/complaints`, { text: '愿意实名反映：夜间补贴未到账。', shareIdentity: true });
      await post('platform.chief', `/api/complaints/${filed.body.id}/answer`, { text: '本周内补齐。' });
      const union = await webLogin(t, 'union.chief');
      for (const who of ['union.chief', 'platform.chief', 'platform.rep2', 'bureau.reviewer']) {
        for (const path of [
          `/api/agreements/${agreementId}/complaints`,
          `/api/negotiations/${negotiationId}`,
          `/api/negotiations/${negotiationId}/audit`,
          `/api/deadlines`,
          `/api/notifications`,
          `/api/agreements/${agreementId}/commitments`,
        ])
          seen.push((await get(who, path)).text);
      }
      seen.push((await union.get(`/agreements/${agreementId}`)).text);
      seen.push((await union.get(`/negotiations/${negotiationId}`)).text);
      seen.push((await union.get(`/negotiations/${negotiationId}/ledger`)).text);
      const everything = [...seen, ...written].join('\n');
      for (const mark of identity) expect(everything).not.toContain(mark);
      // the check can fail: the worker who shared is named
      expect(everything).toContain(sharer.displayName);
      expect(shared.status).toBe(201);
    } finally {
      spies.forEach((s) => s.mockRestore());
      Logger.overrideLogger(['error']);
    }
  });
});
