import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Worker } from '../src/accounts/worker.entity';
import { Acknowledgement } from '../src/agreements/acknowledgement.entity';
import { Agreement } from '../src/agreements/agreement.entity';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Commitment } from '../src/ledger/commitment.entity';
import { Complaint } from '../src/ledger/complaint.entity';
import { openBox, putInBox } from '../src/ledger/survey-box';
import { Survey } from '../src/ledger/survey.entity';
import { Negotiation } from '../src/negotiations/negotiation.entity';
import { Scope } from '../src/negotiations/negotiation.types';
import { TestApp, startTestApp } from './support/test-app';

/**
 * A year counted by hand (the comments give each figure's working). Rows are written straight
 * into the tables: the report reads only what is there, however it got there. Year 2027,
 * region 420300 (湖北省十堰市), zone Asia/Shanghai: the year runs from 2026-12-31T16:00Z.
 */
describe('GET /api/reports/annual against a hand-counted year', () => {
  let t: TestApp;
  let P: string;
  let P2: string;

  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
    P = await t.orgId('platform');
    P2 = await t.orgId('platform2');
    await t.dataSource.transaction((m) => fixture(m));
    t.clock.set('2028-01-10T00:00:00.000Z');
  });
  afterAll(() => t.close());

  const scope = (region: string, enterpriseIds: string[], workerCategories: string[]): Scope => ({ industry: 'food_delivery', region, enterpriseIds, workerCategories });

  async function fixture(m: EntityManager) {
    const union = await t.orgId('union');
    const negotiation = async (id: string, kind: 'collective_contract' | 'rule_change', region: string, createdAt: string, steps: Array<[string, string]> = []) => {
      await m.insert(Negotiation, {
        id, kind, title: id, industry: 'food_delivery', region, scope: scope(region, [P], []), state: 'published', context: {}, version: 1,
        unionOrgId: union, enterpriseOrgId: P, requestedBy: randomUUID(), parentId: null, auditSeq: steps.length, auditHead: '0'.repeat(64), createdAt, updatedAt: createdAt,
      });
      for (const [i, [type, at]] of steps.entries())
        await m.insert(AuditEntry, { negotiationId: id, seq: i + 1, type, actorId: 'x', role: 'x', at, payload: '{}', prevHash: '0'.repeat(64), hash: '0'.repeat(64) });
    };
    const ids = Object.fromEntries(['N0', 'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'].map((k) => [k, randomUUID()]));
    // opened in 2027 within 4203: N1, N2, N4 (contracts), N3, N7 (rule changes); N6 opened a millisecond before the year; N5 is in Beijing
    await negotiation(ids.N0, 'collective_contract', '420300', '2025-05-01T00:00:00.000Z');
    // stages of N1: answer 10 days, bargaining to the LAST accept 40, then 10 to publication; 60 in all
    await negotiation(ids.N1, 'collective_contract', '420300', '2027-01-10T00:00:00.000Z', [
      ['OPENED', '2027-01-10T00:00:00.000Z'], ['RESPOND', '2027-01-20T00:00:00.000Z'], ['ACCEPT', '2027-02-19T00:00:00.000Z'],
      ['ACCEPT', '2027-03-01T00:00:00.000Z'], ['PUBLISH', '2027-03-11T00:00:00.000Z'],
    ]);
    // N2: 4, 20, 30; 54 in all
    await negotiation(ids.N2, 'collective_contract', '420302', '2027-03-01T00:00:00.000Z', [
      ['OPENED', '2027-03-01T00:00:00.000Z'], ['RESPOND', '2027-03-05T00:00:00.000Z'], ['ACCEPT', '2027-03-25T00:00:00.000Z'], ['PUBLISH', '2027-04-24T00:00:00.000Z'],
    ]);
    // N3, a rule change: 14 days in all, no answer or acceptance stage
    await negotiation(ids.N3, 'rule_change', '420300', '2027-05-01T00:00:00.000Z', [['OPENED', '2027-05-01T00:00:00.000Z'], ['PUBLISH', '2027-05-15T00:00:00.000Z']]);
    await negotiation(ids.N4, 'collective_contract', '420300', '2027-06-01T00:00:00.000Z', [['OPENED', '2027-06-01T00:00:00.000Z']]);
    await negotiation(ids.N5, 'collective_contract', '110000', '2027-02-01T00:00:00.000Z', [['OPENED', '2027-02-01T00:00:00.000Z'], ['PUBLISH', '2027-02-10T00:00:00.000Z']]);
    await negotiation(ids.N6, 'collective_contract', '420300', '2026-12-31T15:59:59.999Z');
    await negotiation(ids.N7, 'rule_change', '420300', '2026-12-31T16:00:00.000Z');
    await negotiation(ids.N8, 'collective_contract', '420300', '2026-02-01T00:00:00.000Z');

    const agreement = async (key: string, negotiationId: string, kind: 'collective_contract' | 'rule_change', s: Scope, effectiveFrom: string, expiresOn: string | null, publishedAt: string) => {
      const id = randomUUID();
      await m.insert(Agreement, {
        id, negotiationId, kind, title: key, industry: 'food_delivery', region: s.region, scope: s, terms: { pieceRates: [], laborQuota: { standardTasksPerHour: 3 } },
        opinions: null, effectiveFrom, expiresOn, publishedAt, auditHead: '0'.repeat(64),
      } as never);
      return id;
    };
    // in force during 2027 within 4203: A1, A2, A3 and Aold (until 2027-02-28); A0 ended in 2026; A5 is in Beijing
    await agreement('A0', ids.N0, 'collective_contract', scope('420300', [P], []), '2025-06-01', '2026-05-31', '2025-06-01T00:00:00.000Z');
    const Aold = await agreement('Aold', ids.N8, 'collective_contract', scope('420300', [P2], []), '2026-03-01', '2027-02-28', '2026-03-01T00:00:00.000Z');
    const A1 = await agreement('A1', ids.N1, 'collective_contract', scope('420300', [P], ['delivery_rider']), '2027-03-01', '2029-02-28', '2027-03-11T00:00:00.000Z');
    const A2 = await agreement('A2', ids.N2, 'collective_contract', scope('420302', [], []), '2027-04-20', '2028-04-19', '2027-04-24T00:00:00.000Z');
    const A3 = await agreement('A3', ids.N3, 'rule_change', scope('420300', [P], []), '2027-05-15', null, '2027-05-15T00:00:00.000Z');
    const A5 = await agreement('A5', ids.N5, 'collective_contract', scope('110000', [P], []), '2027-02-10', '2028-02-09', '2027-02-10T00:00:00.000Z');

    // workers besides the 12 demo riders of P (delivery_rider; 6 in 420302, 6 in 420303):
    // 3 of P2 in 420302, 1 courier of P in 420303, 2 of P in Beijing
    const worker = async (enterpriseId: string, region: string, category: string) => {
      const id = randomUUID();
      await m.insert(Worker, { id, enterpriseId, externalId: id.slice(0, 8), industry: 'food_delivery', region, category, displayName: 'x', createdAt: '2027-01-01T00:00:00.000Z' });
      return id;
    };
    for (let i = 0; i < 3; i++) await worker(P2, '420302', 'delivery_rider');
    await worker(P, '420303', 'courier');
    for (let i = 0; i < 2; i++) await worker(P, '110105', 'delivery_rider');

    // acknowledgements: 5 of A1, 2 of A2 count; 3 of Aold (published in 2026) do not
    const riders = (await m.find(Worker, { where: { enterpriseId: P, category: 'delivery_rider' } })).filter((w) => w.region.startsWith('4203'));
    const ack = (agreementId: string, w: Worker) => m.insert(Acknowledgement, { agreementId, workerId: w.id, acknowledgedAt: '2027-06-01T00:00:00.000Z' });
    for (const w of riders.slice(0, 5)) await ack(A1, w);
    for (const w of riders.filter((w) => w.region === '420302').slice(0, 2)) await ack(A2, w);
    for (const w of riders.slice(0, 3)) await ack(Aold, w);

    const commitment = (agreementId: string, region: string, dueOn: string, doneAt: string | null) =>
      m.insert(Commitment, {
        id: randomUUID(), agreementId, negotiationId: ids.N1, clauseIndex: 0, responsible: 'enterprise', responsibleOrgId: P, region, industry: 'food_delivery',
        dueOn, dueAt: `${dueOn}T15:59:59.999Z`, progress: doneAt ? 100 : 0, verdict: doneAt ? 'confirmed' : null, verificationNote: null, verifiedBy: null, verifiedAt: doneAt, doneAt, createdAt: '2027-03-11T00:00:00.000Z',
      });
    // due in 2027 within 4203: 5; met on time: C1 and C2 (done at the last instant of its day); overdue: C3 (done late), C4, C5
    await commitment(A1, '420300', '2027-04-10', '2027-04-01T00:00:00.000Z');
    await commitment(A1, '420300', '2027-05-01', '2027-05-01T15:59:59.999Z');
    await commitment(A1, '420300', '2027-06-30', '2027-07-02T00:00:00.000Z');
    await commitment(A2, '420302', '2027-09-30', null);
    await commitment(A2, '420302', '2027-12-31', null);
    await commitment(A1, '420300', '2028-02-01', null);
    await commitment(A5, '110000', '2027-05-01', null);

    const complaint = (agreementId: string, filedAt: string, answeredAt: string | null) => {
      const answerDueAt = new Date(new Date(filedAt).getTime() + 7 * 86_400_000).toISOString();
      return m.insert(Complaint, {
        id: randomUUID(), agreementId, negotiationId: ids.N1, workerUserId: randomUUID(), shareIdentity: false, clauseIndex: null, orderId: null, text: 'x',
        status: answeredAt ? 'answered' : 'open', filedAt, answerDueAt, answer: answeredAt ? 'y' : null, answeredAt, escalationReason: null, closedAt: null, referredAt: null,
      });
    };
    // filed in 2027 within 4203: 4; answered 3 after 2, 9.5 and 5 days (median 5); the 9.5-day one late
    await complaint(A1, '2027-03-20T00:00:00.000Z', '2027-03-22T00:00:00.000Z');
    await complaint(A1, '2027-04-01T00:00:00.000Z', '2027-04-10T12:00:00.000Z');
    await complaint(A2, '2027-05-01T00:00:00.000Z', '2027-05-06T00:00:00.000Z');
    await complaint(A3, '2027-06-01T00:00:00.000Z', null);
    await complaint(A1, '2026-12-31T15:00:00.000Z', '2027-01-02T00:00:00.000Z');
    await complaint(A5, '2027-03-01T00:00:00.000Z', '2027-03-02T00:00:00.000Z');

    const survey = async (agreementId: string, closesOn: string, scales: number[]) => {
      const id = randomUUID();
      const row: Survey = { id, agreementId, negotiationId: ids.N1, title: 's', questions: [{ id: 'pay', kind: 'scale', text: '?' }, { id: 'say', kind: 'text', text: '?' }], closesOn, openedBy: 'u', openedAt: '2027-01-01T00:00:00.000Z', textsKept: 0 };
      await m.insert(Survey, row);
      await openBox(m, row);
      for (const scale of scales) await putInBox(m, row, [{ questionId: 'pay', scale, text: null }]);
      await putInBox(m, row, [{ questionId: 'say', scale: null, text: '意见' }]);
    };
    // Q1: 4, 5, 3 → 4; Q2: 2, 3 (A1) and 5 (A2) → 10/3 = 3.33; Q4: 4, 4 → 4; a survey closing in 2028 and one in Beijing do not count
    await survey(A1, '2027-03-31', [4, 5, 3]);
    await survey(A1, '2027-06-30', [2, 3]);
    await survey(A2, '2027-04-01', [5]);
    await survey(A3, '2027-11-15', [4, 4]);
    await survey(A1, '2028-01-05', [1]);
    await survey(A5, '2027-05-01', [1, 1]);
  }

  const EXPECTED = {
    year: 2027,
    region: '420300',
    negotiations: { opened: { collective_contract: 3, rule_change: 2 }, concluded: { collective_contract: 2, rule_change: 1 } },
    // response [10, 4] → 7; bargaining [40, 20] → 30; approval [10, 30] → 20; total [60, 54, 14] → 54
    medianDaysPerStage: { response: 7, bargaining: 30, approval: 20, total: 54 },
    agreementsInForce: 4,
    // A1: 12 riders; A2: 6 riders + 3 of P2; A3: 12 riders + the courier; Aold: the 3 of P2 → 16 distinct
    workersCovered: 28,
    // published in 2027: covered 12 + 15 + 13 = 40 (A2 binds every enterprise of 420302: the second platform's 6 riders there too), acknowledged 5 + 2 = 7 → 7/40 = 17.50 % → 1750 bp
    acknowledgements: { covered: 40, acknowledged: 7, rateBasisPoints: 1750 },
    commitments: { due: 5, metOnTime: 2, overdue: 3 },
    complaints: { filed: 4, answered: 3, answeredLate: 1, medianAnswerDays: 5 },
    satisfactionByQuarter: [
      { quarter: 1, answers: 3, mean: 4 },
      { quarter: 2, answers: 3, mean: 3.33 },
      { quarter: 4, answers: 2, mean: 4 },
    ],
  };

  it('gives the union and the bureau the figures counted by hand', async () => {
    for (const who of ['union.chief', 'bureau.reviewer']) {
      const res = await t.http().get('/api/reports/annual?year=2027&region=420300').set('Authorization', await t.login(who));
      expect(res.status).toBe(200);
      expect(res.body).toEqual(EXPECTED);
    }
  });

  it('answers the same figures as CSV, one a line', async () => {
    const res = await t.http().get('/api/reports/annual?year=2027&region=420300&format=csv').set('Authorization', await t.login('bureau.reviewer'));
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('metric,key,value');
    expect(lines).toEqual(
      expect.arrayContaining(['negotiations_opened,collective_contract,3', 'median_days,total,54', 'acknowledgements,rate_basis_points,1750', 'complaints,median_answer_days,5', 'satisfaction_mean,Q2,3.33']),
    );
  });

  it('counts the whole country without a region, and the next year apart', async () => {
    const all = (await t.http().get('/api/reports/annual?year=2027').set('Authorization', await t.login('union.chief'))).body;
    // Beijing's contract joins: 4 opened contracts, 3 concluded
    expect(all.negotiations.opened).toEqual({ collective_contract: 4, rule_change: 2 });
    expect(all.commitments).toEqual({ due: 6, metOnTime: 2, overdue: 4 });
    const next = (await t.http().get('/api/reports/annual?year=2028&region=420300').set('Authorization', await t.login('union.chief'))).body;
    expect(next.commitments).toEqual({ due: 1, metOnTime: 0, overdue: 0 });
    expect(next.medianDaysPerStage).toEqual({ response: null, bargaining: null, approval: null, total: null });
  });

  it('is for the union and the bureau only (403), and names a bad year or format (400)', async () => {
    expect((await t.http().get('/api/reports/annual?year=2027').set('Authorization', await t.login('platform.chief'))).status).toBe(403);
    expect((await t.http().get('/api/reports/annual?year=2027').set('Authorization', await t.login('rider.0001'))).status).toBe(403);
    const bad = await t.http().get('/api/reports/annual?year=27&format=xls').set('Authorization', await t.login('union.chief'));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.arrayContaining([expect.stringContaining('year'), expect.stringContaining('format')]));
  });
});
