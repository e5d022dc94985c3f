import { User } from '../src/accounts/user.entity';
import { TestApp, startTestApp } from './support/test-app';
import { publishWithCommitments } from './support/ledger-helpers';
import { contractBody } from './support/negotiation-helpers';

const SURVEY = {
  title: '2027年第一季度骑手满意度调查',
  questions: [
    { id: 'pay', kind: 'scale', text: '您对计件单价的执行是否满意？' },
    { id: 'say', kind: 'text', text: '您还有什么意见？' },
  ],
  closesOn: '2027-01-31',
};

describe('surveys (满意度调查) and the evidence they leave for the next round', () => {
  let t: TestApp;
  let agreementId: string;
  let surveyId: string;

  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
    ({ agreementId } = await publishWithCommitments(t));
  });
  afterAll(() => t.close());

  const post = async (username: string, path: string, body: object = {}) => t.http().post(path).set('Authorization', await t.login(username)).send(body);
  const get = async (username: string, path: string) => t.http().get(path).set('Authorization', await t.login(username));

  it('is opened by the union chief of the agreement, nobody else (403)', async () => {
    expect((await post('union.rep2', `/api/agreements/${agreementId}/surveys`, SURVEY)).status).toBe(403);
    expect((await post('platform.chief', `/api/agreements/${agreementId}/surveys`, SURVEY)).status).toBe(403);
    const res = await post('union.chief', `/api/agreements/${agreementId}/surveys`, SURVEY);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: SURVEY.title, closesOn: '2027-01-31', open: true });
    surveyId = res.body.id;
  });

  it('refuses a question id used twice (400) and a closing day already past (422)', async () => {
    for (const id of ['constructor', 'prototype']) {
      const unanswerable = await post('union.chief', `/api/agreements/${agreementId}/surveys`, { ...SURVEY, questions: [...SURVEY.questions, { id, kind: 'text', text: '?' }] });
      expect([unanswerable.status, unanswerable.body.message]).toEqual([400, ['questions.2.id may not be constructor or prototype: no answer could name it']]);
    }
    const twice = await post('union.chief', `/api/agreements/${agreementId}/surveys`, { ...SURVEY, questions: [SURVEY.questions[0], SURVEY.questions[0]] });
    expect(twice.status).toBe(400);
    expect((await post('union.chief', `/api/agreements/${agreementId}/surveys`, { ...SURVEY, closesOn: '2027-01-03' })).status).toBe(422);
    for (const closesOn of ['2027-02-30', '2026-02-30', '2027-13-01']) {
      const impossible = await post('union.chief', `/api/agreements/${agreementId}/surveys`, { ...SURVEY, closesOn });
      expect(impossible.status).toBe(400);
      expect(impossible.body.message).toContain('closesOn must be a date that exists, YYYY-MM-DD');
    }
  });

  it('each covered worker answers once: a second answer is 409', async () => {
    const answers = [
      { pay: 4, say: '希望雨天补贴再高一些' },
      { pay: 5 },
      { pay: 2, say: '站点太远' },
    ];
    for (const [i, a] of answers.entries()) {
      const res = await t.http().post(`/api/surveys/${surveyId}/responses`).set('Authorization', await t.login(`rider.000${i + 1}`)).set('Idempotency-Key', 'survey-answer').send({ answers: a });
      expect(res.status).toBe(201);
    }
    expect((await post('rider.0001', `/api/surveys/${surveyId}/responses`, { answers: { pay: 1 } })).status).toBe(409);
    // no key is kept: its row would hold the worker's id beside the fingerprint of their answers
    expect(await t.dataSource.query('SELECT * FROM idempotency_keys')).toEqual([]);
    const repeat = await t.http().post(`/api/surveys/${surveyId}/responses`).set('Authorization', await t.login('rider.0001')).set('Idempotency-Key', 'survey-answer').send({ answers: answers[0] });
    expect([repeat.status, repeat.body.code]).toEqual([409, 'SURVEY.ALREADY_ANSWERED']);
  });

  it('names every bad answer (400) and refuses a negotiator (403)', async () => {
    const bad = await post('rider.0004', `/api/surveys/${surveyId}/responses`, { answers: { pay: 6, wage: 3 } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(['answers.pay must be a whole number from 1 to 5', 'answers.wage: no such question']);
    expect((await post('union.chief', `/api/surveys/${surveyId}/responses`, { answers: { pay: 5 } })).status).toBe(403);
  });

  it('shows representatives and the bureau the count, mean, distribution and texts, without any worker id', async () => {
    const res = await get('platform.rep2', `/api/surveys/${surveyId}/results`);
    expect(res.body).toEqual({
      responses: 3,
      covered: 12,
      questions: [
        { id: 'pay', mean: 3.67, distribution: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 1 } },
        { id: 'say', texts: ['希望雨天补贴再高一些', '站点太远'] },
      ],
    });
    const riders = await t.dataSource.getRepository(User).findBy({ role: 'worker' });
    for (const r of riders) expect(res.text).not.toContain(r.id);
    expect((await get('bureau.reviewer', `/api/surveys/${surveyId}/results`)).status).toBe(200);
    expect((await get('rider.0001', `/api/surveys/${surveyId}/results`)).status).toBe(403);
  });

  it('lists a worker their surveys and whether they answered', async () => {
    expect((await get('rider.0001', '/api/me/surveys')).body).toEqual({ items: [expect.objectContaining({ id: surveyId, answered: true, open: true })], total: 1 });
    expect((await get('rider.0007', '/api/me/surveys')).body).toEqual({ items: [expect.objectContaining({ id: surveyId, answered: false })], total: 1 });
  });

  it('takes no answer after its closing day (409)', async () => {
    t.clock.set('2027-01-31T15:59:00.000Z');
    expect((await post('rider.0006', `/api/surveys/${surveyId}/responses`, { answers: { pay: 3 } })).status).toBe(201);
    t.clock.set('2027-01-31T16:00:00.000Z');
    const late = await post('rider.0007', `/api/surveys/${surveyId}/responses`, { answers: { pay: 3 } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('SURVEY.CLOSED');
  });

  it('a later negotiation of the same scope carries the evidence: surveys, complaints by clause, commitments met and overdue', async () => {
    await post('rider.0001', `/api/agreements/${agreementId}/complaints`, { clauseIndex: 1, text: '驿站没有饮水。' });
    await post('rider.0002', `/api/agreements/${agreementId}/complaints`, { clauseIndex: 1, text: '驿站太远。' });
    await post('rider.0003', `/api/agreements/${agreementId}/complaints`, { text: '其他问题。' });
    t.clock.set('2027-02-04T01:00:00.000Z');
    const next = await post('union.chief', '/api/negotiations', await contractBody(t, { title: '2028年续订协商' }));
    expect(next.status).toBe(201);
    expect(next.body.evidence).toEqual({
      agreementIds: [agreementId],
      surveys: [expect.objectContaining({ id: surveyId, title: SURVEY.title, responses: 4, covered: 12 })],
      complaints: { total: 3, byClause: expect.arrayContaining([{ clauseIndex: 1, count: 2 }, { clauseIndex: null, count: 1 }]) },
      // two commitments were due on 2027-02-03 and nobody reported: both overdue
      commitments: { total: 3, met: 0, overdue: 2 },
    });
    const other = await post('union.chief', '/api/negotiations', await contractBody(t, { scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [await t.orgId('platform')], workerCategories: [] } }));
    expect(other.status).toBe(201);
    expect(other.body.evidence).toBeNull();
  });

  it('carries only what was published before the negotiation opened', async () => {
    const { publishedAt } = (await t.http().get(`/api/agreements/${agreementId}`)).body;
    t.clock.set(new Date(new Date(publishedAt).getTime() - 1000).toISOString());
    const earlier = await post('union.chief', '/api/negotiations', await contractBody(t, { title: '发布前开启的协商' }));
    expect(earlier.status).toBe(201);
    expect(earlier.body.evidence).toBeNull();
  });
});
