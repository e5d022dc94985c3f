import { TestApp, startTestApp } from '../support/test-app';
import { DeadlineSweeper } from '../../src/deadlines/deadline-sweeper';
import { sendOk, toConsultation, toPublished } from '../support/negotiation-helpers';
import { csrfOf, htmlProblems, mainText } from './support/html';
import { formBody, submit, versionOn, keyOn, webLogin } from './support/web-agent';

describe('ballot pages, without JavaScript', () => {
  let t: TestApp;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
    id = await toConsultation(t);
  });
  afterAll(() => t.close());

  it('the union opens the ballot from its page; the form offers the roll the scope covers', async () => {
    const union = await webLogin(t, 'union.chief');
    const page = `/negotiations/${id}`;
    const before = await union.get(page);
    expect(mainText(before.text)).toContain('全体覆盖职工（12 人）');
    const { text } = await submit(union, page, `${page}/events`, {
      type: 'OPEN_BALLOT',
      version: versionOn(before.text),
      key: keyOn(before.text),
      body: 'all_workers',
      closesOn: '2027-01-10',
      delegates: '',
    });
    expect(text).toContain('已提交');
    expect(text).toContain('已投票 0 / 12 人');
    expect(text).not.toContain('投票截止日期'); // the opening form is gone: one ballot at a time
  });

  it('a rider on the roll votes: no choice is sent back, a choice answers with the receipt, a second vote is refused', async () => {
    const rider = await webLogin(t, 'rider.0002');
    const inbox = await rider.get('/inbox');
    expect(mainText(inbox.text)).toContain('阅读草案并投票');
    const page = await rider.get(`/negotiations/${id}/ballot`);
    expect(htmlProblems(page.text)).toEqual([]);
    const csrf = csrfOf(page.text);
    const none = await rider.post(`/negotiations/${id}/ballot`).type('form').send(formBody({ _csrf: csrf }));
    expect(none.status).toBe(400);
    expect(mainText(none.text)).toContain('请选择赞成、反对或弃权。');
    const cast = await rider.post(`/negotiations/${id}/ballot`).type('form').send(formBody({ _csrf: csrf, choice: 'against' }));
    expect(cast.status).toBe(201);
    expect(mainText(cast.text)).toMatch(/回执：\s*[2-9A-Z]{4}(-[2-9A-Z]{4}){3}/);
    expect(cast.text).not.toContain('against');
    const again = await rider.post(`/negotiations/${id}/ballot`).type('form').send(formBody({ _csrf: csrf, choice: 'for' }));
    expect(again.status).toBe(409);
    expect(mainText(again.text)).toContain('您已经投过票了。');
  });

  it('a worker off the roll and a negotiator see turnout, and no form', async () => {
    const union = await webLogin(t, 'union.chief');
    const text = mainText((await union.get(`/negotiations/${id}/ballot`)).text);
    expect(text).toContain('已投票 1 / 12 人');
    expect(text).toContain('您不在本次投票的名单上。');
  });

  it('the published agreement says which way it was ratified: by the workers’ ballot, or by hand from a count sheet', async () => {
    const byBallot = await toConsultation(t);
    await sendOk(t, byBallot, 'union.chief', { type: 'OPEN_BALLOT', body: 'all_workers', closesOn: '2027-01-10' });
    for (let i = 1; i <= 8; i++)
      await t.http().post(`/api/negotiations/${byBallot}/ballot`).set('Authorization', await t.login(`rider.${String(i).padStart(4, '0')}`)).send({ choice: 'for' }).expect(201);
    t.clock.set('2027-01-10T16:00:00.000Z');
    await t.app.get(DeadlineSweeper).sweep();
    for (const [who, type] of [['union.chief', 'SIGN'], ['platform.chief', 'SIGN'], ['platform.chief', 'FILE'], ['union.chief', 'PUBLISH']] as const) {
      if (type === 'PUBLISH') await sendOk(t, byBallot, 'bureau.reviewer', { type: 'REVIEW', decision: 'approve' });
      await sendOk(t, byBallot, who, { type });
    }
    const byHand = await toPublished(t);
    const page = async (negotiationId: string) => {
      const agreement = (await t.http().get('/api/agreements?pageSize=100')).body.items.find((a: { negotiationId: string }) => a.negotiationId === negotiationId);
      return mainText((await t.http().get(`/agreements/${agreement.id}`)).text);
    };
    expect(await page(byBallot)).toMatch(/表决方式：\s*职工无记名投票，系统计票\s*应到 12，实到 8，赞成 8，反对 0，弃权 0/);
    expect(await page(byHand)).toMatch(/表决方式：\s*会议表决，按计票单人工录入\s*应到 12，实到 9，赞成 8，反对 1，弃权 0/);
  });
});
