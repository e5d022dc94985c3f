import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Organization } from '../src/accounts/organization.entity';
import { User } from '../src/accounts/user.entity';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { ManualClock } from '../src/common/clock';
import { DeadlineSweeper } from '../src/deadlines/deadline-sweeper';
import { Deadline } from '../src/deadlines/deadline.entity';
import { Notification } from '../src/deadlines/notification.entity';
import { Negotiation } from '../src/negotiations/negotiation.entity';
import { NegotiationsService } from '../src/negotiations/negotiations.service';
import { TestApp, freshDatabaseUrl, startTestApp } from './support/test-app';
import { contractBody, openContract, seats, sendOk, terms, toConsultation, toPublished, COUNT_SHEET } from './support/negotiation-helpers';

const DAY = 24 * 3600 * 1000;

describe('statutory deadlines', () => {
  let t: TestApp;
  let sweep: () => Promise<{ fired: number; warned: number }>;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
    sweep = () => t.app.get(DeadlineSweeper).sweep();
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2027-01-04T01:00:00.000Z'));

  const state = async (id: string) => (await t.dataSource.getRepository(Negotiation).findOneByOrFail({ id })).state;
  const entries = (id: string) => t.dataSource.getRepository(AuditEntry).find({ where: { negotiationId: id }, order: { seq: 'ASC' } });
  const view = async (id: string, as = 'union.chief') =>
    (await t.http().get(`/api/negotiations/${id}`).set('Authorization', await t.login(as))).body;

  it('takes silence past the 20-day reply period as a refusal, once, by actor system', async () => {
    const id = await openContract(t);
    // the 20th day is Sunday 24 January: the period runs to the end of Monday 25th (民法典 art. 203)
    t.clock.set('2027-01-25T15:59:59.000Z'); // its last second, Shanghai time
    await sweep();
    expect(await state(id)).toBe('requested');
    t.clock.advance(2000);
    await sweep();
    await sweep();
    expect(await state(id)).toBe('disputed');
    const fired = (await entries(id)).filter((e) => e.type === 'RESPONSE_OVERDUE');
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ actorId: 'system', role: 'system' });
    expect((await view(id)).deadlines.map((d: { kind: string }) => d.kind)).toEqual(['coordination']);
  });

  it('does not fire a reply deadline that was stopped in time', async () => {
    const id = await openContract(t);
    t.clock.advance(19 * DAY);
    await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    t.clock.advance(30 * DAY);
    await sweep();
    expect(await state(id)).toBe('bargaining');
    const row = await t.dataSource.getRepository(Deadline).findOneByOrFail({ negotiationId: id, kind: 'response' });
    expect(row.firedAt).toBeNull();
    expect(row.clearedAt).not.toBeNull();
  });

  it('brings suspended talks back on the agreed date', async () => {
    const id = await openContract(t);
    await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    await sendOk(t, id, 'union.chief', { type: 'SUSPEND', resumeOn: '2027-02-10', reason: '春节' });
    await sendOk(t, id, 'platform.chief', { type: 'SUSPEND', resumeOn: '2027-02-10', reason: '同意' });
    t.clock.set('2027-02-09T15:59:00.000Z');
    await sweep();
    expect(await state(id)).toBe('suspended');
    t.clock.set('2027-02-09T16:00:00.000Z'); // midnight, 10 Feb in Shanghai
    await sweep();
    expect(await state(id)).toBe('bargaining');
  });

  it('puts a contract in force when the bureau stays silent for 15 days, and not before', async () => {
    const id = await toConsultation(t);
    await sendOk(t, id, 'union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 8, inFavour: 8, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
    await sendOk(t, id, 'union.chief', { type: 'SIGN' });
    await sendOk(t, id, 'platform.chief', { type: 'SIGN' });
    await sendOk(t, id, 'platform.chief', { type: 'FILE' });
    t.clock.advance(14 * DAY);
    await sweep();
    expect(await state(id)).toBe('under_review');
    t.clock.advance(5 * DAY); // the sweep runs days late (an outage): the legal date does not move
    await sweep();
    expect(await state(id)).toBe('effective');
    // filed on 4 Jan: the 15 days end with 19 Jan, so it is in force from 20 Jan
    expect((await t.dataSource.getRepository(Negotiation).findOneByOrFail({ id })).context).toMatchObject({ effectiveFrom: '2027-01-20' });
  });

  it('marks a late filing overdue on the view and the chain, tells the enterprise, and leaves the state alone', async () => {
    const id = await toConsultation(t);
    await sendOk(t, id, 'union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 8, inFavour: 8, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
    await sendOk(t, id, 'union.chief', { type: 'SIGN' });
    await sendOk(t, id, 'platform.chief', { type: 'SIGN' });
    t.clock.advance(11 * DAY);
    await sweep();
    await sweep();
    expect(await state(id)).toBe('signed');
    expect((await view(id)).deadlines).toEqual([expect.objectContaining({ kind: 'filing', overdue: true })]);
    const lapses = (await entries(id)).filter((e) => e.type === 'DEADLINE_PASSED');
    expect(lapses).toHaveLength(1);
    expect(JSON.parse(lapses[0].payload)).toMatchObject({ deadline: 'filing' });
    const told = await t.dataSource.getRepository(Notification).findBy({ negotiationId: id, kind: 'deadline_overdue' });
    expect(told.map((n) => n.userId).sort()).toEqual(Object.values(await seats(t, 'platform')).flat().sort());
    // filing late is still filing: the overdue mark clears with it
    const filed = await sendOk(t, id, 'platform.chief', { type: 'FILE' });
    expect(filed.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['review']);
  });

  describe('a clock stopped in time never fires', () => {
    const systemEntries = async (id: string) => (await entries(id)).filter((e) => e.actorId === 'system');
    const cases: Array<[string, string, (id: string) => Promise<void>, () => Promise<string>]> = [
      ['review, answered by the bureau', 'review', async (id) => void (await sendOk(t, id, 'bureau.reviewer', { type: 'REVIEW', decision: 'approve' })), async () => {
        const id = await toConsultation(t);
        await sendOk(t, id, 'union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 8, inFavour: 8, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
        await sendOk(t, id, 'union.chief', { type: 'SIGN' });
        await sendOk(t, id, 'platform.chief', { type: 'SIGN' });
        await sendOk(t, id, 'platform.chief', { type: 'FILE' });
        return id;
      }],
      ['coordination, concluded', 'coordination', async (id) => void (await sendOk(t, id, 'bureau.reviewer', { type: 'COORDINATE', outcome: 'resume', opinion: '继续协商' })), async () => {
        const id = await openContract(t);
        await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: false, reason: '不同意' });
        return id;
      }],
      ['resumption, resumed early', 'resumption', async (id) => void (await sendOk(t, id, 'union.chief', { type: 'RESUME' })), async () => {
        const id = await openContract(t);
        await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
        await sendOk(t, id, 'platform.chief', { type: 'SUSPEND', resumeOn: '2027-01-20', reason: '盘点' });
        await sendOk(t, id, 'union.chief', { type: 'SUSPEND', resumeOn: '2027-01-20', reason: '同意' });
        return id;
      }],
      ['publication, published in time', 'publication', async (id) => void (await sendOk(t, id, 'platform.chief', { type: 'PUBLISH' })), async () => {
        const id = await toConsultation(t);
        await sendOk(t, id, 'union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 8, inFavour: 8, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
        await sendOk(t, id, 'union.chief', { type: 'SIGN' });
        await sendOk(t, id, 'platform.chief', { type: 'SIGN' });
        await sendOk(t, id, 'platform.chief', { type: 'FILE' });
        await sendOk(t, id, 'bureau.reviewer', { type: 'REVIEW', decision: 'approve' });
        return id;
      }],
    ];
    it.each(cases)('%s', async (_name, kind, stop, reach) => {
      const id = await reach();
      expect((await view(id)).deadlines.map((d: { kind: string }) => d.kind)).toContain(kind);
      t.clock.advance(2 * DAY);
      await stop(id);
      t.clock.advance(60 * DAY);
      await sweep();
      // clocks the stopping step itself started may run; the stopped one never does
      const fired = (await systemEntries(id)).map((e) => JSON.parse(e.payload).deadline);
      expect(fired).not.toContain(kind);
    });
  });

  it('marks coordination and publication overdue without changing the state', async () => {
    const disputed = await openContract(t);
    await sendOk(t, disputed, 'platform.chief', { type: 'RESPOND', accept: false, reason: '不同意' });
    const effective = await toConsultation(t);
    await sendOk(t, effective, 'union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 8, inFavour: 8, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
    await sendOk(t, effective, 'union.chief', { type: 'SIGN' });
    await sendOk(t, effective, 'platform.chief', { type: 'SIGN' });
    await sendOk(t, effective, 'platform.chief', { type: 'FILE' });
    await sendOk(t, effective, 'bureau.reviewer', { type: 'REVIEW', decision: 'approve' });
    t.clock.advance(31 * DAY);
    await sweep();
    expect(await state(disputed)).toBe('disputed');
    expect(await state(effective)).toBe('effective');
    expect((await view(disputed)).deadlines).toEqual([expect.objectContaining({ kind: 'coordination', overdue: true })]);
    expect((await view(effective)).deadlines).toEqual([expect.objectContaining({ kind: 'publication', overdue: true })]);
    expect(await t.dataSource.getRepository(Notification).countBy({ negotiationId: disputed, kind: 'deadline_overdue' })).toBeGreaterThan(0);
  });

  it('closes a rule-change comment window after 7 days', async () => {
    const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('platform.chief')).send({
      kind: 'rule_change',
      title: '派单规则调整',
      scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [], workerCategories: [] },
      representatives: await seats(t, 'platform'),
      proposal: terms(650),
    });
    t.clock.advance(8 * DAY);
    await sweep();
    expect(await state(res.body.id)).toBe('awaiting_response');
  });

  it('ends a published contract at the end of its term and opens the renewal window three months before', async () => {
    const id = await toPublished(t);
    const running = (await view(id)).deadlines;
    expect(running.map((d: { kind: string; dueAt: string }) => [d.kind, d.dueAt])).toEqual([
      ['renewalWindow', '2028-10-03T16:00:00.000Z'],
      ['annualRound', '2028-01-04T15:59:59.999Z'],
      ['termEnd', '2029-01-03T16:00:00.000Z'],
    ].sort((a, b) => a[1].localeCompare(b[1])));
    t.clock.set('2028-11-01T00:00:00.000Z');
    await sweep();
    expect(await state(id)).toBe('published');
    expect((await view(id)).can).toContain('REQUEST_RENEWAL');
    t.clock.set('2029-01-03T16:00:00.000Z');
    await sweep();
    expect(await state(id)).toBe('expired');
  });

  it('warns the responsible people 3 days and 1 day ahead, once each', async () => {
    const id = await openContract(t);
    t.clock.set('2027-01-22T15:00:00.000Z'); // due at the end of Monday 25 Jan (the 20th day is a Sunday): 3 days and an hour left
    expect((await sweep()).warned).toBe(0);
    t.clock.set('2027-01-22T16:00:00.000Z'); // 3 days left
    expect((await sweep()).warned).toBe(1);
    expect((await sweep()).warned).toBe(0);
    t.clock.set('2027-01-24T16:00:00.000Z'); // 1 day left
    expect((await sweep()).warned).toBe(1);
    const warnings = await t.dataSource.getRepository(Notification).findBy({ negotiationId: id, kind: 'deadline_warning' });
    // the enterprise has no seats yet: its negotiators are told
    expect(warnings.map((n) => n.message.match(/还有 (\d) 天/)![1]).sort()).toEqual(['1', '1', '1', '3', '3', '3']);
    const mine = await t.http().get('/api/notifications').set('Authorization', await t.login('platform.rep2'));
    expect(mine.body.filter((n: { negotiationId: string }) => n.negotiationId === id)).toHaveLength(2);
  });

  it('lists each caller its upcoming and overdue deadlines; the bureau sees all', async () => {
    const id = await openContract(t);
    t.clock.advance(15 * DAY);
    const soon = await t.http().get('/api/deadlines?due_within=7d').set('Authorization', await t.login('platform.chief'));
    expect(soon.status).toBe(200);
    expect(soon.body).toContainEqual(expect.objectContaining({ negotiationId: id, kind: 'response', overdue: false }));
    const far = await t.http().get('/api/deadlines?due_within=2d').set('Authorization', await t.login('platform.chief'));
    expect(far.body.some((d: { negotiationId: string }) => d.negotiationId === id)).toBe(false);
    t.clock.advance(10 * DAY);
    const late = await t.http().get('/api/deadlines?overdue=true').set('Authorization', await t.login('bureau.reviewer'));
    expect(late.body).toContainEqual(expect.objectContaining({ negotiationId: id, kind: 'response', overdue: true }));
    const ahead = await t.http().get('/api/deadlines?overdue=false').set('Authorization', await t.login('bureau.reviewer'));
    expect(ahead.status).toBe(200);
    expect(ahead.body.every((d: { overdue: boolean }) => !d.overdue)).toBe(true);
    expect(ahead.body.some((d: { negotiationId: string; kind: string }) => d.negotiationId === id && d.kind === 'response')).toBe(false);
    expect((await t.http().get('/api/deadlines?due_within=soon').set('Authorization', await t.login('bureau.reviewer'))).status).toBe(400);
    expect((await t.http().get('/api/deadlines').set('Authorization', await t.login('rider.0001'))).status).toBe(403);
  });

  it("counts 15 days for a reply in Shanghai (the region's rule pack)", async () => {
    // a Shanghai union with three negotiators
    const union = { id: randomUUID(), name: '上海市快递外卖行业工会', kind: 'union' as const, industry: 'food_delivery', region: '310000', webhookUrl: null, webhookSecret: null, createdAt: '2027-01-01T00:00:00.000Z' };
    await t.dataSource.getRepository(Organization).insert(union);
    const template = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'union.chief' });
    const people = ['sh.chief', 'sh.rep2', 'sh.rep3'].map((username) => ({ ...template, id: randomUUID(), username, organizationId: union.id }));
    await t.dataSource.getRepository(User).insert(people);
    const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('sh.chief')).send(
      await contractBody(t, {
        scope: { industry: 'food_delivery', region: '310101', enterpriseIds: [await t.orgId('platform')], workerCategories: [] },
        representatives: { chief: people[0].id, members: [people[1].id, people[2].id] },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.deadlines).toEqual([{ kind: 'response', dueAt: '2027-01-19T15:59:59.999Z', overdue: false, calendar: 'weekends_only' }]);
  });
});

