import { TestApp, startTestApp } from '../support/test-app';
import { CHROMIUM, hasChromium, openPhoneOn, screenshotPath } from './support/browser';
import { htmlProblems, mainText } from './support/html';
import { webLogin } from './support/web-agent';

/**
 * The costing on the negotiation page: the demo's platform has handed over its generated order
 * sample for the negotiation in bargaining, so the page shows, beside the gap table, each
 * offer's pay per online hour as an SVG chart and in words a rider understands.
 */
describe('costing on the negotiation page', () => {
  let t: TestApp;
  let bargaining: string;

  beforeAll(async () => {
    t = await startTestApp();
    const list = await t.http().get('/api/negotiations?state=bargaining').set('Authorization', await t.login('union.chief'));
    bargaining = list.body.items.find((n: { title: string }) => n.title.includes('劳动定额与休息制度')).id;
  });
  afterAll(() => t?.close());

  it('shows the demo’s costing out of the box: chart, table and the share below the minimum wage in words', async () => {
    const html = (await (await webLogin(t, 'union.chief')).get(`/negotiations/${bargaining}`)).text;
    expect(htmlProblems(html)).toEqual([]);
    const text = mainText(html);
    expect(text).toContain('方案测算：骑手每在线小时收入');
    expect(text).toMatch(/按现行规则，约 \d+% 的在线时长时薪低于最低工资。/);
    expect(text).toMatch(/按工会方案（第1轮），约 \d+% 的在线时长时薪低于最低工资。/);
    expect(text).toMatch(/按企业方案（第2轮），约 \d+% 的在线时长时薪低于最低工资。/);
    expect(html).toContain('<figure class="costing-chart">');
    expect(html).toMatch(/<path class="minimum" d="M\d+ 19V\d+"\/>/);
    // the sample's rows (rider hashes) are never on the page
    expect(html).not.toMatch(/[0-9a-f]{64}/);
  });

  it('shows the bureau the same, and the union an information request to send in bargaining', async () => {
    const bureau = mainText((await (await webLogin(t, 'bureau.reviewer')).get(`/negotiations/${bargaining}`)).text);
    expect(bureau).toContain('方案测算');
    const union = (await (await webLogin(t, 'union.chief')).get(`/negotiations/${bargaining}`)).text;
    expect(union).toContain('value="REQUEST_INFORMATION"');
    expect(union).not.toContain('value="PROVIDE_INFORMATION"');
  });

  (hasChromium ? it : it.skip)(`fits a 360 px phone in Chromium (${CHROMIUM})`, async () => {
    const phone = await openPhoneOn(t);
    try {
      const { page, base } = phone;
      await phone.logIn('union.chief');
      await page.goto(`${base}/negotiations/${bargaining}`);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      const chart = page.locator('figure.costing-chart');
      await chart.scrollIntoViewIfNeeded();
      await chart.screenshot({ path: screenshotPath('negotiation-costing-chart') });
      await page.locator('section.costing').screenshot({ path: screenshotPath('negotiation-costing') });
    } finally {
      await phone.close();
    }
  }, 60_000);
});
