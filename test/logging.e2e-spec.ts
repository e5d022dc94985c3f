import { TestApp, startTestApp } from './support/test-app';
import { send, sendOk, toConsultation } from './support/negotiation-helpers';
import { publishWithCommitments } from './support/ledger-helpers';
import { dateIn } from '../src/deadlines/due-at';
import { csrfOf } from './web/support/html';
import { browserAgent } from './web/support/web-agent';

/** The log lines an app wrote, parsed. */
class LogCapture {
  readonly raw: string[] = [];
  write(chunk: string): void {
    this.raw.push(chunk);
  }
  get lines(): Array<Record<string, unknown>> {
    return this.raw.map((line) => JSON.parse(line));
  }
  get text(): string {
    return this.raw.join('');
  }
  requests(): Array<Record<string, unknown>> {
    return this.lines.filter((l) => l.msg === 'request');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('logs (JSON lines, one per request)', () => {
  describe('behind no proxy', () => {
    let t: TestApp;
    const log = new LogCapture();
    beforeAll(async () => {
      t = await startTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: log });
    });
    afterAll(() => t.close());

    it('writes the request id, method, route pattern, status, duration and user, and no secret', async () => {
      const id = await toConsultation(t);
      const login = await t.http().post('/api/auth/login').send({ username: 'rider.0001', password: 'demo-pass' });
      expect(login.status).toBe(200);
      const token: string = login.body.accessToken;
      const comment = 'rider-comment-雨天补贴能否提高-7f3a';
      const commented = await send(t, id, 'rider.0001', { type: 'COMMENT', text: comment });
      expect(commented.status).toBe(200);
      const webhookSecret = 'webhook-secret-0123456789abcdef-XYZ';
      const webhook = await t
        .http()
        .put('/api/organizations/mine/webhook')
        .set('Authorization', await t.login('platform.chief'))
        .send({ url: 'https://hooks.example.com/xieshang', secret: webhookSecret });
      expect(webhook.status).toBe(200);
      const agent = browserAgent(t);
      const form = await agent.get('/login');
      const loggedIn = await agent.post('/login').type('form').send({ username: 'rider.0002', password: 'demo-pass', _csrf: csrfOf(form.text) });
      expect(loggedIn.status).toBe(303);
      const page = await agent.get('/inbox');
      expect(page.status).toBe(200);
      // the session cookie and the CSRF secret, as the browser sends them back
      const cookieValues = ([] as string[]).concat(loggedIn.headers['set-cookie'] ?? [], form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0].split('=').slice(1).join('='));
      expect(cookieValues.filter((v) => v.length > 16).length).toBeGreaterThanOrEqual(2);
      const sessionValues = cookieValues.filter((v) => v.length > 16);

      for (const secret of ['demo-pass', token, comment, webhookSecret, ...sessionValues]) expect(log.text).not.toContain(secret);
      expect(log.text.toLowerCase()).not.toContain('authorization');

      const line = log.requests().find((l) => l.reqId === commented.headers['x-request-id']);
      expect(line).toMatchObject({
        level: 30,
        method: 'POST',
        route: '/api/negotiations/:id/events',
        status: 200,
        userId: await t.userId('rider.0001'),
      });
      expect(line!.durationMs).toEqual(expect.any(Number));
      expect(commented.headers['x-request-id']).toMatch(UUID);
      const inbox = log.requests().find((l) => l.route === '/inbox');
      expect(inbox).toMatchObject({ method: 'GET', status: 200, userId: await t.userId('rider.0002'), reqId: page.headers['x-request-id'] });
      expect(log.requests().find((l) => l.route === '/api/auth/login')).toMatchObject({ status: 200, userId: null });
    });

    it('names nobody on a ballot cast or a survey answer, where the others are named', async () => {
      const id = await toConsultation(t);
      const closesOn = dateIn(new Date(t.clock.now().getTime() + 10 * 86_400_000), t.config.TZ_NAME);
      await sendOk(t, id, 'union.chief', { type: 'OPEN_BALLOT', body: 'all_workers', closesOn });
      const cast = await t.http().post(`/api/negotiations/${id}/ballot`).set('Authorization', await t.login('rider.0003')).send({ choice: 'for' });
      expect(cast.status).toBe(201);
      const { agreementId } = await publishWithCommitments(t);
      const survey = await t.http().post(`/api/agreements/${agreementId}/surveys`).set('Authorization', await t.login('union.chief'))
        .send({ title: '满意度调查', questions: [{ id: 'pay', kind: 'scale', text: '是否满意？' }], closesOn });
      expect(survey.status).toBe(201);
      const answered = await t.http().post(`/api/surveys/${survey.body.id}/responses`).set('Authorization', await t.login('rider.0003')).send({ answers: { pay: 4 } });
      expect(answered.status).toBe(201);
      const lineOf = (res: { headers: Record<string, string> }) => log.requests().find((l) => l.reqId === res.headers['x-request-id']);
      expect(lineOf(cast)).toMatchObject({ route: '/api/negotiations/:id/ballot', status: 201, userId: null, ip: null });
      expect(lineOf(answered)).toMatchObject({ route: '/api/surveys/:id/responses', status: 201, userId: null, ip: null });
      expect(lineOf(survey)).toMatchObject({ status: 201, userId: await t.userId('union.chief'), ip: expect.any(String) });
    });

    it('names the route, not the address with its ids and query, and an unknown address as no route', async () => {
      const id = await toConsultation(t);
      await t.http().get(`/api/negotiations/${id}/rounds?secret-looking=query`).set('Authorization', await t.login('union.chief'));
      await t.http().get('/no/such/page');
      expect(log.text).not.toContain(id);
      expect(log.text).not.toContain('secret-looking');
      expect(log.requests().at(-1)).toMatchObject({ method: 'GET', route: null, status: 404 });
    });

    it('ignores an X-Request-Id and an X-Forwarded-For from a peer that is no configured proxy', async () => {
      const res = await t.http().get('/health').set('X-Request-Id', 'forged-id-1').set('X-Forwarded-For', '203.0.113.9');
      expect(res.headers['x-request-id']).toMatch(UUID);
      const line = log.requests().find((l) => l.reqId === res.headers['x-request-id']);
      expect(line?.ip).toMatch(/127\.0\.0\.1$/);
      expect(log.text).not.toContain('forged-id-1');
    });

    it('logs the stack of an unexpected error with the request id the client got back', async () => {
      const id = await toConsultation(t);
      await t.dataSource.query('DROP TABLE comments');
      const res = await t.http().get(`/api/negotiations/${id}/comments`).set('Authorization', await t.login('union.chief'));
      expect(res.status).toBe(500);
      expect(res.body.message).toBe('Internal server error');
      const reqId = res.headers['x-request-id'];
      const error = log.lines.find((l) => l.msg === 'unexpected error' && l.reqId === reqId);
      expect(error).toMatchObject({ level: 50, err: { stack: expect.stringContaining('comments') } });
      expect(log.requests().find((l) => l.reqId === reqId)).toMatchObject({ level: 50, status: 500, route: '/api/negotiations/:id/comments' });
    });
  });

