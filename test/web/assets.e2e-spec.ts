import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { TestApp, startTestApp } from '../support/test-app';
import { COMPRESS_FROM_BYTES } from '../../src/app';

/** What every page carries besides its content: compression, the icon, a description. */
describe('page assets and compression', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // Fastify's inject: the bytes as sent, not decompressed on the way as supertest would
  const raw = async (path: string, encoding = 'identity') => {
    const res = await t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: path, headers: { 'accept-encoding': encoding } });
    return { headers: res.headers, body: res.rawPayload };
  };

  it('compresses pages, the stylesheet and API answers with brotli or gzip, as the client asks', async () => {
    const plain = await raw('/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await raw('/', 'br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    const gzip = await raw('/assets/site.css', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toContain('.tag');
    const api = await raw('/docs-json', 'gzip, br');
    expect(api.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(api.body).toString()).paths['/api/agreements']).toBeDefined();
  });

  it('sends short answers as they are: a context per answer costs more than the bytes saved', async () => {
    const short = await raw('/api/agreements', 'gzip, br');
    expect(short.body.length).toBeLessThan(COMPRESS_FROM_BYTES);
    expect(short.body.length).toBeGreaterThan(1024); // @fastify/compress's own threshold: this answer tests ours
    expect(short.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(short.body.toString()).items.length).toBeGreaterThan(0);
  });

  it('serves an SVG icon, named by every page, that needs no font', async () => {
    const icon = await t.http().get('/assets/favicon.svg').buffer(true);
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
    const svg = icon.body.toString();
    expect(svg).toMatch(/^<svg /);
    expect(svg).not.toMatch(/<text|font/);
    expect(Buffer.byteLength(svg)).toBeLessThan(1024);
    for (const path of ['/', '/login', '/agreements/00000000-0000-4000-8000-000000000000']) {
      expect((await t.http().get(path)).text).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">');
    }
  });

  it('describes every page, and an agreement page by its contract and parties', async () => {
    const description = (html: string) => /<meta name="description" content="([^"]+)">/.exec(html)?.[1];
    expect(description((await t.http().get('/')).text)).toContain('平台劳动者集体协商');
    expect(description((await t.http().get('/?lang=en')).text)).toContain('Collective bargaining for platform workers');
    const agreement = (await t.http().get('/api/agreements')).body.items[0];
    const page = description((await t.http().get(`/agreements/${agreement.id}`)).text);
    expect(page).toContain(agreement.title);
    expect(page).toContain('十堰市外卖配送行业工会联合会');
  });
});
