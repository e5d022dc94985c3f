import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from '../src/accounts/worker.entity';
import { TestApp, freshDatabaseUrl, startTestApp } from './support/test-app';
import { terms } from './support/negotiation-helpers';

/** Production never seeds: an administrator registers the unions, platforms and people. */
describe('registering organisations and people', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
  });
  afterAll(() => t.close());

  const asAdmin = async () => t.login('admin');
  const addPerson = async (body: object) => t.http().post('/api/users').set('Authorization', await asAdmin()).send(body);

  it('lets an administrator set up a union whose negotiators can open talks at once', async () => {
    const union = await t.http().post('/api/organizations').set('Authorization', await asAdmin())
      .send({ name: '上海市外卖配送行业工会', kind: 'union', industry: 'food_delivery', region: '310000' });
    expect(union.status).toBe(201);
    const ids: string[] = [];
    for (const username of ['sh.chief', 'sh.rep2', 'sh.rep3']) {
      const res = await addPerson({ username, displayName: username, role: 'union_negotiator', password: 'a-long-password', organizationId: union.body.id });
      expect(res.status).toBe(201);
      expect(res.body).not.toHaveProperty('passwordHash');
      ids.push(res.body.id);
    }
    const login = await t.http().post('/api/auth/login').send({ username: 'sh.chief', password: 'a-long-password' });
    expect(login.status).toBe(200);
    const opened = await t.http().post('/api/negotiations').set('Authorization', `Bearer ${login.body.accessToken}`).send({
      kind: 'collective_contract',
      title: '2027年上海市外卖配送员集体协商',
      scope: { industry: 'food_delivery', region: '310101', enterpriseIds: [await t.orgId('platform')], workerCategories: [] },
      representatives: { chief: ids[0], members: ids.slice(1) },
      proposal: terms(800),
    });
    expect(opened.status).toBe(201);
  });

  it("gives a worker record a login, once, within its enterprise", async () => {
    await t.http().post('/api/workers').set('Authorization', await t.login('platform.chief')).set('Content-Type', 'text/csv').send('SD7001,420302,delivery_rider,新骑手');
    const worker = await t.dataSource.getRepository(Worker).findOneByOrFail({ externalId: 'SD7001' });
    const ok = await addPerson({ username: 'rider.new', displayName: '新骑手', role: 'worker', password: 'a-long-password', organizationId: worker.enterpriseId, workerId: worker.id });
    expect(ok.status).toBe(201);
    const inbox = await t.http().post('/api/auth/login').send({ username: 'rider.new', password: 'a-long-password' });
    expect((await t.http().get('/api/me/inbox').set('Authorization', `Bearer ${inbox.body.accessToken}`)).status).toBe(200);
    const again = await addPerson({ username: 'rider.again', displayName: 'x', role: 'worker', password: 'a-long-password', organizationId: worker.enterpriseId, workerId: worker.id });
    expect(again.status).toBe(422);
    const hasOne = await t.dataSource.getRepository(Worker).findOneByOrFail({ externalId: 'SD0003' }); // rider.0003
    expect((await addPerson({ username: 'rider.dup', displayName: 'x', role: 'worker', password: 'a-long-password', organizationId: hasOne.enterpriseId, workerId: hasOne.id })).status).toBe(422);
    const elsewhere = await addPerson({ username: 'rider.wrong', displayName: 'x', role: 'worker', password: 'a-long-password', organizationId: await t.orgId('platform2'), workerId: worker.id });
    expect(elsewhere.status).toBe(422);
  });

  it('refuses non-administrators, bad fields, a role in the wrong kind of organisation and a taken username', async () => {
    const union = await t.login('union.chief');
    expect((await t.http().post('/api/organizations').set('Authorization', union).send({ name: 'x', kind: 'union', region: '420300' })).status).toBe(403);
    expect((await t.http().post('/api/users').set('Authorization', union).send({})).status).toBe(403);
    const bad = await addPerson({ username: 'X', displayName: '', role: 'boss', password: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toHaveLength(3);
    const wrongKind = await addPerson({ username: 'rep.x', displayName: 'x', role: 'enterprise_rep', password: 'a-long-password', organizationId: await t.orgId('union') });
    expect(wrongKind.status).toBe(422);
    expect((await addPerson({ username: 'union.chief', displayName: 'x', role: 'admin', password: 'a-long-password' })).status).toBe(409);
    // passwords: 12 characters at least, and zxcvbn must not find them easy (score ≥ 3)
    for (const password of ['short', 'aaaaaaaaaaaa', 'password1234', 'kX9#mP2$vL7']) {
      const weak = await addPerson({ username: 'ops.weak', displayName: 'x', role: 'admin', password });
      expect(weak.status).toBe(422);
      expect(weak.body.code).toBe('PERSON.WEAK_PASSWORD');
    }
    const repeated = await addPerson({ username: 'ops.weak', displayName: 'x', role: 'admin', password: 'aaaaaaaaaaaa' });
    expect(repeated.body.message).toMatch(/Repeated characters/);
    const common = await addPerson({ username: 'ops.weak', displayName: 'x', role: 'admin', password: 'password1234' });
    expect(common.body.message).toMatch(/commonly used password/);
    expect((await addPerson({ username: 'ops.weak', displayName: 'x', role: 'admin', password: 'kX9#mP2$vL7!' })).status).toBe(201);
    const noIndustry = await t.http().post('/api/organizations').set('Authorization', await asAdmin()).send({ name: '某平台', kind: 'enterprise', region: '420300' });
    expect(noIndustry.status).toBe(422);
  });
});

describe('npm run create-admin', () => {
  it('creates the first administrator of an empty production database', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const env = { ...process.env, NODE_ENV: 'production', JWT_SECRET: 'production-secret-production-secret-0123', DATABASE_URL: databaseUrl };
    const run = (args: string[], extra: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['--require', join(__dirname, 'support', 'register-ts.js'), join(__dirname, '..', 'src', 'cli', 'create-admin.ts'), ...args], {
        env: { ...env, ...extra },
        encoding: 'utf8',
      });
    const missing = run(['ops']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('usage');
    const weak = run(['ops'], { ADMIN_PASSWORD: 'x' });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('at least 12 characters');
    const created = run(['ops', '运维管理员'], { ADMIN_PASSWORD: 'a-long-admin-password' });
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('created admin ops');
    const t = await startTestApp({ databaseUrl, scenario: false, env: { DEMO_RIDERS: '0' } });
    try {
      const login = await t.http().post('/api/auth/login').send({ username: 'ops', password: 'a-long-admin-password' });
      expect(login.body.user).toMatchObject({ role: 'admin', displayName: '运维管理员' });
    } finally {
      await t.close();
    }
  }, 240_000);
});