describe('rule packs from the operator', () => {
  it('runs a procedure in seconds with a PT5S pack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-'));
    writeFileSync(join(dir, 'pack.json'), JSON.stringify({ response: 'PT5S' }));
    const t = await startTestApp({ scenario: false, env: { RULE_PACK: join(dir, 'pack.json') } });
    try {
      const id = await openContract(t);
      t.clock.advance(5001);
      await t.app.get(DeadlineSweeper).sweep();
      expect((await t.dataSource.getRepository(Negotiation).findOneByOrFail({ id })).state).toBe('disputed');
    } finally {
      await t.close();
    }
  });

  it('refuses to start with a bad pack, naming every bad key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-'));
    writeFileSync(join(dir, 'pack.json'), JSON.stringify({ response: 'twenty days', filling: 'P10D' }));
    await expect(startTestApp({ scenario: false, env: { RULE_PACK: join(dir, 'pack.json') } })).rejects.toThrow(
      /response: "twenty days" is not a positive ISO 8601 duration; unknown key "filling"|unknown key "filling".*response/,
    );
  });
});

describe('durability', () => {
  it('fires, right after start-up, a deadline that fell due while the service was down — once', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const clock = new ManualClock();
    const first = await startTestApp({ scenario: false, databaseUrl, clock });
    const id = await openContract(first);
    await first.close();
    clock.advance(25 * DAY);
    const second = await startTestApp({ databaseUrl, clock, env: { SWEEP_INTERVAL_MS: '600000' } });
    try {
      expect((await second.dataSource.getRepository(Negotiation).findOneByOrFail({ id })).state).toBe('disputed');
      await second.app.get(DeadlineSweeper).sweep();
      expect(await second.dataSource.getRepository(AuditEntry).countBy({ negotiationId: id, type: 'RESPONSE_OVERDUE' })).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('fires a deadline once when two instances (two processes) sweep the same database', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const clock = new ManualClock();
    const a = await startTestApp({ scenario: false, databaseUrl, clock });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(await openContract(a));
      clock.advance(25 * DAY);
      const b = fork(join(__dirname, 'support', 'sweeper-instance.ts'), [databaseUrl, clock.now().toISOString()], {
        execArgv: ['--require', join(__dirname, 'support', 'register-ts.js')],
      });
      const messages: unknown[] = [];
      b.on('message', (m) => messages.push(m));
      await until(() => messages.includes('ready'));
      b.send('sweep');
      await until(() => messages.includes('sweeping'));
      const ra = await a.app.get(DeadlineSweeper).sweep();
      await until(() => messages.length === 3);
      const rb = messages[2] as { fired: number };
      expect(ra.fired + rb.fired).toBe(20);
      for (const id of ids) {
        expect(await a.dataSource.getRepository(AuditEntry).countBy({ negotiationId: id, type: 'RESPONSE_OVERDUE' })).toBe(1);
        expect((await a.dataSource.getRepository(Negotiation).findOneByOrFail({ id })).state).toBe('disputed');
      }
    } finally {
      await a.close();
    }
    // a second Node transpiling the app's TypeScript on start: minutes on a loaded 2-core machine
  }, 240_000);
});

describe('claiming', () => {
  it('does not fire again for a sweeper that read the deadline before another fired it', async () => {
    const t = await startTestApp({ scenario: false });
    try {
      const id = await openContract(t);
      t.clock.advance(25 * DAY);
      const stale = await t.dataSource.getRepository(Deadline).findOneByOrFail({ negotiationId: id, kind: 'response' });
      expect((await t.app.get(DeadlineSweeper).sweep()).fired).toBe(1);
      expect(await t.app.get(NegotiationsService).fireDeadline(stale)).toBe(false);
      expect(await t.dataSource.getRepository(AuditEntry).countBy({ negotiationId: id, type: 'RESPONSE_OVERDUE' })).toBe(1);
    } finally {
      await t.close();
    }
  });
});

async function until(condition: () => boolean, timeoutMs = 180_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for the second instance');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
