import { randomUUID } from 'node:crypto';
import { User } from '../src/accounts/user.entity';
import { Agreement } from '../src/agreements/agreement.entity';
import { AppConfig } from '../src/config/app-config';
import { Negotiation } from '../src/negotiations/negotiation.entity';
import { Round } from '../src/negotiations/round.entity';
import { TestApp, startTestApp } from './support/test-app';
import { browserAgent } from './web/support/web-agent';
import { csrfOf } from './web/support/html';
import { contractBody, openContract, seats, send, sendOk, terms, toConsultation, toPublished, COUNT_SHEET } from './support/negotiation-helpers';
import { MAX_PAGE } from '../src/common/page-query';

/** Every row of API.md's error table, at least once; a refused request leaves the data as it was. */
describe('errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false, env: { BODY_LIMIT_BYTES: '65536' } });
  });
  afterAll(() => t.close());

  async function unchanged(id: string, action: () => Promise<unknown>) {
    const before = await t.dataSource.getRepository(Negotiation).findOneByOrFail({ id });
    const rounds = await t.dataSource.getRepository(Round).countBy({ negotiationId: id });
    await action();
    expect(await t.dataSource.getRepository(Negotiation).findOneByOrFail({ id })).toEqual(before);
    expect(await t.dataSource.getRepository(Round).countBy({ negotiationId: id })).toBe(rounds);
  }

  describe('400', () => {
    it('names every broken field, unknown ones included', async () => {
      const body = await contractBody(t, { proposal: { ...terms(700), termMonths: 48, commission: { maxBasisPoints: 12000 } }, colour: 'red' });
      body.scope.region = '4203';
      const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(
        expect.arrayContaining([
          'property colour should not exist',
          'scope.region must be a six-digit GB/T 2260 code',
          'proposal.commission.maxBasisPoints must not be greater than 10000',
          'proposal.termMonths must not be greater than 36',
        ]),
      );
    });

    it("names a collective contract's missing term beside the other broken fields, not after them", async () => {
      const body = await contractBody(t, { proposal: terms(-1, { termMonths: undefined }) });
      const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(expect.arrayContaining(['proposal.pieceRates.0.baseFen must not be less than 0', 'proposal.termMonths is required for a collective contract (12–36)']));
      // a rule change may leave its term out
      const rule = await t.http().post('/api/negotiations').set('Authorization', await t.login('platform.chief')).send({ ...body, kind: 'rule_change', representatives: await seats(t, 'platform') });
      expect(rule.body.message).toEqual(['proposal.pieceRates.0.baseFen must not be less than 0']);
    });

    it('rejects negative money, a day longer than 1440 minutes and holiday pay of 100 % or less', async () => {
      const id = await openContract(t);
      await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
      const bad = terms(-5, { restSchedule: { maxDailyMinutes: 1500, holidayPayPercent: 100 } });
      await unchanged(id, async () => {
        const res = await send(t, id, 'platform.chief', { type: 'OFFER', terms: bad });
        expect(res.status).toBe(400);
        expect(res.body.message).toEqual([
          'terms.pieceRates.0.baseFen must not be less than 0',
          'terms.restSchedule.maxDailyMinutes must not be greater than 1440',
          'terms.restSchedule.holidayPayPercent must not be less than 101',
        ]);
      });
    });

    it('takes an empty query value as no filter, as API.md writes its templates', async () => {
      const union = await t.login('union.chief');
      const all = await t.http().get('/api/negotiations').set('Authorization', union);
      const blank = await t.http().get('/api/negotiations?state=&kind=&page=&pageSize=').set('Authorization', union);
      expect([blank.status, blank.body.total]).toEqual([200, all.body.total]);
      const agreements = await t.http().get('/api/agreements?region=&industry=&category=');
      expect([agreements.status, agreements.body.total]).toEqual([200, (await t.http().get('/api/agreements')).body.total]);
      expect((await t.http().get('/api/deadlines?due_within=&overdue=').set('Authorization', union)).status).toBe(200);
    });

    it('refuses a page past MAX_PAGE on every list (its offset overflowed: a 500), and answers the last page allowed', async () => {
      const union = await t.login('union.chief');
      for (const path of ['/api/negotiations', '/api/agreements', '/api/me/inbox']) {
        const as = path === '/api/me/inbox' ? await t.login('rider.0001') : union;
        for (const page of ['99999999999999999999', '461168601842738791', String(MAX_PAGE + 1)]) {
          const res = await t.http().get(`${path}?page=${page}`).set('Authorization', as);
          expect([path, page, res.status]).toEqual([path, page, 400]);
          expect(res.body.message).toEqual([expect.stringContaining('page must not be greater than')]);
        }
        const last = await t.http().get(`${path}?page=${MAX_PAGE}&pageSize=100`).set('Authorization', as);
        expect([path, last.status, last.body.items]).toEqual([path, 200, []]);
      }
    });

    it('refuses a list filter for a state no negotiation can be in', async () => {
      const res = await t.http().get('/api/negotiations?state=foo').set('Authorization', await t.login('union.chief'));
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([expect.stringContaining('state must be one of the following values')]);
      expect((await t.http().get('/api/negotiations?state=bargaining').set('Authorization', await t.login('union.chief'))).status).toBe(200);
    });

    it('refuses an unknown event type and an event body with a field it does not take', async () => {
      const id = await openContract(t);
      const unknown = await send(t, id, 'platform.chief', { type: 'SHRUG' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toContain('type must be one of');
      const extra = await send(t, id, 'platform.chief', { type: 'RESPOND', accept: false, reason: 'no', mood: 'bad' });
      expect(extra.status).toBe(400);
      expect(extra.body.message).toEqual(['property mood should not exist']);
    });

    it('refuses an acceptance that names no representatives', async () => {
      const id = await openContract(t);
      const res = await send(t, id, 'platform.chief', { type: 'RESPOND', accept: true });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(['representatives should not be null or undefined', 'representatives must be an object']);
    });

    it('refuses an Idempotency-Key longer than the 200 characters kept, and writes nothing', async () => {
      const id = await openContract(t);
      await unchanged(id, async () => {
        const res = await send(t, id, 'platform.chief', { type: 'RESPOND', accept: false, reason: '不同意' }, { 'Idempotency-Key': 'k'.repeat(201) });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('EVENT.BAD_IDEMPOTENCY_KEY');
      });
      const longest = await send(t, id, 'platform.chief', { type: 'RESPOND', accept: false, reason: '不同意' }, { 'Idempotency-Key': 'k'.repeat(200) });
      expect(longest.status).toBe(200);
    });

    it('refuses a collective contract proposal without a term', async () => {
      const { termMonths: _, ...proposal } = terms(700);
      const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(await contractBody(t, { proposal }));
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(['proposal.termMonths is required for a collective contract (12–36)']);
    });
  });

  it('gives every 4xx a stable code, those refused before our own checks too', async () => {
    const union = await t.login('union.chief');
    const cases: Array<[string, () => Promise<{ status: number; body: { code?: string } }>, number, string]> = [
      ['a body that is not JSON', () => t.http().post('/api/negotiations').set('Authorization', union).set('content-type', 'application/json').send('{"kind":'), 400, 'BODY.MALFORMED'],
      ['an empty JSON body', () => t.http().post('/api/negotiations').set('Authorization', union).set('content-type', 'application/json').send(''), 400, 'BODY.MALFORMED'],
      ['a broken field', () => t.http().post('/api/negotiations').set('Authorization', union).send({ kind: 'nonsense' }), 400, 'REQUEST.INVALID'],
      ['a bad query', () => t.http().get('/api/negotiations?pageSize=0').set('Authorization', union), 400, 'REQUEST.INVALID'],
      ['no such route', () => t.http().get('/api/nothing-here'), 404, 'ROUTE.NOT_FOUND'],
      ['XML', () => t.http().post('/api/negotiations').set('Authorization', union).set('content-type', 'application/xml').send('<kind/>'), 415, 'BODY.UNSUPPORTED_MEDIA_TYPE'],
      // JSON sent as plain text (fetch's default), and a form: the API takes JSON only
      ['JSON as text/plain', () => t.http().post('/api/negotiations').set('Authorization', union).set('content-type', 'text/plain;charset=UTF-8').send('{"kind":"collective_contract"}'), 415, 'BODY.UNSUPPORTED_MEDIA_TYPE'],
      ['a form', () => t.http().post('/api/auth/login').type('form').send({ username: 'union.chief', password: 'demo-pass' }), 415, 'BODY.UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [what, request, status, code] of cases) {
      const res = await request();
      expect([what, res.status, res.body.code]).toEqual([what, status, code]);
    }
  });

  describe('401', () => {
    it('refuses a call without a token, with a bad token, and a wrong password', async () => {
      expect((await t.http().get('/api/negotiations')).status).toBe(401);
      expect((await t.http().get('/api/negotiations').set('Authorization', 'Bearer not.a.token')).status).toBe(401);
      const login = await t.http().post('/api/auth/login').send({ username: 'union.chief', password: 'wrong' });
      expect(login.status).toBe(401);
      expect(login.body.accessToken).toBeUndefined();
    });
  });

  describe('403', () => {
    it('refuses a worker opening a negotiation and an enterprise opening a collective contract', async () => {
      const body = await contractBody(t);
      expect((await t.http().post('/api/negotiations').set('Authorization', await t.login('rider.0001')).send(body)).status).toBe(403);
      expect((await t.http().post('/api/negotiations').set('Authorization', await t.login('platform.chief')).send(body)).status).toBe(403);
    });

    it('refuses a representative who is not chief where the API says chief, and the wrong side', async () => {
      const id = await toConsultation(t);
      await unchanged(id, async () => {
        expect((await send(t, id, 'union.rep2', { type: 'RECORD_VOTE', eligible: 9, present: 9, inFavour: 9, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET })).status).toBe(403);
        const wrongSide = await send(t, id, 'platform.chief', { type: 'RECORD_VOTE', eligible: 9, present: 9, inFavour: 9, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
        expect(wrongSide.status).toBe(403);
        expect(wrongSide.body.code).toBe('NEGOTIATION.NOT_YOURS_TO_SEND');
        expect((await send(t, id, 'union.chief', { type: 'REVIEW', decision: 'approve' })).status).toBe(403);
      });
    });
  });

  describe('404', () => {
    it('hides a negotiation from people with no part in it', async () => {
      const id = await openContract(t);
      const missing = await t.http().get('/api/negotiations/00000000-0000-4000-8000-000000000000').set('Authorization', await t.login('union.chief'));
      expect(missing.status).toBe(404);
      // a rider cannot see talks still in bargaining, only drafts under consultation
      expect((await t.http().get(`/api/negotiations/${id}`).set('Authorization', await t.login('rider.0001'))).status).toBe(404);
      expect((await send(t, id, 'rider.0001', { type: 'COMMENT', text: 'hi' })).status).toBe(404);
      expect((await t.http().get(`/api/negotiations/${id}/audit`).set('Authorization', await t.login('rider.0001'))).status).toBe(404);
    });

    it('answers an id that is not one with 404, as an id nobody has', async () => {
      const union = await t.login('union.chief');
      for (const [path, code] of [
        ['/api/negotiations/xyz', 'NEGOTIATION.NOT_FOUND'],
        ['/api/negotiations/xyz/rounds', 'NEGOTIATION.NOT_FOUND'],
        ['/api/agreements/xyz', 'AGREEMENT.NOT_FOUND'],
        ['/api/agreements/xyz/commitments', 'AGREEMENT.NOT_FOUND'],
      ]) {
        const res = await t.http().get(path).set('Authorization', union);
        expect([path, res.status, res.body.code]).toEqual([path, 404, code]);
        expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      }
      expect((await send(t, 'xyz', 'union.chief', { type: 'OFFER', terms: terms(690) })).status).toBe(404);
    });
  });

  it('404s a negotiator of a party who holds no seat once the side is seated', async () => {
    const id = await openContract(t);
    const template = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'union.rep3' });
    await t.dataSource.getRepository(User).insert({ ...template, id: randomUUID(), username: 'union.staff' });
    const staff = await t.login('union.staff');
    expect((await t.http().get(`/api/negotiations/${id}`).set('Authorization', staff)).status).toBe(404);
    expect((await send(t, id, 'union.staff', { type: 'WITHDRAW', reason: 'x' })).status).toBe(404);
    expect((await t.http().get('/api/negotiations').set('Authorization', staff)).body.items.map((n: { id: string }) => n.id)).not.toContain(id);
    // while the enterprise has no seats, its negotiators act for it
    expect((await t.http().get(`/api/negotiations/${id}`).set('Authorization', await t.login('platform.rep3'))).body.can).toEqual(['RESPOND']);
  });

  describe('409', () => {
    it('refuses an offer out of turn, saying the state and what the caller may send', async () => {
      const id = await openContract(t);
      await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
      await unchanged(id, async () => {
        const res = await send(t, id, 'union.chief', { type: 'OFFER', terms: terms(690) });
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ statusCode: 409, state: 'bargaining', allowed: ['SUSPEND', 'DISPUTE', 'WITHDRAW', 'REQUEST_INFORMATION', 'REPLACE_SEAT', 'VACATE_SEAT', 'NAME_RECORDER'] });
      });
    });

    it('refuses an event the state does not allow', async () => {
      const id = await openContract(t);
      const res = await send(t, id, 'union.chief', { type: 'SIGN' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ state: 'requested', allowed: ['WITHDRAW', 'REPLACE_SEAT', 'VACATE_SEAT'] });
    });

    it('refuses a stale If-Match and writes nothing', async () => {
      const id = await openContract(t);
      await unchanged(id, async () => {
        const res = await send(t, id, 'platform.chief', { type: 'RESPOND', accept: false, reason: '不同意' }, { 'If-Match': '7' });
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'NEGOTIATION.STALE_VERSION', version: 1, state: 'requested', allowed: ['RESPOND'] });
        expect((await send(t, id, 'platform.chief', { type: 'RESPOND', accept: false, reason: '不同意' }, { 'If-Match': '0' })).body).toMatchObject({ statusCode: 409, code: 'NEGOTIATION.STALE_VERSION' });
        for (const bad of ['-1', '1.5', 'three', '"1" "2"'])
          expect((await send(t, id, 'platform.chief', { type: 'RESPOND', accept: false, reason: '不同意' }, { 'If-Match': bad })).body).toMatchObject({ statusCode: 400, code: 'EVENT.BAD_IF_MATCH' });
      });
      expect((await send(t, id, 'platform.chief', { type: 'RESPOND', accept: false, reason: '不同意' }, { 'If-Match': 'W/"1"' })).status).toBe(200);
    });

    it('takes If-Match: * as any version', async () => {
      const id = await openContract(t);
      expect((await send(t, id, 'platform.chief', { type: 'RESPOND', accept: false, reason: '不同意' }, { 'If-Match': '*' })).status).toBe(200);
    });
  });

  describe('422', () => {
    it('refuses an offer below the minimum wage, naming the field and the figure', async () => {
      const id = await openContract(t);
      await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
      await unchanged(id, async () => {
        const res = await send(t, id, 'platform.chief', { type: 'OFFER', terms: terms(500) });
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('TERMS.BELOW_MINIMUM_WAGE');
        expect(res.body.message).toContain('terms.pieceRates[0].baseFen: 500 fen × 4 tasks/hour = 2000 fen/hour');
      });
    });

    it('refuses unequal and overlapping representatives, and fewer than three', async () => {
      const id = await openContract(t);
      const platform = await seats(t, 'platform');
      await unchanged(id, async () => {
        const unequal = await send(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: { ...platform, members: platform.members.slice(0, 1) } });
        expect(unequal.status).toBe(422);
        expect(unequal.body.message).toEqual(expect.arrayContaining([expect.stringContaining('equal number')]));
        const overlap = await send(t, id, 'platform.chief', {
          type: 'RESPOND',
          accept: true,
          representatives: { chief: platform.chief, members: [platform.members[0], await t.userId('union.rep2')] },
        });
        expect(overlap.status).toBe(422);
        expect(String(overlap.body.message)).toContain('both sides (art. 24)');
      });
      const few = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief'))
        .send(await contractBody(t, { representatives: { chief: await t.userId('union.chief'), members: [] } }));
      expect(few.status).toBe(422);
    });

    it('refuses vote arithmetic that cannot happen', async () => {
      const id = await toConsultation(t);
      await unchanged(id, async () => {
        // the scope covers 12 workers
        const res = await send(t, id, 'union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 13, inFavour: 13, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
        expect([res.status, res.body.code, res.body.message]).toEqual([422, 'VOTE.IMPOSSIBLE_TALLY', 'present cannot exceed eligible']);
        // a tally of the wrong roll is that first (API.md: eligible must equal the roll, VOTE.ELIGIBLE_MISMATCH otherwise)
        const both = await send(t, id, 'union.chief', { type: 'RECORD_VOTE', eligible: 10, present: 11, inFavour: 11, against: 0, abstained: 0, countSheetSha256: COUNT_SHEET });
        expect([both.status, both.body.code]).toEqual([422, 'VOTE.ELIGIBLE_MISMATCH']);
      });
    });

    it('refuses a coordination extension longer than the rule pack allows', async () => {
      const id = await openContract(t);
      await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: false, reason: '不同意协商' });
      const res = await send(t, id, 'bureau.reviewer', { type: 'EXTEND', days: 16 });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('NEGOTIATION.EXTENSION_TOO_LONG');
    });

    it('refuses an enterprise party the scope does not bind, and a scope outside the union', async () => {
      const stranger = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief'))
        .send(await contractBody(t, { counterpartyId: await t.orgId('platform2') }));
      expect(stranger.status).toBe(422);
      // the scope names platform, the table platform2: nobody binds an enterprise that is not at the table
      expect(stranger.body.code).toBe('SCOPE.ENTERPRISE_NOT_AT_TABLE');
      const body = await contractBody(t);
      body.scope.region = '420102'; // 武汉市江岸区: not the 十堰 union's
      const elsewhere = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(body);
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.body.code).toBe('SCOPE.OUTSIDE_UNION');
    });

    it('refuses a region that is not a GB/T 2260 code', async () => {
      const body = await contractBody(t);
      body.scope.region = '429999';
      const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(body);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('SCOPE.UNKNOWN_REGION');
    });
  });

  describe('413', () => {
    it('refuses a body over the limit', async () => {
      const id = await openContract(t);
      const res = await send(t, id, 'platform.chief', { type: 'RESPOND', accept: false, reason: 'x'.repeat(70_000) });
      expect(res.status).toBe(413);
    });

    it('keeps the larger import limit to the import route', async () => {
      const big = 'x'.repeat(200_000);
      const login = await t.http().post('/api/auth/login').set('Content-Type', 'text/csv').send(big);
      expect(login.status).toBe(415);
      const id = await openContract(t);
      const events = await t.http().post(`/api/negotiations/${id}/events`).set('Authorization', await t.login('platform.chief')).set('Content-Type', 'text/csv').send(big);
      expect(events.status).toBe(415);
    });
  });
});

