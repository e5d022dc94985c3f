import { rawSql } from './support/raw-sql';
import { TestApp, startTestApp } from './support/test-app';

describe('the demo after publication (issue 13, item 7)', () => {
  let t: TestApp;
  let agreementId: string;
  let contractId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const union = await t.login('union.chief');
    const published = (await t.http().get('/api/negotiations?state=published').set('Authorization', union)).body.items;
    contractId = published.find((n: { title: string }) => n.title.startsWith('2027年十堰市')).id;
    agreementId = (await t.http().get('/api/agreements')).body.items.find((a: { negotiationId: string }) => a.negotiationId === contractId).id;
  });
  afterAll(() => t.close());

  it('the published contract has three commitments: one met, one overdue, one disputed', async () => {
    const commitments = (await t.http().get(`/api/agreements/${agreementId}/commitments`)).body;
    expect(commitments.map((c: { status: string }) => c.status)).toEqual(['done', 'overdue', 'disputed']);
  });

  it('has two complaints, one answered and one overdue, and a closed survey with results', async () => {
    const complaints = (await t.http().get(`/api/agreements/${agreementId}/complaints`).set('Authorization', await t.login('union.chief'))).body.items;
    expect(complaints.map((c: { status: string; overdue: boolean }) => [c.status, c.overdue]).sort()).toEqual([
      ['answered', false],
      ['open', true],
    ]);
    const [survey] = (await t.http().get(`/api/agreements/${agreementId}/surveys`)).body.items;
    expect(survey.open).toBe(false);
    const results = (await t.http().get(`/api/surveys/${survey.id}/results`).set('Authorization', await t.login('bureau.reviewer'))).body;
    expect(results).toMatchObject({ responses: 5, covered: 12, questions: [{ id: 'pay', mean: 3.6 }, { id: 'rest', mean: 2.8 }, { id: 'say' }] });
  });

  it('the story is on a chain that verifies, ending now', async () => {
    const bureau = await t.login('bureau.reviewer');
    const verified = (await t.http().get(`/api/negotiations/${contractId}/audit/verify`).set("Authorization", bureau)).body;
    expect(verified).toEqual(expect.objectContaining({ valid: true }));
    const audit = (await t.http().get(`/api/negotiations/${contractId}/audit`).set('Authorization', bureau)).body;
    const times = audit.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(times.at(-1) <= t.clock.now().toISOString()).toBe(true);
  });

  it('puts the platform on the black board, and the next round of the same scope sees the evidence', async () => {
    const board = (await t.http().get('/api/board?region=420300')).body;
    expect(board.black.map((b: { name: string }) => b.name)).toEqual(['速达外卖（十堰）网络科技有限公司']);
    const union = await t.login('union.chief');
    const next = (await t.http().get('/api/negotiations?state=bargaining').set('Authorization', union)).body.items.find((n: { title: string }) => n.title.includes('劳动定额与休息制度'));
    expect(next.evidence).toMatchObject({ complaints: { total: 2 }, commitments: { total: 3, met: 1, overdue: 1 }, surveys: [{ responses: 5 }] });
  });
});

describe('lists of negotiations changed in the same millisecond', () => {
  it('orders them as they were opened, then by id: pages neither repeat nor skip one', async () => {
    const t = await startTestApp();
    try {
      await rawSql(t.dataSource, 'UPDATE negotiations SET updated_at = ?', ['2027-01-04T01:00:00.000Z']);
      // two opened in the same millisecond too
      const [first, second] = (await rawSql(t.dataSource, 'SELECT id FROM negotiations ORDER BY created_at, id')) as Array<{ id: string }>;
      await rawSql(t.dataSource, 'UPDATE negotiations SET created_at = (SELECT created_at FROM negotiations WHERE id = ?) WHERE id = ?', [first.id, second.id]);
      const opened = ((await rawSql(t.dataSource, 'SELECT id, created_at FROM negotiations')) as Array<{ id: string; created_at: string }>)
        .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1))
        .map((n) => n.id);
      const bureau = await t.login('bureau.reviewer');
      const all = (await t.http().get('/api/negotiations?pageSize=100').set('Authorization', bureau).expect(200)).body.items.map((n: { id: string }) => n.id);
      expect(all.length).toBeGreaterThan(2);
      expect(all).toEqual(opened);
      const pages: string[] = [];
      for (let page = 1; page <= all.length; page++)
        pages.push(...(await t.http().get(`/api/negotiations?pageSize=1&page=${page}`).set('Authorization', bureau).expect(200)).body.items.map((n: { id: string }) => n.id));
      expect(pages).toEqual(all);
    } finally {
      await t.close();
    }
  });
});
