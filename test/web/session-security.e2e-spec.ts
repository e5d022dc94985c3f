import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Agreement } from '../../src/agreements/agreement.entity';
import { RevokedToken } from '../../src/accounts/revoked-token.entity';
import { TestApp, startTestApp } from '../support/test-app';
import { csrfOf, mainText } from './support/html';
import { webLogin } from './support/web-agent';

/** What a session is worth to someone who copies or plants cookies. */
describe('web sessions', () => {
  let t: TestApp;
  let agreementId: string;
  beforeAll(async () => {
    t = await startTestApp();
    agreementId = (await t.dataSource.getRepository(Agreement).find())[0].id;
  });
  afterAll(() => t.close());

  const cookiesOf = (res: request.Response): string[] => ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookieHeader = (cookies: string[]) => cookies.map((c) => c.split(';')[0]).join('; ');

  it("refuses one person's CSRF cookie and token with another person's session", async () => {
    // the attacker's own CSRF secret (cookie) and token, planted next to the victim's session cookie
    const attacker = await request(t.app.getHttpServer()).get('/login');
    const attackerCsrf = cookiesOf(attacker).find((c) => c.startsWith('xs_csrf='))!;
    const victimLogin = await request(t.app.getHttpServer()).get('/login');
    const loggedIn = await request(t.app.getHttpServer())
      .post('/login')
      .set('Cookie', cookieHeader(cookiesOf(victimLogin)))
      .type('form')
      .send({ username: 'rider.0010', password: 'demo-pass', _csrf: csrfOf(victimLogin.text) });
    const victimSession = cookiesOf(loggedIn).find((c) => c.startsWith('xs_session='))!;
    const forged = await request(t.app.getHttpServer())
      .post(`/inbox/${agreementId}/ack`)
      .set('Cookie', cookieHeader([victimSession, attackerCsrf]))
      .type('form')
      .send({ _csrf: csrfOf(attacker.text) });
    expect(forged.status).toBe(403);
    const inbox = await t.http().get('/api/me/inbox').set('Authorization', await t.login('rider.0010'));
    expect(inbox.body.items.find((i: { agreement: { id: string } }) => i.agreement.id === agreementId).acknowledgedAt).toBeNull();
  });

  it('ends the session on logout: a copied cookie no longer opens the inbox', async () => {
    const rider = await webLogin(t, 'rider.0011');
    const page = await rider.get('/inbox');
    expect(page.status).toBe(200);
    const sessionCookie = (rider as unknown as { jar: { getCookie(name: string, access: object): { toValueString(): string } | undefined } }).jar
      .getCookie('xs_session', { domain: '127.0.0.1', path: '/', secure: false, script: false })
      ?.toValueString();
    expect(sessionCookie).toBeTruthy();
    await rider.post('/logout').type('form').send({ _csrf: csrfOf(page.text) });
    const replay = await request(t.app.getHttpServer()).get('/inbox').set('Cookie', sessionCookie!);
    expect(replay.status).toBe(303);
  });

  it('ends the token sent on POST /api/auth/logout, and only that one', async () => {
    const token = await t.login('rider.0012');
    const app = `Bearer ${(await t.http().post('/api/auth/login').send({ username: 'rider.0012', password: 'demo-pass' })).body.accessToken}`;
    expect((await t.http().get('/api/me/inbox').set('Authorization', token)).status).toBe(200);
    expect((await t.http().post('/api/auth/logout').set('Authorization', token)).status).toBe(204);
    const after = await t.http().get('/api/me/inbox').set('Authorization', token);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('AUTH.LOGGED_OUT');
    // the rider's other session (their app) goes on
    expect((await t.http().get('/api/me/inbox').set('Authorization', app)).status).toBe(200);
  });

  it('refuses a well-signed token that names nobody, and one without its own id (jti)', async () => {
    const jwt = t.app.get(JwtService);
    const nobody = await t.http().get('/api/me/inbox').set('Authorization', `Bearer ${jwt.sign({ sub: randomUUID(), jti: randomUUID() })}`);
    expect([nobody.status, nobody.body.code]).toEqual([401, 'AUTH.BAD_TOKEN']);
    const rider = await t.userId('rider.0011');
    const noJti = await t.http().get('/api/me/inbox').set('Authorization', `Bearer ${jwt.sign({ sub: rider })}`);
    expect([noJti.status, noJti.body.code]).toEqual([401, 'AUTH.BAD_TOKEN']);
    const signed = await t.http().get('/api/me/inbox').set('Authorization', `Bearer ${jwt.sign({ sub: rider, jti: randomUUID() })}`);
    expect(signed.status).toBe(200);
  });

  it('writes nothing for a logout with a forged session cookie', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    for (const claims of [{ sub: 'nobody', jti: 'attacker-chosen', exp: 253402300799 }, { sub: 'nobody', jti: 'out-of-range', exp: 1e13 }]) {
      const forged = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.AAAA`;
      const agent = request.agent(t.app.getHttpServer());
      const page = await agent.get('/login').set('Cookie', `xs_session=${forged}`);
      const res = await agent.post('/logout').set('Cookie', `xs_session=${forged}`).type('form').send({ _csrf: csrfOf(page.text) });
      expect(res.status).toBe(303);
      expect(await t.dataSource.getRepository(RevokedToken).findOneBy({ jti: claims.jti })).toBeNull();
    }
  });

  it('keeps pages with a CSRF secret out of shared caches', async () => {
    const login = await request(t.app.getHttpServer()).get('/login');
    expect(login.headers['cache-control']).toBe('private, no-store');
    expect(mainText(login.text)).toContain('登录');
  });
});
