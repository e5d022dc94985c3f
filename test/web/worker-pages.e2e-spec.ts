import { TestApp, startTestApp } from '../support/test-app';
import { toConsultation } from '../support/negotiation-helpers';
import { csrfOf, htmlProblems, mainText } from './support/html';
import { browserAgent, formBody, keyOn, submit, webLogin } from './support/web-agent';

describe("workers' pages: logging in, 我的通知, commenting on a draft", () => {
  let t: TestApp;
  let agreementId: string;
  let draftId: string;

  beforeAll(async () => {
    t = await startTestApp();
    agreementId = (await t.http().get('/api/agreements')).body.items[0].id;
    draftId = await toConsultation(t);
  });
  afterAll(() => t.close());

  it('logging in sets an HttpOnly, SameSite=Lax session cookie and opens the inbox', async () => {
    const agent = browserAgent(t);
    const form = await agent.get('/login');
    const res = await agent.post('/login').type('form').send(formBody({ username: 'rider.0001', password: 'demo-pass', _csrf: csrfOf(form.text) }));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/inbox');
    const session = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('xs_session='))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).not.toMatch(/; Secure/); // Secure only in production (web-session.spec.ts)
    const inbox = await agent.get('/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.headers['cache-control']).toBe('private, no-store');
  });

  it('a wrong password is said on the login page and sets no session', async () => {
    const agent = browserAgent(t);
    const form = await agent.get('/login');
    const res = await agent.post('/login').type('form').send(formBody({ username: 'rider.0001', password: 'guess', _csrf: csrfOf(form.text) }));
    expect(res.headers.location).toBe('/login');
    expect((res.headers['set-cookie'] as unknown as string[]).join()).not.toContain('xs_session=ey');
    expect(mainText((await agent.get('/login')).text)).toContain('用户名或密码错误。');
  });

  it('sends a visitor to the login form and, after it, back to the page they wanted — never off the site', async () => {
    const anonymous = await browserAgent(t).get('/inbox?page=1');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Finbox%3Fpage%3D1');
    for (const [next, expected] of [
      ['/inbox?page=1', '/inbox?page=1'],
      ['//evil.example/phish', '/inbox'],
      ['https://evil.example', '/inbox'],
    ]) {
      const agent = browserAgent(t);
      const form = await agent.get(`/login?next=${encodeURIComponent(next)}`);
      const res = await agent.post('/login').type('form').send(formBody({ username: 'rider.0003', password: 'demo-pass', next, _csrf: csrfOf(form.text) }));
      expect(res.headers.location).toBe(expected);
    }
  });

  it('marks unread publications, and acknowledging one is recorded as through the API', async () => {
    const rider = await webLogin(t, 'rider.0004');
    const before = (await rider.get('/inbox')).text;
    expect(before).toContain(`<li class="card unread" id="a-${agreementId}">`);
    expect(mainText(before)).toContain('1 条未读');

    const { after, text } = await submit(rider, '/inbox', `/inbox/${agreementId}/ack`, {});
    expect(text).toContain('已确认知悉。');
    expect(text).toContain('全部已读');
    expect(after.text).not.toContain('card unread');
    const api = await t.http().get('/api/me/inbox').set('Authorization', await t.login('rider.0004'));
    expect(api.body).toMatchObject({ unread: 0, items: [{ agreement: { id: agreementId }, acknowledgedAt: expect.any(String) }] });
  });

  it('refuses a form posted without its CSRF token, or with another session’s, and changes nothing', async () => {
    const rider = await webLogin(t, 'rider.0005');
    const other = await webLogin(t, 'rider.0006');
    const foreignToken = csrfOf((await other.get('/inbox')).text);
    for (const body of [{}, { _csrf: 'forged' }, { _csrf: foreignToken }] as Array<Record<string, string>>) {
      const res = await rider.post(`/inbox/${agreementId}/ack`).type('form').send(formBody(body));
      expect(res.status).toBe(403);
      expect(mainText(res.text)).toContain('表单已过期');
    }
    const api = await t.http().get('/api/me/inbox').set('Authorization', await t.login('rider.0005'));
    expect(api.body.unread).toBe(1);
  });

  it('shows a comment containing <script> as text, and stores it as written', async () => {
    const rider = await webLogin(t, 'rider.0002');
    const page = `/negotiations/${draftId}/comments`;
    expect(mainText((await rider.get(page)).text)).toContain('6.00 元/单');
    const written = '雨天补贴能否提高？<script>alert("x")</script>';
    const { after, text } = await submit(rider, page, page, { text: written });
    expect(text).toContain('意见已提交。');
    expect(text).toContain(written);
    expect(after.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(htmlProblems(after.text)).toEqual([]);
    const comments = await t.http().get(`/api/negotiations/${draftId}/comments`).set('Authorization', await t.login('union.chief'));
    expect(comments.body.map((c: { text: string }) => c.text)).toContain(written);
  });

  it('keeps a refused opinion in the box, so nothing typed is lost', async () => {
    const rider = await webLogin(t, 'rider.0003');
    const page = `/negotiations/${draftId}/comments`;
    const long = '雨天配送'.repeat(1001); // longer than the 4000 characters an opinion may have
    const { res, text } = await submit(rider, page, page, { text: long });
    expect(res.status).toBe(400);
    expect(text).toContain('填写的内容有误。');
    expect(res.text).toContain(`maxlength="4000" required>${long}</textarea>`);
    expect(htmlProblems(res.text)).toEqual([]);
  });

  it('files an opinion once, however often its form is sent', async () => {
    const rider = await webLogin(t, 'rider.0009');
    const page = `/negotiations/${draftId}/comments`;
    const html = (await rider.get(page)).text;
    const form = formBody({ _csrf: csrfOf(html), key: keyOn(html), text: '夜间加价应覆盖到早上七点。' });
    const first = await rider.post(page).type('form').send(form);
    const again = await rider.post(page).type('form').send(form);
    expect([first.status, again.status]).toEqual([303, 303]);
    const comments = await t.http().get(`/api/negotiations/${draftId}/comments`).set('Authorization', await t.login('union.chief'));
    expect(comments.body.filter((c: { text: string }) => c.text === '夜间加价应覆盖到早上七点。')).toHaveLength(1);
    // a page shown afresh has a new key: the next opinion is a new one
    expect(keyOn((await rider.get(page)).text)).not.toBe(keyOn(html));
  });

  it('lists the drafts open for comment in the inbox', async () => {
    const rider = await webLogin(t, 'rider.0007');
    const inbox = (await rider.get('/inbox')).text;
    expect(mainText(inbox)).toContain('正在征求意见的草案');
    expect(inbox).toContain(`href="/negotiations/${draftId}/comments"`);
  });

  it('does not show a worker talks still in bargaining', async () => {
    const rider = await webLogin(t, 'rider.0001');
    const bargaining = (await t.http().get('/api/negotiations?state=bargaining').set('Authorization', await t.login('union.chief'))).body.items[0].id;
    const page = await rider.get(`/negotiations/${bargaining}`);
    expect(page.status).toBe(404);
    expect(mainText(page.text)).toContain('找不到该页面');
  });

  it('says talks in bargaining have no consultation yet, and calls a published contract\'s terms published', async () => {
    const union = await t.login('union.chief');
    const chief = await webLogin(t, 'union.chief');
    const bargaining = (await t.http().get('/api/negotiations?state=bargaining').set('Authorization', union)).body.items[0].id;
    const inTalks = mainText((await chief.get(`/negotiations/${bargaining}/comments`)).text);
    expect(inTalks).toContain('协商仍在进行');
    expect(inTalks).not.toContain('征求意见已结束');
    const published = (await t.http().get('/api/negotiations?state=published').set('Authorization', union)).body.items[0].id;
    const done = mainText((await chief.get(`/negotiations/${published}/comments`)).text);
    expect(done).toContain('已公布的合同条款');
    expect(done).toContain('征求意见已结束');
    expect(done).not.toContain('草案条款');
  });

  it('logging out ends the session', async () => {
    const rider = await webLogin(t, 'rider.0008');
    const { res } = await submit(rider, '/inbox', '/logout', {});
    expect(res.headers.location).toBe('/');
    expect((await rider.get('/inbox')).status).toBe(303);
  });
});
