import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Acknowledgement } from '../src/agreements/acknowledgement.entity';
import { WebhookDelivery } from '../src/agreements/webhook-delivery.entity';
import { WebhookDispatcher } from '../src/agreements/webhook-dispatcher';
import { PublicationBus } from '../src/agreements/publication-bus';
import { PublicationWatcher } from '../src/agreements/publication-watcher';
import { isValidWebhookSignature } from '../src/agreements/webhook-signature';
import { User } from '../src/accounts/user.entity';
import { Worker } from '../src/accounts/worker.entity';
import { Agreement } from '../src/agreements/agreement.entity';
import { covers } from '../src/agreements/coverage';
import { InboxService } from '../src/agreements/inbox.service';
import { toAuthUser } from '../src/accounts/auth.service';
import { TestApp, startTestApp } from './support/test-app';
import { rawSql } from './support/raw-sql';
import { toPublished } from './support/negotiation-helpers';

describe('publication reaches every covered worker', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
  });
  afterAll(() => t.close());
  // each test's publications are newer than the last test's: "newest first" is then one order
  // (publications of the same millisecond are ordered by id)
  beforeEach(() => t.clock.advance(1000));

  /** A worker with a login, registered by `enterprise` (default: the demo platform). */
  async function workerLogin(username: string, fields: Partial<Worker> = {}) {
    const worker = {
      id: randomUUID(),
      enterpriseId: await t.orgId('platform'),
      externalId: username,
      industry: 'food_delivery',
      region: '420302',
      category: 'delivery_rider',
      displayName: username,
      createdAt: new Date().toISOString(),
      ...fields,
    };
    await t.dataSource.getRepository(Worker).insert(worker);
    const rider = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'rider.0001' });
    await t.dataSource.getRepository(User).insert({ ...rider, id: randomUUID(), username, workerId: worker.id, organizationId: worker.enterpriseId });
    return t.login(username);
  }

  const agreementOf = (negotiationId: string) => t.dataSource.getRepository(Agreement).findOneByOrFail({ negotiationId });

  it('lists and shows publications to anyone, filtered by region, industry and category', async () => {
    const agreement = await agreementOf(await toPublished(t));
    const page = await t.http().get('/api/agreements?region=420303&industry=food_delivery&category=delivery_rider&pageSize=5');
    expect(page.status).toBe(200);
    expect(page.body.items.map((a: { id: string }) => a.id)).toContain(agreement.id);
    for (const query of ['region=430100', 'industry=ride_hailing', 'category=truck_driver'])
      expect((await t.http().get(`/api/agreements?${query}`)).body.items.map((a: { id: string }) => a.id)).not.toContain(agreement.id);
    const one = await t.http().get(`/api/agreements/${agreement.id}`);
    expect(one.body).toMatchObject({ id: agreement.id, auditHead: agreement.auditHead, terms: agreement.terms, effectiveFrom: agreement.effectiveFrom });
    expect((await t.http().get('/api/agreements?pageSize=1000')).status).toBe(400);
    expect((await t.http().get(`/api/agreements/${randomUUID()}`)).status).toBe(404);
  });

  it('tags published agreements and the public lists for caches: ETag, Cache-Control, 304 on If-None-Match', async () => {
    const agreement = await agreementOf(await toPublished(t));
    const one = await t.http().get(`/api/agreements/${agreement.id}`);
    expect(one.headers.etag).toBe(`"${agreement.auditHead}"`);
    expect(one.headers['cache-control']).toBe('public, max-age=3600');
    const again = await t.http().get(`/api/agreements/${agreement.id}`).set('If-None-Match', one.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect((await t.http().get(`/api/agreements/${agreement.id}`).set('If-None-Match', `"${'0'.repeat(64)}", W/${one.headers.etag}`)).status).toBe(304);
    expect((await t.http().get(`/api/agreements/${agreement.id}`).set('If-None-Match', `"${'0'.repeat(64)}"`)).status).toBe(200);

    const list = await t.http().get('/api/agreements?industry=food_delivery');
    expect(list.headers['cache-control']).toBe('public, max-age=60');
    expect((await t.http().get('/api/agreements?industry=food_delivery').set('If-None-Match', list.headers.etag)).status).toBe(304);
    // another filter is another body, and so another tag
    expect((await t.http().get('/api/agreements?industry=ride_hailing')).headers.etag).not.toBe(list.headers.etag);
    // a new publication changes the list, and so its tag
    await toPublished(t);
    const grown = await t.http().get('/api/agreements?industry=food_delivery').set('If-None-Match', list.headers.etag);
    expect(grown.status).toBe(200);
    expect(grown.body.total).toBe(list.body.total + 1);
    expect(grown.headers.etag).not.toBe(list.headers.etag);
  });

  it('answers a published agreement read before as the controller did: the same bytes and headers', async () => {
    const agreement = await agreementOf(await toPublished(t));
    const first = await t.http().get(`/api/agreements/${agreement.id}`);
    const kept = await t.http().get(`/api/agreements/${agreement.id}`);
    expect(kept.status).toBe(200);
    expect(kept.text).toBe(first.text);
    for (const header of ['content-type', 'etag', 'cache-control', 'content-security-policy', 'x-content-type-options', 'strict-transport-security'])
      expect([header, kept.headers[header]]).toEqual([header, first.headers[header]]);
    expect(kept.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(kept.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    // HEAD: the headers without the body
    const head = await t.http().head(`/api/agreements/${agreement.id}`);
    expect([head.status, head.headers.etag, head.text ?? '']).toEqual([200, first.headers.etag, '']);
  });

  it('lets anyone check that the published text is the negotiated text', async () => {
    const agreement = await agreementOf(await toPublished(t));
    const intact = await t.http().get(`/api/agreements/${agreement.id}/verify`);
    expect(intact.body).toMatchObject({ intact: true, head: agreement.auditHead });
    const altered = { ...agreement.terms, commission: { maxBasisPoints: 3000 } };
    await t.dataSource.getRepository(Agreement).update({ id: agreement.id }, { terms: altered });
    expect((await t.http().get(`/api/agreements/${agreement.id}/verify`)).body).toEqual({ intact: false, problem: 'terms' });
  });

  it("shows a new publication in an inbox read just before it (the inbox's kept list of publications is renewed)", async () => {
    const rider = await t.login('rider.0005');
    const before = await t.http().get('/api/me/inbox').set('Authorization', rider);
    const agreement = await agreementOf(await toPublished(t));
    const after = await t.http().get('/api/me/inbox').set('Authorization', rider);
    expect(after.body.total).toBe(before.body.total + 1);
    expect(after.body.unread).toBe(before.body.unread + 1);
    expect(after.body.items[0].agreement.id).toBe(agreement.id);
  });

  it('renews a kept inbox whoever writes the publication: a row added by SQL shows at the next read', async () => {
    const agreement = await agreementOf(await toPublished(t));
    const rider = await t.login('rider.0005');
    const before = (await t.http().get('/api/me/inbox?pageSize=100').set('Authorization', rider)).body;
    const copy = randomUUID();
    await rawSql(
      t.dataSource,
      `INSERT INTO agreements (id, negotiation_id, kind, title, industry, region, scope, terms, opinions, effective_from, expires_on, published_at, audit_head)
       SELECT ?, ?, kind, title, industry, region, scope, terms, opinions, effective_from, expires_on, published_at, audit_head FROM agreements WHERE id = ?`,
      [copy, randomUUID(), agreement.id],
    );
    const after = (await t.http().get('/api/me/inbox?pageSize=100').set('Authorization', rider)).body;
    expect(after.total).toBe(before.total + 1);
    expect(after.items.map((i: { agreement: { id: string } }) => i.agreement.id)).toContain(copy);
  });

  it('orders publications of the same millisecond by id, in the public list and the inbox: pages neither repeat nor skip one', async () => {
    const agreement = await agreementOf(await toPublished(t));
    const copies = [randomUUID(), randomUUID(), randomUUID()];
    for (const copy of copies)
      await rawSql(
        t.dataSource,
        `INSERT INTO agreements (id, negotiation_id, kind, title, industry, region, scope, terms, opinions, effective_from, expires_on, published_at, audit_head)
         SELECT ?, ?, kind, title, industry, region, scope, terms, opinions, effective_from, expires_on, published_at, audit_head FROM agreements WHERE id = ?`,
        [copy, randomUUID(), agreement.id],
      );
    const same = [agreement.id, ...copies].sort().reverse();
    const list = (await t.http().get('/api/agreements?pageSize=100').expect(200)).body.items.map((a: { id: string }) => a.id);
    expect(list.filter((id: string) => same.includes(id))).toEqual(same);
    const pages: string[] = [];
    for (let page = 1; page <= list.length; page++) pages.push(...(await t.http().get(`/api/agreements?pageSize=1&page=${page}`).expect(200)).body.items.map((a: { id: string }) => a.id));
    expect(pages).toEqual(list);
    const rider = await t.login('rider.0005');
    const inbox = (await t.http().get('/api/me/inbox?pageSize=100').set('Authorization', rider).expect(200)).body.items.map((i: { agreement: { id: string } }) => i.agreement.id);
    expect(inbox.filter((id: string) => same.includes(id))).toEqual(same);
  });

  (process.env.TEST_DATABASE_URL ? it.skip : it)('keeps no inbox list read while a publication may still roll back (SQLite: one connection sees its open transaction)', async () => {
    const agreement = await agreementOf(await toPublished(t));
    const rider = await t.login('rider.0005');
    const ids = async () => (await t.http().get('/api/me/inbox?pageSize=100').set('Authorization', rider).expect(200)).body.items.map((i: { agreement: { id: string } }) => i.agreement.id);
    const copyOf = (id: string) =>
      rawSql(
        t.dataSource,
        `INSERT INTO agreements (id, negotiation_id, kind, title, industry, region, scope, terms, opinions, effective_from, expires_on, published_at, audit_head)
         SELECT ?, ?, kind, title, industry, region, scope, terms, opinions, effective_from, expires_on, published_at, audit_head FROM agreements WHERE id = ?`,
        [id, randomUUID(), agreement.id],
      );
    const [rolledBack, committed] = [randomUUID(), randomUUID()];
    await t.dataSource.query('BEGIN');
    await copyOf(rolledBack);
    expect(await ids()).toContain(rolledBack);
    await t.dataSource.query('ROLLBACK');
    // the counters are back where they were; one more publication moves them as the rolled-back one did
    await copyOf(committed);
    const after = await ids();
    expect(after).toContain(committed);
    expect(after).not.toContain(rolledBack);
  });

  (process.env.TEST_DATABASE_URL ? it.skip : it)('keeps no public agreement read while its publication may still roll back (answered from memory only once committed)', async () => {
    const agreement = await agreementOf(await toPublished(t));
    const phantom = randomUUID();
    await t.dataSource.query('BEGIN');
    await rawSql(
      t.dataSource,
      `INSERT INTO agreements (id, negotiation_id, kind, title, industry, region, scope, terms, opinions, effective_from, expires_on, published_at, audit_head)
       SELECT ?, ?, kind, title, industry, region, scope, terms, opinions, effective_from, expires_on, published_at, audit_head FROM agreements WHERE id = ?`,
      [phantom, randomUUID(), agreement.id],
    );
    expect((await t.http().get(`/api/agreements/${phantom}`)).status).toBe(200);
    await t.dataSource.query('ROLLBACK');
    expect((await t.http().get(`/api/agreements/${phantom}`)).status).toBe(404);
    // a committed one is kept: its second read is answered before Nest, the same bytes
    const first = await t.http().get(`/api/agreements/${agreement.id}`);
    expect((await t.http().get(`/api/agreements/${agreement.id}`)).text).toBe(first.text);
  });

  it('shows in the inbox the agreement as published, kept for later pages and frozen against change', async () => {
    const agreement = await agreementOf(await toPublished(t));
    const published = (await t.http().get(`/api/agreements/${agreement.id}`)).body;
    const rider = await t.login('rider.0005');
    for (let read = 0; read < 2; read++) {
      const inbox = await t.http().get('/api/me/inbox').set('Authorization', rider);
      expect(inbox.body.items[0].agreement).toEqual(published);
    }
    const kept = (await t.app.get(InboxService).inbox(toAuthUser(await t.dataSource.getRepository(User).findOneByOrFail({ username: 'rider.0005' })))).items[0].agreement;
    expect(Object.isFrozen(kept) && Object.isFrozen(kept.terms) && Object.isFrozen(kept.scope)).toBe(true);
    expect(() => ((kept as { title: string }).title = 'changed')).toThrow(TypeError);
  });

  it("keeps another platform's riders in the same district out of a publication, whoever read the inbox first", async () => {
    const agreement = await agreementOf(await toPublished(t));
    const ours = await t.login('rider.0006');
    const rider = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'rider.0006' });
    const district = (await t.dataSource.getRepository(Worker).findOneByOrFail({ id: rider.workerId! })).region;
    // the same district and category, another platform
    const theirs = await workerLogin('rider.kept.theirs', { enterpriseId: await t.orgId('platform2'), region: district });
    const ids = async (auth: string) => (await t.http().get('/api/me/inbox?pageSize=100').set('Authorization', auth)).body.items.map((i: { agreement: { id: string } }) => i.agreement.id);
    expect(await ids(ours)).toContain(agreement.id);
    expect(await ids(theirs)).not.toContain(agreement.id);
    expect(await ids(ours)).toContain(agreement.id);
  });

  it('puts the publication in every covered inbox without writing a row per worker; acknowledging is idempotent', async () => {
    const ackRows = await t.dataSource.getRepository(Acknowledgement).count();
    const agreement = await agreementOf(await toPublished(t));
    expect(await t.dataSource.getRepository(Acknowledgement).count()).toBe(ackRows);

    const rider = await t.login('rider.0004');
    const inbox = await t.http().get('/api/me/inbox').set('Authorization', rider);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items[0]).toMatchObject({ agreement: { id: agreement.id }, acknowledgedAt: null });
    const unread = inbox.body.unread;

    const stray = await t.http().post(`/api/me/inbox/${agreement.id}/ack`).set('Authorization', rider).send({ x: 1 });
    expect([stray.status, stray.body.message]).toEqual([400, ['property x should not exist']]);
    expect((await t.http().get('/api/me/inbox').set('Authorization', rider)).body.unread).toBe(unread);
    expect((await t.http().post(`/api/me/inbox/${agreement.id}/ack`).set('Authorization', rider).send([1])).status).toBe(400);
    const first = await t.http().post(`/api/me/inbox/${agreement.id}/ack`).set('Authorization', rider).send({});
    expect(first.status).toBe(200);
    t.clock.advance(60_000);
    const again = await t.http().post(`/api/me/inbox/${agreement.id}/ack`).set('Authorization', rider);
    expect(again.body).toEqual(first.body);
    const after = await t.http().get('/api/me/inbox').set('Authorization', rider);
    expect(after.body.unread).toBe(unread - 1);
    expect(after.body.items.find((i: { agreement: { id: string } }) => i.agreement.id === agreement.id).acknowledgedAt).toBe(first.body.acknowledgedAt);
  });

  it('refuses an acknowledgement from a worker the publication does not cover, and the inbox to non-workers', async () => {
    const agreement = await agreementOf(await toPublished(t));
    const courier = await workerLogin('courier.1', { category: 'courier' });
    expect((await t.http().post(`/api/me/inbox/${agreement.id}/ack`).set('Authorization', courier)).status).toBe(403);
    expect((await t.http().get('/api/me/inbox').set('Authorization', courier)).body.items.map((i: { agreement: { id: string } }) => i.agreement.id)).not.toContain(agreement.id);
    const elsewhere = await workerLogin('rider.wuhan', { region: '420102' });
    expect((await t.http().post(`/api/me/inbox/${agreement.id}/ack`).set('Authorization', elsewhere)).status).toBe(403);
    const otherPlatform = await workerLogin('rider.feichi', { enterpriseId: await t.orgId('platform2') });
    expect((await t.http().post(`/api/me/inbox/${agreement.id}/ack`).set('Authorization', otherPlatform)).status).toBe(403);
    expect((await t.http().get('/api/me/inbox').set('Authorization', await t.login('union.chief'))).status).toBe(403);
    expect((await t.http().post(`/api/me/inbox/${randomUUID()}/ack`).set('Authorization', await t.login('rider.0001'))).status).toBe(404);
  });

  it('counts covered and acknowledged workers for the parties and the bureau only', async () => {
    const agreement = await agreementOf(await toPublished(t));
    await t.http().post(`/api/me/inbox/${agreement.id}/ack`).set('Authorization', await t.login('rider.0001'));
    await t.http().post(`/api/me/inbox/${agreement.id}/ack`).set('Authorization', await t.login('rider.0002'));
    // the SQL count must agree with the one coverage rule, applied here worker by worker
    const covered = (await t.dataSource.getRepository(Worker).find()).filter((w) => covers(agreement.scope, w)).length;
    expect(covered).toBeGreaterThan(10);
    for (const who of ['union.chief', 'platform.chief', 'bureau.reviewer']) {
      const res = await t.http().get(`/api/agreements/${agreement.id}/acknowledgements`).set('Authorization', await t.login(who));
      expect(res.body).toEqual({ covered, acknowledged: 2 });
    }
    expect((await t.http().get(`/api/agreements/${agreement.id}/acknowledgements`).set('Authorization', await t.login('rider.0001'))).status).toBe(403);
    expect((await t.http().get(`/api/agreements/${agreement.id}/acknowledgements`)).status).toBe(401);
  });

  it('pushes a publication event over SSE to a connected covered worker within a second', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const token = await t.login('rider.0005');
    const received: string[] = [];
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/me/stream', headers: { Authorization: token, Accept: 'text/event-stream', 'Accept-Encoding': 'br, gzip' } }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    // a compressed stream would sit in the compressor's buffer: events go out as they are
    expect(response.headers['content-encoding']).toBeUndefined();
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => received.push(chunk));
    try {
      const negotiationId = await toPublished(t);
      const agreement = await agreementOf(negotiationId);
      const deadline = Date.now() + 10_000; // a wait, not a measure: a loaded machine may take a while
      while (!received.join('').includes(agreement.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const text = received.join('');
      expect(text).toContain('event: publication');
      expect(text).toContain(`id: ${agreement.id}`);
    } finally {
      response.destroy();
    }
  });

  it('announces a publication made on another instance to this one, once', async () => {
    const other = await startTestApp({ databaseUrl: t.config.DATABASE_URL, clock: t.clock });
    try {
      const heard: string[] = [];
      const subscription = other.app.get(PublicationBus).publications.subscribe((a) => heard.push(a.id));
      const agreement = await agreementOf(await toPublished(t));
      expect(heard).toEqual([]);
      await other.app.get(PublicationWatcher).look();
      await other.app.get(PublicationWatcher).look();
      expect(heard.filter((id) => id === agreement.id)).toEqual([agreement.id]);
      subscription.unsubscribe();
    } finally {
      await other.close();
    }
  });

  describe('signed webhooks', () => {
    let receiver: Server;
    let url: string;
    const calls: Array<{ body: string; signature: string; timestamp: string }> = [];
    let statuses: number[] = [];
    beforeAll(async () => {
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          calls.push({ body, signature: String(req.headers['x-xieshang-signature']), timestamp: String(req.headers['x-xieshang-timestamp']) });
          res.statusCode = statuses.shift() ?? 200;
          if (res.statusCode >= 300 && res.statusCode < 400) res.setHeader('location', `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/internal`);
          res.end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/xieshang`;
    });
    afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    const secret = 'platform-webhook-secret-123';
    const configure = async (target: string) =>
      t.http().put('/api/organizations/mine/webhook').set('Authorization', await t.login('platform.chief')).send({ url: target, secret });

    it('signs each delivery, retries after a 500 with back-off, and records every attempt', async () => {
      expect((await configure(url)).status).toBe(200);
      statuses = [500, 200];
      calls.length = 0;
      const agreement = await agreementOf(await toPublished(t));
      const dispatcher = t.app.get(WebhookDispatcher);
      await waitFor(() => calls.length === 1);
      expect(isValidWebhookSignature(secret, calls[0].timestamp, calls[0].body, calls[0].signature)).toBe(true);
      expect(isValidWebhookSignature('wrong-secret-wrong-secret', calls[0].timestamp, calls[0].body, calls[0].signature)).toBe(false);
      expect(JSON.parse(calls[0].body)).toMatchObject({ event: 'publication', agreement: { id: agreement.id } });

      await waitFor(async () => (await t.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ agreementId: agreement.id })).attempts.length === 1);
      expect(await dispatcher.deliverDue()).toBe(0); // not yet: the retry waits 10 s
      t.clock.advance(10_000);
      expect(await dispatcher.deliverDue()).toBe(1);
      const delivery = await t.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ agreementId: agreement.id });
      expect(delivery.status).toBe('delivered');
      expect(delivery.attempts.map((a) => a.status)).toEqual([500, 200]);
      expect(calls).toHaveLength(2);
    });

    it('records a redirect as a failed attempt and does not follow it', async () => {
      expect((await configure(url)).status).toBe(200);
      statuses = [307];
      calls.length = 0;
      const agreement = await agreementOf(await toPublished(t));
      await waitFor(async () => (await t.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ agreementId: agreement.id })).attempts.length === 1);
      const delivery = await t.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ agreementId: agreement.id });
      expect(delivery.status).toBe('pending');
      expect(delivery.attempts[0]).toMatchObject({ status: 307, error: expect.stringContaining('not followed') });
      expect(calls).toHaveLength(1); // the body was not re-posted to /internal
    });

    it('publishes even when the platform cannot be reached', async () => {
      await configure('http://127.0.0.1:9/unreachable');
      const negotiationId = await toPublished(t);
      const agreement = await agreementOf(negotiationId);
      await waitFor(async () => (await t.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ agreementId: agreement.id })).attempts.length === 1);
      const delivery = await t.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ agreementId: agreement.id });
      expect(delivery).toMatchObject({ status: 'pending' });
      expect(delivery.attempts[0].error).toBeTruthy();
      expect((await t.http().get(`/api/agreements/${agreement.id}`)).status).toBe(200);
    });

    it('refuses a webhook without a URL scheme or with a short secret', async () => {
      const bad = await t.http().put('/api/organizations/mine/webhook').set('Authorization', await t.login('platform.chief')).send({ url: 'example', secret: 'short' });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toHaveLength(2);
      expect((await t.http().put('/api/organizations/mine/webhook').set('Authorization', await t.login('union.chief')).send({ url, secret })).status).toBe(403);
    });
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