  describe('behind a configured proxy', () => {
    let t: TestApp;
    const log = new LogCapture();
    beforeAll(async () => {
      t = await startTestApp({ scenario: false, env: { LOG_LEVEL: 'info', TRUST_PROXY: '10.0.0.0/8, 127.0.0.1, ::1' }, logDestination: log });
    });
    afterAll(() => t.close());

    it("takes the proxy's X-Request-Id and the client address it forwards", async () => {
      const res = await t.http().get('/health').set('X-Request-Id', 'edge-7f3a9c').set('X-Forwarded-For', '198.51.100.7, 203.0.113.9');
      expect(res.headers['x-request-id']).toBe('edge-7f3a9c');
      // the nearest untrusted hop is the client: 203.0.113.9 told the proxy so, 198.51.100.7 is only its claim
      expect(log.requests().find((l) => l.reqId === 'edge-7f3a9c')).toMatchObject({ ip: '203.0.113.9', route: '/health' });
    });

    it('still makes its own id when the proxy sends one that could forge a log line', async () => {
      const res = await t.http().get('/health').set('X-Request-Id', 'a b"c');
      expect(res.headers['x-request-id']).toMatch(UUID);
    });
  });

  it('writes nothing under test unless LOG_LEVEL asks', async () => {
    const log = new LogCapture();
    const t = await startTestApp({ scenario: false, logDestination: log });
    await t.http().get('/health');
    await t.http().post('/api/auth/login').send({ username: 'nobody', password: 'x' });
    await t.close();
    expect(log.raw).toEqual([]);
  });
});
