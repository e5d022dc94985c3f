import { TestApp, startTestApp } from './support/test-app';
import { browserAgent } from './web/support/web-agent';
import { csrfOf } from './web/support/html';

/**
 * Issue 9 item 2: wrong passwords are limited per account and per client address, in one
 * budget for the API and the web form, counted in the database so instances share it.
 * Defaults: 10 per account, 20 per address, in 15 minutes.
 */
describe('login limits', () => {
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string> = {}, databaseUrl?: string) => {
    const t = await startTestApp({ scenario: false, env: { DEMO_RIDERS: '0', ...env }, databaseUrl });
    apps.push(t);
    return t;
  };
  afterEach(async () => {
    while (apps.length) await apps.pop()!.close();
  });

  const apiLogin = (t: TestApp, username: string, password = 'wrong-password', forwardedFor?: string) => {
    const req = t.http().post('/api/auth/login');
    if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
    return req.send({ username, password });
  };
  const madeUp = (i: number) => `203.0.113.${i + 1}`;

  it('does not let 25 made-up X-Forwarded-For addresses mint 25 budgets', async () => {
    const t = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await apiLogin(t, `guess.${i}`, 'wrong-password', madeUp(i))).status);
    expect(statuses).toEqual([...Array(20).fill(401), ...Array(5).fill(429)]);
  });

  it('limits one account whatever the address', async () => {
    // the proxy is trusted here, so every attempt really comes from another client address; the
    // account's budget is 4 so that the pauses between failures (login-limiter.spec.ts) play no part
    const t = await start({ TRUST_PROXY: '127.0.0.1', LOGIN_FAILURES_PER_ACCOUNT: '4' });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await apiLogin(t, 'union.chief', 'wrong-password', madeUp(i))).status);
    expect(statuses).toEqual([401, 401, 401, 401, ...Array(21).fill(429)]);
    const refused = await apiLogin(t, 'union.chief', 'demo-pass', madeUp(99));
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    // other accounts are not held up by it
    expect((await apiLogin(t, 'platform.chief', 'demo-pass', madeUp(100))).status).toBe(200);
  });

  it('ends a run of failures at the right password, and believes X-Forwarded-For only from TRUST_PROXY', async () => {
    const t = await start({ TRUST_PROXY: '127.0.0.1' });
    for (let i = 0; i < 3; i++) expect((await apiLogin(t, 'union.chief', 'wrong-password', madeUp(0))).status).toBe(401);
    expect((await apiLogin(t, 'union.chief', 'demo-pass', madeUp(0))).status).toBe(200);
    expect((await apiLogin(t, 'union.chief', 'wrong-password', madeUp(0))).status).toBe(401); // a new run: no pause
    for (let i = 0; i < 16; i++) await apiLogin(t, `guess.${i}`, 'wrong-password', madeUp(0));
    expect((await apiLogin(t, 'guess.x', 'wrong-password', madeUp(0))).status).toBe(429); // 20 from that address
    expect((await apiLogin(t, 'guess.x', 'wrong-password', madeUp(1))).status).toBe(401); // another client behind the proxy
  });

  it('counts the API and the web login form in one budget, and answers the form with 429 and Retry-After', async () => {
    const t = await start();
    const agent = browserAgent(t);
    const csrf = csrfOf((await agent.get('/login')).text);
    const web = (username: string, password = 'wrong-password') => agent.post('/login').type('form').send({ username, password, _csrf: csrf });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await apiLogin(t, `api.${i}`)).status);
      statuses.push((await web(`web.${i}`)).status);
    }
    expect(statuses).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? 303 : 401)));
    const api = await apiLogin(t, 'union.chief', 'demo-pass');
    expect(api.status).toBe(429);
    const page = await web('union.chief', 'demo-pass');
    expect(page.status).toBe(429);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    expect(page.text).toContain('密码错误次数过多');
  });

  it('shares the counters between two instances on one database', async () => {
    const a = await start();
    const b = await start({}, a.config.DATABASE_URL);
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await apiLogin(i % 2 ? b : a, `guess.${i}`)).status);
    expect(statuses).toEqual([...Array(20).fill(401), 429, 429]);
  });
});
