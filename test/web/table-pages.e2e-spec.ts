import { Page } from 'playwright-core';
import { Negotiation } from '../../src/negotiations/negotiation.entity';
import { TestApp, startTestApp } from '../support/test-app';
import { CHROMIUM, PhoneOnApp, hasChromium, openPhoneOn, screenshotPath } from './support/browser';

/**
 * The table in Chromium at 360 px, JavaScript off: the demo's negotiation at the employer
 * association's table names its instructor, its recorder and its seats; the minutes name them
 * too; a rider of either member platform finds the signed minutes in the inbox.
 */
const skipped = `browser tests SKIPPED: ${CHROMIUM} not found (apt-get install chromium fonts-noto-cjk)`;
const suite = hasChromium ? describe : describe.skip;

suite(hasChromium ? 'the table’s pages in Chromium at 360 px' : skipped, () => {
  let t: TestApp;
  let phone: PhoneOnApp;
  let page: Page;
  let base: string;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp();
    id = (await t.dataSource.getRepository(Negotiation).findOneByOrFail({ title: '2028年十堰市外卖配送行业集体协商（与十堰市网络餐饮配送企业协会）' })).id;
    phone = await openPhoneOn(t);
    ({ page, base } = phone);
  }, 60_000);

  afterAll(async () => {
    await phone?.close();
    await t?.close();
  });

  async function visit(path: string, name: string): Promise<string> {
    const response = await page.goto(`${base}${path}`);
    expect(response?.status()).toBe(200);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
    return (await page.textContent('main')) ?? '';
  }

  it('the negotiation page names the association, the expert and the recorder', async () => {
    await phone.logIn('union.chief');
    const text = await visit(`/negotiations/${id}`, 'table-negotiation');
    expect(text).toContain('十堰市网络餐饮配送企业协会');
    expect(text).toContain('外聘专家：周敏（集体协商指导员）');
    expect(text).toContain('记录员');
    expect(text).toContain('孙丽（记录员）');
  });

  it('the minutes of a round name the recorder and the experts', async () => {
    const text = await visit(`/negotiations/${id}/rounds/1`, 'table-minutes');
    expect(text).toContain('记录员孙丽（记录员）');
    expect(text).toContain('外聘专家：周敏（集体协商指导员）');
  });

  it("a rider of the association's second member reads the signed minutes in the inbox", async () => {
    await page.context().clearCookies(); // another person on the same phone, without logging out
    await phone.logIn('fc.rider.0001');
    const text = await visit('/inbox', 'table-inbox-minutes');
    expect(text).toContain('协商纪要（双方首席代表签署）');
    expect(text).toContain('2028年十堰市外卖配送行业集体协商（与十堰市网络餐饮配送企业协会）');
  });
});
