import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Agreement } from '../../src/agreements/agreement.entity';
import { TestApp, startTestApp } from '../support/test-app';
import { htmlProblems, mainText } from './support/html';

describe('public pages: what has been published, in plain Chinese', () => {
  let t: TestApp;
  let agreementId: string;
  let negotiationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const list = await t.http().get('/api/agreements');
    ({ id: agreementId, negotiationId } = list.body.items[0]);
  });
  afterAll(() => t.close());

  const demoTitle = '2027年十堰市外卖配送员计件单价与休息休假专项集体协商';

  it('lists published agreements and filters them by region, industry and category', async () => {
    const all = await t.http().get('/');
    expect(all.status).toBe(200);
    expect(mainText(all.text)).toContain(demoTitle);
    // a rider in 茅箭区 (420302) is bound by the city-wide contract for 420300
    expect(mainText((await t.http().get('/?region=420302')).text)).toContain(demoTitle);
    for (const filter of ['region=110101', 'industry=ride_hailing', 'category=station_staff']) {
      const page = mainText((await t.http().get(`/?${filter}`)).text);
      expect(page).not.toContain(demoTitle);
      expect(page).toContain('没有符合条件的公示');
    }
  });

  it('ignores a malformed filter instead of failing', async () => {
    const page = await t.http().get('/?region=%3Cscript%3E&page=-3&industry=DROP');
    expect(page.status).toBe(200);
    expect(mainText(page.text)).toContain(demoTitle);
  });

  it('shows the terms in 元, %, hours and minutes, never as fen, basis points or raw minutes', async () => {
    const page = mainText((await t.http().get(`/agreements/${agreementId}`)).text);
    for (const phrase of ['配送·基本单价 6.40 元/单', '0.70 元/公里', '平台抽成上限 14%', '连续工作上限 4 小时', '20 分钟', '法定节假日工资 300%', '每小时 4 单', '24 个月'])
      expect(page).toContain(phrase);
    for (const raw of ['baseFen', 'BasisPoints', 'Minutes', ' 640 ', ' 1400 ', ' 240 ']) expect(page).not.toContain(raw);
  });

  it('shows the effective dates, both parties, who signed and who published, and the audit head with a verify link', async () => {
    const html = (await t.http().get(`/agreements/${agreementId}`)).text;
    const page = mainText(html);
    // the demo's story is replayed 45 days in the past (its ledger waits), so it ends at the test clock's 2027-01-04
    expect(page).toContain('生效日期 2026年11月20日');
    expect(page).toContain('期满日期 2028年11月20日');
    expect(page).toContain('十堰市外卖配送行业工会联合会');
    expect(page).toContain('工会：王建国，2026年11月20日 09:00 签字');
    expect(page).toContain('企业：刘洋，2026年11月20日 09:00 签字');
    expect(page).toContain('王建国 于 2026年11月20日 09:00 公布');
    const head = (await t.http().get(`/api/agreements/${agreementId}`)).body.auditHead;
    expect(html).toContain(head);
    expect(html).toContain(`href="/agreements/${agreementId}/verify"`);
  });

  it('verify says the record is intact, and says it is broken once the published terms or the chain are edited', async () => {
    const verify = async () => mainText((await t.http().get(`/agreements/${agreementId}/verify`)).text);
    expect(await verify()).toContain('记录完整：公示内容与协商记录一致。');

    // an operator edits the published row behind the service's back
    const agreements = t.dataSource.getRepository(Agreement);
    const published = await agreements.findOneByOrFail({ id: agreementId });
    const edited = { ...published.terms, pieceRates: [{ ...published.terms.pieceRates[0], baseFen: 540 }] };
    await agreements.update({ id: agreementId }, { terms: edited });
    expect(await verify()).toContain('公示的条款与协商记录中达成的条款不一致');
    await agreements.update({ id: agreementId }, { terms: published.terms });

    // …or an entry of the chain itself
    const entries = t.dataSource.getRepository(AuditEntry);
    const third = await entries.findOneByOrFail({ negotiationId, seq: 3 });
    await entries.update({ negotiationId, seq: 3 }, { payload: third.payload.replace('600', '900') });
    const broken = await verify();
    expect(broken).toContain('记录异常');
    expect(broken).toContain('第 3 条记录校验失败');
    expect(broken).toContain('重新计算的哈希与记录不符');
    expect(broken).not.toMatch(/\b(hash|payload|seq)\b/);
    await entries.update({ negotiationId, seq: 3 }, { payload: third.payload });

    // …or the last entries deleted, so every hash left still recomputes
    const last = await entries.findOneOrFail({ where: { negotiationId }, order: { seq: 'DESC' } });
    await entries.delete({ negotiationId, seq: last.seq });
    expect(await verify()).toContain(`第 ${last.seq} 条记录校验失败：记录条数或末条哈希与协商不符`);
    await entries.insert(last);
    expect(await verify()).toContain('记录完整');
  });

  it('is Chinese by default, English with ?lang=en or Accept-Language, and remembers ?lang', async () => {
    expect((await t.http().get('/')).text).toContain('<html lang="zh-CN">');
    const english = await t.http().get(`/agreements/${agreementId}?lang=en`);
    expect(english.text).toContain('<html lang="en">');
    expect(mainText(english.text)).toContain('Delivery base rate 6.40 yuan per order');
    expect(String(english.headers['set-cookie'])).toContain('xs_lang=en');
    expect((await t.http().get('/').set('Cookie', 'xs_lang=en')).text).toContain('<html lang="en">');
    expect((await t.http().get('/').set('Accept-Language', 'en-US,en;q=0.9')).text).toContain('Published contracts and rule changes');
  });

  it('answers an unknown or malformed agreement with a 404 page, not JSON', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const page = await t.http().get(`/agreements/${id}`);
      expect(page.status).toBe(404);
      expect(page.headers['content-type']).toContain('text/html');
      expect(mainText(page.text)).toContain('找不到该页面');
    }
  });

  it('serves one stylesheet, cached for a year under its content digest, and no fonts or scripts', async () => {
    const home = await t.http().get('/');
    const links = [...home.text.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/^\/assets\/site\.css\?v=[0-9a-f]{12}$/);
    const css = await t.http().get(links[0]);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toContain('max-age=31536000');
    expect(css.text).not.toMatch(/@import|@font-face|url\(/);
    expect(css.text.length).toBeLessThan(10_000);
  });

  it('serves valid HTML under 50 KB on every public page', async () => {
    for (const path of ['/', `/agreements/${agreementId}`, `/agreements/${agreementId}/verify`, `/agreements/${agreementId}?lang=en`, '/login', '/agreements/x']) {
      const page = await t.http().get(path);
      expect({ path, problems: htmlProblems(page.text) }).toEqual({ path, problems: [] });
      expect(Buffer.byteLength(page.text)).toBeLessThan(50 * 1024);
    }
  });
});
