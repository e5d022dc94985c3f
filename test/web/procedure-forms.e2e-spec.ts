import { TestApp, startTestApp } from '../support/test-app';
import { openContract, seats, terms } from '../support/negotiation-helpers';
import { mainText } from './support/html';
import { Agent, submit, versionOn, webLogin } from './support/web-agent';

/** The forms with more than a button: seats, answers to every opinion, a whole consultation. */
describe('procedure forms on the negotiation page', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
  });
  afterAll(() => t.close());

  async function send(agent: Agent, id: string, fields: Record<string, string | string[]>) {
    const page = `/negotiations/${id}`;
    const html = (await agent.get(page)).text;
    return submit(agent, page, `${page}/events`, { version: versionOn(html), ...fields });
  }

  it('the platform accepts a request with the seats the form proposes: itself as chief and as many as the union', async () => {
    const id = await openContract(t);
    const platform = await webLogin(t, 'platform.chief');
    const html = (await platform.get(`/negotiations/${id}`)).text;
    const chief = /<select name="chief">[\s\S]*?<option value="([^"]+)" selected>/.exec(html)![1];
    const members = [...html.matchAll(/name="members" value="([^"]+)" checked/g)].map((m) => m[1]);
    expect(chief).toBe(await t.userId('platform.chief'));
    expect(members.sort()).toEqual((await seats(t, 'platform')).members.sort());

    const { text } = await send(platform, id, { type: 'RESPOND', accept: 'yes', chief, members: [chief, ...members] });
    expect(text).toContain('已提交：答复协商要求。');
    const view = (await t.http().get(`/api/negotiations/${id}`).set('Authorization', await t.login('platform.chief'))).body;
    expect(view).toMatchObject({ state: 'bargaining', representatives: { enterprise: { chief } } });
    expect(view.representatives.enterprise.members.sort()).toEqual(members.sort());
  });

  it('a rule change runs through the pages: workers comment, the union closes, the platform answers every opinion and publishes', async () => {
    const created = await t.http().post('/api/negotiations').set('Authorization', await t.login('platform.chief')).send({
      kind: 'rule_change',
      title: '派单算法调整：恶劣天气延时配送规则',
      scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [], workerCategories: ['delivery_rider'] },
      representatives: await seats(t, 'platform'),
      proposal: terms(650, { termMonths: undefined, clauses: [{ topic: 'algorithm', text: '暴雨橙色预警期间，预计送达时间自动延长20分钟。' }] }),
    });
    const id: string = created.body.id;
    const comments = `/negotiations/${id}/comments`;

    const rider = await webLogin(t, 'rider.0002');
    const draft = mainText((await rider.get(comments)).text);
    expect(draft).toContain('暴雨橙色预警期间');
    expect(draft).toMatch(/征求意见期：2027年1月11日 23:59 还剩 7 天/);
    await submit(rider, comments, comments, { text: '延长20分钟不够，建议30分钟。' });
    await submit(await webLogin(t, 'rider.0003'), comments, comments, { text: '超时不应扣款。' });

    const union = await webLogin(t, 'union.chief');
    expect((await send(union, id, { type: 'CLOSE_CONSULTATION' })).text).toContain('已提交：结束征求意见。');
    expect(mainText((await rider.get(comments)).text)).toContain('征求意见已结束，不能再提交。');

    const platform = await webLogin(t, 'platform.chief');
    const html = (await platform.get(`/negotiations/${id}`)).text;
    const ids = [...html.matchAll(/name="commentId" value="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    const missing = await send(platform, id, { type: 'RESPOND_TO_OPINIONS', commentId: ids, [`adopted.${ids[0]}`]: 'yes', [`reason.${ids[0]}`]: '采纳，延长至30分钟' });
    // the second answer has no reason: the service's 400 is shown, and the first answer is still filled in
    expect(missing.res.status).toBe(400);
    expect(missing.text).toContain('填写的内容有误。');
    expect(missing.after.text).toContain(`<textarea name="reason.${ids[0]}" required>采纳，延长至30分钟</textarea>`);
    expect(missing.after.text).toContain(`name="adopted.${ids[0]}" value="yes" checked`);
    const answered = await send(platform, id, {
      type: 'RESPOND_TO_OPINIONS',
      commentId: ids,
      [`adopted.${ids[0]}`]: 'yes',
      [`reason.${ids[0]}`]: '采纳，延长至30分钟',
      [`adopted.${ids[1]}`]: 'no',
      [`reason.${ids[1]}`]: '超时扣款另行协商',
    });
    expect(answered.text).toContain('已提交：逐条答复意见。');
    expect((await send(platform, id, { type: 'PUBLISH' })).text).toContain('已公布');

    const agreement = (await t.http().get('/api/agreements')).body.items.find((a: { negotiationId: string }) => a.negotiationId === id);
    const page = mainText((await t.http().get(`/agreements/${agreement.id}`)).text);
    expect(page).toContain('劳动者意见及企业答复');
    expect(page).toContain('延长20分钟不够，建议30分钟。 采纳 采纳，延长至30分钟');
    expect(page).toContain('超时不应扣款。 未采纳 超时扣款另行协商');
    expect(mainText((await t.http().get(`/agreements/${agreement.id}/verify`)).text)).toContain('记录完整');
  });
});
