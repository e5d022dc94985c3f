import { Page } from 'playwright-core';
import { TestApp, startTestApp } from '../support/test-app';
import { PhoneOnApp, hasChromium, openPhoneOn, screenshotPath } from './support/browser';

/**
 * The pages after publication in Chromium at 360 px with JavaScript off, on the demo: a rider
 * complains and answers a survey, the enterprise answers, the union verifies a report, and
 * the public board, the report and the next round's evidence render. Screenshots in
 * test-artifacts/screenshots/ledger-*.png.
 */
const suite = hasChromium ? describe : describe.skip;

suite('ledger pages in Chromium at 360 px', () => {
  let t: TestApp;
  let phone: PhoneOnApp;
  let page: Page;
  let base: string;
  let agreementId: string;
  let contractId: string;
  let nextRound: string;
  let surveyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const union = await t.login('union.chief');
    const published = (await t.http().get('/api/negotiations?state=published').set('Authorization', union)).body.items;
    contractId = published[0].id;
    agreementId = (await t.http().get('/api/agreements')).body.items.find((a: { negotiationId: string }) => a.negotiationId === contractId).id;
    nextRound = (await t.http().get('/api/negotiations?state=bargaining').set('Authorization', union)).body.items[0].id;
    surveyId = (
      await t.http().post(`/api/agreements/${agreementId}/surveys`).set('Authorization', union).send({
        title: '驿站建设满意度调查',
        questions: [{ id: 'rest', kind: 'scale', text: '您对休息驿站是否满意？' }, { id: 'say', kind: 'text', text: '其他意见' }],
        closesOn: '2027-01-20',
      })
    ).body.id;
    phone = await openPhoneOn(t);
    ({ page, base } = phone);
  }, 90_000);

  afterAll(async () => {
    await phone?.close();
    await t?.close();
  });

  async function shoot(name: string): Promise<void> {
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    const wide = await page.evaluate<string[]>(
      `[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map((e) => e.tagName.toLowerCase() + (e.getAttribute('class') ? '.' + e.getAttribute('class') : '')).slice(0, 5)`,
    );
    expect({ name, wide }).toEqual({ name, wide: [] });
    await page.screenshot({ path: screenshotPath(`ledger-${name}`), fullPage: true });
  }

  async function visit(path: string, name: string): Promise<void> {
    const response = await page.goto(`${base}${path}`);
    expect(response?.status()).toBe(200);
    await shoot(name);
  }

  it('anyone reads the commitments on the agreement page and the red and black board', async () => {
    await visit(`/agreements/${agreementId}`, 'agreement');
    const statuses = await page.locator('.commitment .tag[class*="status-"]').allTextContents();
    expect(statuses).toEqual(['已完成', '已逾期', '有异议']);
    await visit('/board', 'board');
    await expect(page.textContent('#black')).resolves.toContain('速达外卖（十堰）网络科技有限公司');
  }, 60_000);

  it('a rider files a complaint, follows it, and answers a survey once', async () => {
    await phone.logIn('rider.0009');
    await visit(`/agreements/${agreementId}`, 'agreement-rider');
    await Promise.all([page.waitForURL(/\/complain$/), page.click('a:has-text("我要申诉")')]);
    await shoot('complaint-form');
    await page.selectOption('select[name=clauseIndex]', '1');
    await page.fill('textarea[name=text]', '张湾区站点没有饮水机。');
    await Promise.all([page.waitForURL(/\/complaints$/), page.click('form button:has-text("提交申诉")')]);
    await expect(page.textContent('.flash')).resolves.toContain('申诉已提交');
    await expect(page.textContent('main')).resolves.toContain('张湾区站点没有饮水机。');
    await shoot('complaints');
    await Promise.all([page.waitForURL(/\/surveys\//), page.click(`a[href="/surveys/${surveyId}"]`)]);
    await shoot('survey');
    await page.check('input[name="q.rest"][value="4"]');
    await page.fill('textarea[name="q.say"]', '希望多建几个驿站');
    await Promise.all([page.waitForURL(/\/complaints$/), page.click('form button:has-text("提交")')]);
    await expect(page.textContent('.flash')).resolves.toContain('感谢参与');
    await page.goto(`${base}/surveys/${surveyId}`);
    await expect(page.textContent('main')).resolves.toContain('您已参与此次调查');
    await phone.logOut();
  }, 60_000);

  it('the enterprise answers the complaint without seeing who filed it', async () => {
    await phone.logIn('platform.chief');
    await visit(`/negotiations/${contractId}/ledger`, 'ledger-enterprise');
    const card = page.locator('li.card', { hasText: '张湾区站点没有饮水机。' });
    await expect(card.textContent()).resolves.toContain('匿名劳动者');
    await card.locator('summary:has-text("答复申诉")').click();
    await card.locator('textarea[name=text]').fill('本周内安装饮水机。');
    await Promise.all([page.waitForURL(/\/ledger#k-/), card.locator('button:has-text("答复申诉")').click()]);
    await expect(page.textContent('.flash')).resolves.toContain('答复已发送');
    await shoot('ledger-answered');
    await phone.logOut();
  }, 60_000);

  it('the union chief verifies a report, sees survey results, and the next round shows the evidence before the first offer', async () => {
    await t.http().post(`/api/commitments/${(await t.http().get(`/api/agreements/${agreementId}/commitments`)).body[1].id}/reports`).set('Authorization', await t.login('platform.rep3')).send({ progress: 100, text: '8个驿站全部建成。' });
    await phone.logIn('union.chief');
    await visit(`/negotiations/${contractId}/ledger`, 'ledger-union');
    const overdue = page.locator('li.commitment.overdue');
    await overdue.locator('summary:has-text("核实进展")').click();
    await overdue.locator('input[value=confirmed]').check();
    await overdue.locator('textarea[name=note]').fill('实地查看，8个驿站已建成。');
    await Promise.all([page.waitForURL(/\/ledger#c-/), overdue.locator('button:has-text("核实进展")').click()]);
    await expect(page.textContent('.flash')).resolves.toContain('核实意见已记录');
    await expect(page.textContent('main')).resolves.toContain('集体合同执行满意度调查');
    await shoot('ledger-verified');
    await visit(`/negotiations/${nextRound}`, 'next-round-evidence');
    const order = await page.evaluate<number>(
      `(() => { const e = document.querySelector('#evidence'); const h = [...document.querySelectorAll('h2')].find((x) => x.textContent.includes('双方立场')); return e && h ? e.compareDocumentPosition(h) : 0; })()`,
    );
    // the evidence comes before the positions (DOCUMENT_POSITION_FOLLOWING = 4)
    expect(order & 4).toBe(4);
    await visit('/reports/annual?year=2026', 'report');
    await expect(page.locator('figure.bars svg title').textContent()).resolves.toMatch(/^Q1/);
    await phone.logOut();
  }, 60_000);
});