describe('429', () => {
  it('limits requests per client, and logins more tightly', async () => {
    const t = await startTestApp({ scenario: false, env: { RATE_LIMIT_PER_MINUTE: '8', LOGIN_FAILURES_PER_ACCOUNT: '3' } });
    try {
      const logins = [];
      for (let i = 0; i < 4; i++) logins.push((await t.http().post('/api/auth/login').send({ username: 'union.chief', password: 'x' })).status);
      expect(logins).toEqual([401, 401, 401, 429]);
      // the web login form shares the account's budget
      const agent = browserAgent(t);
      const form = await agent.get('/login');
      const web = [];
      for (let i = 0; i < 4; i++)
        web.push((await agent.post('/login').type('form').send({ username: 'union.chief', password: 'x', _csrf: csrfOf(form.text) })).status);
      expect(web.at(-1)).toBe(429);
      const writes = [];
      // the budget is per route and client
      for (let i = 0; i < 9; i++) writes.push(await t.http().post('/api/negotiations').send({}));
      expect(writes.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
      // each counted answer says what is left; the refusal says when to come back
      expect(writes.map((r) => r.headers['x-ratelimit-remaining'])).toEqual(['7', '6', '5', '4', '3', '2', '1', '0', undefined]);
      expect(writes[0].headers).toMatchObject({ 'x-ratelimit-limit': '8' });
      expect(Number(writes[0].headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      const refused = writes[8];
      expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'REQUEST.TOO_MANY' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(55);
      expect(refused.body.retryAfterSeconds).toBe(Number(refused.headers['retry-after']));
      // another route has a budget of its own
      expect((await t.http().get('/api/negotiations')).status).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('gives each signed-in person a budget of their own, whatever address they share', async () => {
    const t = await startTestApp({ scenario: false, env: { RATE_LIMIT_PER_MINUTE: '8' } });
    try {
      // riders behind one carrier-grade NAT address (supertest: all from 127.0.0.1)
      const [first, second] = [await t.login('rider.0001'), await t.login('rider.0002')];
      const reads = async (auth: string, n: number) => {
        const statuses = [];
        for (let i = 0; i < n; i++) statuses.push((await t.http().get('/api/me/inbox').set('Authorization', auth)).status);
        return statuses;
      };
      expect(await reads(first, 9)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
      expect(await reads(second, 8)).toEqual(Array(8).fill(200));
      // a forged token spends the address's budget, not the person's it names
      const forged = `Bearer ${first.slice('Bearer '.length, -4)}AAAA`;
      expect(await reads(forged, 9)).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });

  it('never counts public, cacheable reads at the default budget', async () => {
    const defaults = new AppConfig();
    const t = await startTestApp({
      scenario: false,
      env: { RATE_LIMIT_PER_MINUTE: String(defaults.RATE_LIMIT_PER_MINUTE) },
    });
    try {
      const id = await toPublished(t);
      const agreement = await t.dataSource.getRepository(Agreement).findOneByOrFail({ negotiationId: id });
      // a crowd of riders behind one carrier-grade NAT address, all reading the new publication
      const reads = new Map<number, number>();
      const count = (status: number) => reads.set(status, (reads.get(status) ?? 0) + 1);
      for (let i = 0; i < defaults.RATE_LIMIT_PER_MINUTE + 50; i++) {
        count((await t.http().get(`/api/agreements/${agreement.id}`)).status);
        if (i % 10 === 0) count((await t.http().get('/api/agreements?industry=food_delivery')).status);
      }
      expect([...reads.keys()]).toEqual([200]);
      // (writes stay limited: the test above, with a small budget)
    } finally {
      await t.close();
    }
    // some 700 requests, one after another: room for a loaded machine (nothing here is timed)
  }, 300_000);
});

