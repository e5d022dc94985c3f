import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, npmStartArgs, ServingProcess, startServing } from '../bench/main-process';
import { freshDatabaseUrl } from './support/test-app';

/**
 * The README's `npm start`: the built service (`dist/src/start.js`, loading the bundle
 * `dist/bundle/main.js`) on an empty database, as a process of
 * its own, serves the demo. (It once replayed the demo before `app.init()` and failed to start,
 * which no in-process test could see: they all build the app their own way.)
 */
const root = join(__dirname, '..');
const main = join(root, 'dist', 'src', 'main.js');

/**
 * `npm test` alone must do (a fresh clone has no dist/), and a dist/ older than src/ would
 * test old code: build as `npm start`'s prestart does. tsc is incremental, so an up-to-date
 * dist/ costs a few seconds; it trusts its .tsbuildinfo, though, and writes no output it
 * believes current, so without main.js the build starts over. Then the bundle, as `npm run build`.
 */
function build(): void {
  if (!existsSync(main)) rmSync(join(root, 'dist', '.tsbuildinfo'), { force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  execFileSync(process.execPath, [join(root, 'tools', 'bundle.mjs')], { cwd: root, stdio: 'pipe' });
}

describe('npm start (the bundled service on an empty database)', () => {
  let service: ServingProcess;

  beforeAll(async () => {
    build();
    service = await startServing(npmStartArgs(), {
      port: await freePort(),
      cwd: root,
      // the README's environment: no NODE_ENV (jest sets `test`), no JWT_SECRET, the default riders;
      // an empty SQLite file, or a scratch PostgreSQL database when TEST_DATABASE_URL names a server
      env: { NODE_ENV: undefined, JWT_SECRET: undefined, DEMO_RIDERS: undefined, DATABASE_URL: await freshDatabaseUrl(), LOG_LEVEL: 'warn' },
      timeoutMs: 120_000,
    });
  }, 300_000);
  afterAll(() => service?.stop());

  const get = (path: string, token?: string) => fetch(`${service.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers /health with the database up', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('has published the demo contract, and its record is intact', async () => {
    const list = (await (await get('/api/agreements')).json()) as { items: Array<{ id: string }>; total: number };
    expect(list.total).toBeGreaterThan(0);
    const verify = await get(`/api/agreements/${list.items[0].id}/verify`);
    expect(await verify.json()).toMatchObject({ intact: true });
  });

  it('lets the demo people in with demo-pass, the union chief to the demo negotiations', async () => {
    const login = await fetch(`${service.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'union.chief', password: 'demo-pass' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const negotiations = (await (await get('/api/negotiations', accessToken)).json()) as { total: number };
    expect(negotiations.total).toBeGreaterThanOrEqual(3);
  });

  // what the bundle finds by path at run time: swagger-ui's assets, the page templates and files
  it('serves the API document, its viewer, the pages and their files', async () => {
    const doc = await get('/docs-json');
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { paths: object }).paths).toHaveProperty(['/api/negotiations']);
    const viewer = await get('/docs');
    expect(viewer.status).toBe(200);
    expect(await viewer.text()).toContain('swagger');
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('协商');
    expect((await get('/assets/favicon.svg')).status).toBe(200);
    expect((await get('/assets/site.css')).status).toBe(200);
  });

  // one character past U+00FF anywhere and V8 holds the whole 7.7 MB source as a two-byte string
  // (15 MB of heap for the process's life); tools/bundle.mjs escapes what esbuild leaves, and an
  // escaped alphabet of validator.js still matches its letters
  it('is a bundle of ASCII text, its regular expressions meaning what they did', () => {
    const source = readFileSync(join(root, 'dist', 'bundle', 'main.js'), 'latin1');
    expect(/[^\x00-\x7f]/.test(source)).toBe(false);
    const alphabet = (locale: string) => new Function(`return ${new RegExp(`"${locale}":(/[^/]*/i)`).exec(source)![1]}`)() as RegExp;
    expect([alphabet('ru-RU').test('Жёлтый'), alphabet('ja-JP').test('ひらがな'), alphabet('ru-RU').test('Zürich')]).toEqual([true, true, false]);
  });

  // the libraries the bundle holds, at work: validation (class-validator and -transformer), the
  // rules and the machine, TypeORM's writes, the chain, compression
  it('runs a negotiation: a malformed body is a 400, an offer under the minimum wage a 422, the chain verifies', async () => {
    const login = async (username: string) =>
      (await (await fetch(`${service.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo-pass' }) })).json()) as {
        accessToken: string;
        user: { id: string; organizationId: string };
      };
    const [union, platform, rep2, rep3, prep2, prep3] = await Promise.all(['union.chief', 'platform.chief', 'union.rep2', 'union.rep3', 'platform.rep2', 'platform.rep3'].map(login));
    const post = (path: string, token: string, body: unknown) =>
      fetch(`${service.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const terms = (baseFen: number) => ({ pieceRates: [{ task: 'delivery', baseFen, perKmFen: 60, kmIncluded: 3 }], commission: { maxBasisPoints: 1500 }, laborQuota: { standardTasksPerHour: 4 }, termMonths: 24 });
    const malformed = await post('/api/negotiations', union.accessToken, { kind: 'collective_contract', title: 7 });
    expect(malformed.status).toBe(400);
    const opened = await post('/api/negotiations', union.accessToken, {
      kind: 'collective_contract',
      title: '打包后的服务也能协商',
      scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [platform.user.organizationId], workerCategories: ['delivery_rider'] },
      representatives: { chief: union.user.id, members: [rep2.user.id, rep3.user.id] },
      proposal: terms(700),
    });
    expect(opened.status).toBe(201);
    const { id } = (await opened.json()) as { id: string };
    const event = (token: string, body: unknown) => post(`/api/negotiations/${id}/events`, token, body);
    expect((await event(platform.accessToken, { type: 'RESPOND', accept: true, representatives: { chief: platform.user.id, members: [prep2.user.id, prep3.user.id] } })).status).toBe(200);
    const underMinimum = await event(platform.accessToken, { type: 'OFFER', terms: terms(500) });
    expect(underMinimum.status).toBe(422);
    const offered = await event(platform.accessToken, { type: 'OFFER', terms: terms(600) });
    expect(offered.status).toBe(200);
    expect(await offered.json()).toMatchObject({ state: 'bargaining', round: 2 });
    const verify = await get(`/api/negotiations/${id}/audit/verify`, union.accessToken);
    expect(await verify.json()).toMatchObject({ valid: true, entries: 3 });
    const list = await fetch(`${service.url}/api/negotiations?pageSize=50`, { headers: { authorization: `Bearer ${union.accessToken}`, 'accept-encoding': 'gzip' } });
    expect(list.headers.get('content-encoding')).toBe('gzip');
  });
});
