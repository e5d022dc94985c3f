import { TestApp, startTestApp } from '../support/test-app';
import { openContract, toConsultation } from '../support/negotiation-helpers';
import { csrfOf, htmlProblems, mainText } from './support/html';
import { Agent, formBody, keyOn, submit, versionOn, webLogin } from './support/web-agent';

/** The OFFER form's fields for a contract like the demo's, with base rate `yuan`. */
const offerForm = (yuan: string, version: string) => ({
  type: 'OFFER',
  version,
  'rate.0.task': 'delivery',
  'rate.0.base': yuan,
  'rate.0.km': '3',
  'rate.0.perKm': '0.70',
  commission: '14',
  quota: '4',
  'rest.continuous.h': '3',
  'rest.continuous.m': '30',
  'rest.break': '20',
  'rest.daily.h': '10',
  'rest.days': '4',
  termMonths: '12',
  note: '单价再让一步',
});

describe("negotiators' pages: the state of talks at a glance, and acting on them", () => {
  let t: TestApp;
  let union: Agent;
  let bargaining: string;
  let demoContract: string;

  const api = async (path: string, username = 'union.chief') => (await t.http().get(path).set('Authorization', await t.login(username))).body;

  beforeAll(async () => {
    t = await startTestApp();
    union = await webLogin(t, 'union.chief');
    bargaining = (await api('/api/negotiations?state=bargaining')).items[0].id;
    demoContract = (await api('/api/negotiations?state=published')).items[0].id;
  });
  afterAll(() => t.close());

  it("lists the caller's negotiations with their state and next deadline", async () => {
    const requested = await openContract(t);
    const text = mainText((await union.get('/negotiations')).text);
    expect(text).toContain('2028年十堰市外卖配送员劳动定额与休息制度专项集体协商 下一期限：无');
    expect(text).toContain('待企业答复');
    // the 20th day, 24 January 2027, is a Sunday: the reply is due on Monday (民法典 art. 203)
    expect(text).toContain('书面答复 · 2027年1月25日 23:59 还剩 21 天');
    // the request waits for the platform's answer: its list says so
    const platform = mainText((await (await webLogin(t, 'platform.chief')).get('/negotiations')).text);
    expect(platform).toContain('待企业答复 待您处理');
    expect(text).not.toContain('待企业答复 待您处理');
    await t.http().post(`/api/negotiations/${requested}/events`).set('Authorization', await t.login('union.chief')).send({ type: 'WITHDRAW', reason: '测试结束' });
  });

  it('draws the negotiation dance as inline SVG, marks settled terms, and offers only what `can` allows', async () => {
    const html = (await union.get(`/negotiations/${bargaining}`)).text;
    expect(htmlProblems(html)).toEqual([]);
    expect(html.match(/<svg viewBox="0 0 320 168"/g)!.length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('<path class="union" d="M');
    expect(html).toContain('<path class="enterprise" d="M');
    expect(mainText(html)).toMatch(/劳动定额 已一致 每小时 4 单 每小时 4 单/);
    const offered = [...html.matchAll(/name="type" value="([A-Z_]+)"/g)].map((m) => m[1]);
    const { can } = await api(`/api/negotiations/${bargaining}`);
    expect([...new Set(offered)].sort()).toEqual([...can].sort());
    // not the platform's turn: it sees no offer form
    const platform = await webLogin(t, 'platform.chief');
    expect((await platform.get(`/negotiations/${bargaining}`)).text).not.toContain('value="OFFER"');
  });

  it('an offer from the form is the same event as through the API: a new round and an audit entry by the chief', async () => {
    const page = `/negotiations/${bargaining}`;
    const before = await api(`/api/negotiations/${bargaining}/rounds`);
    const version = versionOn((await union.get(page)).text);
    const { text } = await submit(union, page, `${page}/events`, offerForm('6.80', version));
    expect(text).toContain('已提交：提出方案。');
    const rounds = await api(`/api/negotiations/${bargaining}/rounds`);
    expect(rounds).toHaveLength(before.length + 1);
    expect(rounds.at(-1)).toMatchObject({ proposer: 'union', note: '单价再让一步', terms: { pieceRates: [{ task: 'delivery', baseFen: 680, perKmFen: 70 }], commission: { maxBasisPoints: 1400 } } });
    expect(rounds.at(-1).terms.restSchedule).toEqual({ maxContinuousMinutes: 210, minBreakMinutes: 20, maxDailyMinutes: 600, restDaysPerMonth: 4 });
    const audit = await api(`/api/negotiations/${bargaining}/audit`);
    expect(audit.at(-1)).toMatchObject({ type: 'OFFER', actorId: await t.userId('union.chief'), role: 'union_negotiator' });
    expect((await api(`/api/negotiations/${bargaining}/audit/verify`)).valid).toBe(true);
  });

  it('shows a refused offer’s reason in Chinese on the page: below the minimum wage, not your turn, stale form', async () => {
    const page = `/negotiations/${bargaining}`;
    const platform = await webLogin(t, 'platform.chief');
    const rounds = (await api(`/api/negotiations/${bargaining}/rounds`)).length;
    const version = versionOn((await platform.get(page)).text);

    const low = await submit(platform, page, `${page}/events`, offerForm('1.00', version));
    expect(low.res.status).toBe(422);
    expect(low.text).toContain('计件单价乘以劳动定额低于当地小时最低工资标准。');
    expect(low.text).toMatch(/below .+ hourly minimum/); // the service's own detail follows

    const stale = await submit(platform, page, `${page}/events`, offerForm('6.60', String(Number(version) - 1)));
    expect(stale.res.status).toBe(409);
    expect(stale.text).toContain('该协商已有新进展，请刷新后再操作。');

    const unreadable = await submit(platform, page, `${page}/events`, { ...offerForm('六块', version) });
    expect(unreadable.res.status).toBe(422);
    expect(unreadable.text).toContain('配送·基本单价：请填写正确的数字');

    const notYourTurn = await submit(union, page, `${page}/events`, offerForm('6.70', version));
    expect(notYourTurn.text).toContain('当前状态下不能进行此操作。');
    expect((await api(`/api/negotiations/${bargaining}/rounds`)).length).toBe(rounds);
  });

  it('keeps what was typed in a refused offer: the figures, the note and a new clause', async () => {
    const page = `/negotiations/${bargaining}`;
    const platform = await webLogin(t, 'platform.chief');
    const version = versionOn((await platform.get(page)).text);
    const newClause = '暴雨红色预警期间暂停派单，已接订单不计超时。';
    const { res } = await submit(platform, page, `${page}/events`, {
      ...offerForm('1.00', version),
      'rest.continuous.h': '2',
      'rest.continuous.m': '35',
      'clause.1.topic': 'occupational_safety',
      'clause.1.text': newClause,
      note: '单价下调，但增加安全条款',
    });
    expect(res.status).toBe(422);
    expect(htmlProblems(res.text)).toEqual([]);
    expect(res.text).toContain('<details open><summary>提出方案</summary>');
    expect(res.text).toContain('name="rate.0.base" value="1.00"');
    expect(res.text).toContain('name="rest.continuous.h" value="2"');
    expect(res.text).toContain('name="rest.continuous.m" value="35"');
    const clause = new RegExp(`<select name="clause\\.(\\d+)\\.topic">.*<option value="occupational_safety" selected>.*\n.*<textarea name="clause\\.\\1\\.text">${newClause}</textarea>`);
    expect(res.text).toMatch(clause);
    expect(res.text).toContain('<textarea name="note" maxlength="2000">单价下调，但增加安全条款</textarea>');
    // still the page of the negotiation as it stands, with a fresh version for the next try
    expect(versionOn(res.text)).toBe(version);
  });

  it('files one round however often the same offer form is sent', async () => {
    const page = `/negotiations/${bargaining}`;
    const platform = await webLogin(t, 'platform.chief');
    const html = (await platform.get(page)).text;
    const rounds = (await api(`/api/negotiations/${bargaining}/rounds`)).length;
    const form = formBody({ _csrf: csrfOf(html), key: keyOn(html.slice(html.indexOf('value="OFFER"'))), ...offerForm('6.50', versionOn(html)) });
    const first = await platform.post(`${page}/events`).type('form').send(form);
    const again = await platform.post(`${page}/events`).type('form').send(form);
    // the second press gets the first answer, not a 409 for the version the first one moved on
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(mainText((await platform.get(page)).text)).toContain('已提交：提出方案。');
    expect(await api(`/api/negotiations/${bargaining}/rounds`)).toHaveLength(rounds + 1);
    const keys = [...html.matchAll(/name="key" value="([^"]+)"/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(1);
    expect(new Set(keys).size).toBe(keys.length); // every form its own key
  });

  it('carries a contract from acceptance to publication through the pages alone', async () => {
    const id = await toConsultation(t);
    const page = `/negotiations/${id}`;
    const send = async (agent: Agent, fields: Record<string, string>) => {
      const version = versionOn((await agent.get(page)).text);
      const { text } = await submit(agent, page, `${page}/events`, { ...fields, version });
      expect(text).toContain('已提交');
      return text;
    };
    const platform = await webLogin(t, 'platform.chief');
    const bureau = await webLogin(t, 'bureau.reviewer');
    await send(union, { type: 'RECORD_VOTE', eligible: '12', present: '9', inFavour: '8', against: '1', abstained: '0', countSheetSha256: '918063f770b544cb457e46d567203b129d04a56b8fac6a26bda62cbd520da209' });
    await send(union, { type: 'SIGN' });
    await send(platform, { type: 'SIGN' });
    await send(platform, { type: 'FILE' });
    await send(bureau, { type: 'REVIEW', decision: 'approve' });
    const published = await send(union, { type: 'PUBLISH' });
    expect(published).toContain('已公布');
    expect(published).toMatch(/已确认知悉：0 \/ \d+ 名劳动者/);
  });

  it('shows a published contract\'s whole procedure: rounds, acceptance, opinions, the tally, both signatures, filing, review, publication', async () => {
    const text = mainText((await union.get(`/negotiations/${demoContract}`)).text);
    const from = text.indexOf('协商过程');
    const procedure = text.slice(from, text.indexOf('协商代表', from));
    const steps = [
      '第 1 轮',
      '答复协商要求 · 企业 · 刘洋',
      '第 4 轮',
      '接受对方方案 · 工会 · 王建国',
      '劳动者提出意见 1 条',
      '录入会议表决结果（计票单） · 工会 · 王建国',
      '通过：实到三分之二以上，全体半数以上赞成 应到 9 人，实到 8 人；赞成 7，反对 1，弃权 0',
      '签字 · 工会 · 王建国',
      '签字 · 企业 · 刘洋',
      '报送劳动保障部门审查 · 企业 · 刘洋',
      '审查 · 劳动保障部门 · 赵敏',
      '向劳动者公布 · 工会 · 王建国',
      '进入：已公布',
    ];
    const at = steps.map((step) => procedure.indexOf(step));
    expect(steps.filter((_, i) => at[i] < 0)).toEqual([]);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // the opinion itself is listed under 意见, not in the procedure
    expect(procedure).not.toContain('雨天补贴');
  });

  it("the minutes of a round name both chiefs and cite the hashes of the entries that tabled and answered it", async () => {
    const html = (await union.get(`/negotiations/${demoContract}/rounds/2`)).text;
    expect(htmlProblems(html)).toEqual([]);
    const text = mainText(html);
    expect(text).toContain('协商记录 · 第 2 轮');
    expect(text).toContain('王建国');
    expect(text).toContain('刘洋');
    expect(text).toContain('配送·基本单价：7.00 元/单 → 6.00 元/单');
    const audit: Array<{ type: string; hash: string; prevHash: string; payload: { round?: number } }> = await api(`/api/negotiations/${demoContract}/audit`);
    const tabled = audit.find((e) => e.type === 'OFFER' && e.payload.round === 2)!;
    const answered = audit.find((e) => e.type === 'OFFER' && e.payload.round === 3)!;
    expect(text).toContain(`哈希 ${tabled.hash}`);
    expect(text).toContain(`哈希 ${answered.hash}`);
    expect(text).toContain(`上一条哈希 ${tabled.prevHash}`);
    // no English left on the Chinese minutes
    expect(text).not.toMatch(/\b(hash|prev)\b/);
    expect(text).toContain('记录完整');
    expect((await union.get(`/negotiations/${demoContract}/rounds/99`)).status).toBe(404);
  });

  it('counts acknowledgements on a published contract for its parties', async () => {
    const count = async () => /已确认知悉：(\d+) \/ (\d+)/.exec(mainText((await union.get(`/negotiations/${demoContract}`)).text))!.slice(1).map(Number);
    const [before, covered] = await count();
    const agreement = (await t.http().get('/api/agreements')).body.items.find((a: { negotiationId: string }) => a.negotiationId === demoContract);
    await t.http().post(`/api/me/inbox/${agreement.id}/ack`).set('Authorization', await t.login('rider.0009'));
    expect(await count()).toEqual([before + 1, covered]);
  });

  it('keeps every negotiator page valid HTML under 50 KB', async () => {
    for (const path of ['/negotiations', `/negotiations/${bargaining}`, `/negotiations/${demoContract}`, `/negotiations/${demoContract}/rounds/1`]) {
      const page = await union.get(path);
      expect({ path, problems: htmlProblems(page.text) }).toEqual({ path, problems: [] });
      expect(Buffer.byteLength(page.text)).toBeLessThan(50 * 1024);
    }
  });
});
