import { Worker } from '../src/accounts/worker.entity';
import { TestApp, startTestApp } from './support/test-app';
import { contractBody, terms } from './support/negotiation-helpers';

/**
 * The authorisation matrix (issue 9 item 8): every API route × every role, and for the roles
 * where it matters the caller's relation (party / same organisation but not party / another
 * organisation; a covered worker / one the agreement does not cover), with the status each
 * gets. The probes are chosen so that no row changes what a later row sees: events the machine
 * refuses (409 once the permission table has let the caller through), bodies that fail
 * validation (400 once the role guard has), idempotent writes.
 *
 * A route Fastify serves without a row here fails the first test: add its row (read the
 * route's permission rules; do not copy what it answers).
 */
const API_ROUTE = /^\/(api\/|health$)/;

const CALLERS = [
  'anonymous',
  'union:party', // union.chief, the union's chief seat
  'union:not-party', // a negotiator of the same union without a seat
  'union:other-org', // a negotiator of another union
  'enterprise:party', // platform.chief
  'enterprise:not-party', // a rep of the same enterprise without a seat
  'enterprise:other-org', // a rep of another enterprise
  'bureau',
  'worker:covered', // rider.0001, covered by the demo contract
  'worker:not-covered', // a rider of another enterprise
  'admin',
] as const;
type Caller = (typeof CALLERS)[number];
type Statuses = Record<Caller, number>;

interface Target {
  contract: string; // the demo's published collective contract
  agreement: string; // its agreement
  union: string; // the demo union's organisation id
  unionChief: string;
  /** A well-formed request for a collective contract in the demo union's region. */
  request: object;
}

interface Probe {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  url: (x: Target) => string;
  body?: (x: Target) => unknown;
  type?: string;
  /** The route ends the caller's session: probe with a token of its own. */
  freshToken?: boolean;
  /** Server-sent events: the status is read from the head, then the stream is dropped. */
  stream?: boolean;
}

/** One status for every caller, but some. */
const all = (status: number, but: Partial<Statuses> = {}): Statuses =>
  ({ ...Object.fromEntries(CALLERS.map((c) => [c, status])), ...but }) as Statuses;
/** Signed-in callers get `status`; anonymous 401. */
const signedIn = (status: number, but: Partial<Statuses> = {}): Statuses => all(status, { anonymous: 401, ...but });
/** Only these roles pass the role guard (403 for the others, 401 anonymous). */
const only = (roles: Array<'union' | 'enterprise' | 'bureau' | 'worker' | 'admin'>, then: Partial<Statuses>): Statuses => {
  const base = signedIn(403);
  for (const c of CALLERS) if (roles.some((r) => c === r || c.startsWith(`${r}:`))) base[c] = then[c] ?? NaN;
  return { ...base, ...then };
};
/** A negotiation's reading routes: its parties, the bureau, admin and the workers it covers; 404 for the rest. */
const readers = (status = 200): Statuses =>
  signedIn(404, { 'union:party': status, 'enterprise:party': status, bureau: status, admin: status, 'worker:covered': status });

const NOBODY = '00000000-0000-4000-8000-000000000000';
/** The ledger's rows (read from its controllers' rules and API.md; see the report for the ones that look odd). */
const LEDGER: Record<string, Statuses> = {
  'GET /api/agreements/:id/commitments': { 'anonymous': 200, 'union:party': 200, 'union:not-party': 200, 'union:other-org': 200, 'enterprise:party': 200, 'enterprise:not-party': 200, 'enterprise:other-org': 200, 'bureau': 200, 'worker:covered': 200, 'worker:not-covered': 200, 'admin': 200 },
  'POST /api/commitments/:id/reports': { 'anonymous': 401, 'union:party': 404, 'union:not-party': 404, 'union:other-org': 404, 'enterprise:party': 404, 'enterprise:not-party': 404, 'enterprise:other-org': 404, 'bureau': 404, 'worker:covered': 404, 'worker:not-covered': 404, 'admin': 404 },
  'POST /api/commitments/:id/verification': { 'anonymous': 401, 'union:party': 404, 'union:not-party': 404, 'union:other-org': 404, 'enterprise:party': 404, 'enterprise:not-party': 404, 'enterprise:other-org': 404, 'bureau': 404, 'worker:covered': 404, 'worker:not-covered': 404, 'admin': 404 },
  'GET /api/board': { 'anonymous': 200, 'union:party': 200, 'union:not-party': 200, 'union:other-org': 200, 'enterprise:party': 200, 'enterprise:not-party': 200, 'enterprise:other-org': 200, 'bureau': 200, 'worker:covered': 200, 'worker:not-covered': 200, 'admin': 200 },
  'POST /api/agreements/:id/complaints': { 'anonymous': 401, 'union:party': 403, 'union:not-party': 403, 'union:other-org': 403, 'enterprise:party': 403, 'enterprise:not-party': 403, 'enterprise:other-org': 403, 'bureau': 403, 'worker:covered': 400, 'worker:not-covered': 400, 'admin': 403 },
  'GET /api/agreements/:id/complaints': { 'anonymous': 401, 'union:party': 200, 'union:not-party': 403, 'union:other-org': 403, 'enterprise:party': 200, 'enterprise:not-party': 403, 'enterprise:other-org': 403, 'bureau': 200, 'worker:covered': 403, 'worker:not-covered': 403, 'admin': 403 },
  'GET /api/me/complaints': { 'anonymous': 401, 'union:party': 403, 'union:not-party': 403, 'union:other-org': 403, 'enterprise:party': 403, 'enterprise:not-party': 403, 'enterprise:other-org': 403, 'bureau': 403, 'worker:covered': 200, 'worker:not-covered': 200, 'admin': 403 },
  'POST /api/complaints/:id/answer': { 'anonymous': 401, 'union:party': 404, 'union:not-party': 404, 'union:other-org': 404, 'enterprise:party': 404, 'enterprise:not-party': 404, 'enterprise:other-org': 404, 'bureau': 404, 'worker:covered': 404, 'worker:not-covered': 404, 'admin': 404 },
  'POST /api/complaints/:id/accept': { 'anonymous': 401, 'union:party': 403, 'union:not-party': 403, 'union:other-org': 403, 'enterprise:party': 403, 'enterprise:not-party': 403, 'enterprise:other-org': 403, 'bureau': 403, 'worker:covered': 404, 'worker:not-covered': 404, 'admin': 403 },
  'POST /api/complaints/:id/escalate': { 'anonymous': 401, 'union:party': 403, 'union:not-party': 403, 'union:other-org': 403, 'enterprise:party': 403, 'enterprise:not-party': 403, 'enterprise:other-org': 403, 'bureau': 403, 'worker:covered': 404, 'worker:not-covered': 404, 'admin': 403 },
  'POST /api/complaints/:id/refer': { 'anonymous': 401, 'union:party': 404, 'union:not-party': 404, 'union:other-org': 404, 'enterprise:party': 404, 'enterprise:not-party': 404, 'enterprise:other-org': 404, 'bureau': 404, 'worker:covered': 404, 'worker:not-covered': 404, 'admin': 404 },
  'POST /api/agreements/:id/surveys': { 'anonymous': 401, 'union:party': 400, 'union:not-party': 400, 'union:other-org': 400, 'enterprise:party': 400, 'enterprise:not-party': 400, 'enterprise:other-org': 400, 'bureau': 400, 'worker:covered': 400, 'worker:not-covered': 400, 'admin': 400 },
  'GET /api/agreements/:id/surveys': { 'anonymous': 200, 'union:party': 200, 'union:not-party': 200, 'union:other-org': 200, 'enterprise:party': 200, 'enterprise:not-party': 200, 'enterprise:other-org': 200, 'bureau': 200, 'worker:covered': 200, 'worker:not-covered': 200, 'admin': 200 },
  'GET /api/me/surveys': { 'anonymous': 401, 'union:party': 403, 'union:not-party': 403, 'union:other-org': 403, 'enterprise:party': 403, 'enterprise:not-party': 403, 'enterprise:other-org': 403, 'bureau': 403, 'worker:covered': 200, 'worker:not-covered': 200, 'admin': 403 },
  'POST /api/surveys/:id/responses': { 'anonymous': 401, 'union:party': 403, 'union:not-party': 403, 'union:other-org': 403, 'enterprise:party': 403, 'enterprise:not-party': 403, 'enterprise:other-org': 403, 'bureau': 403, 'worker:covered': 404, 'worker:not-covered': 404, 'admin': 403 },
  'GET /api/surveys/:id/results': { 'anonymous': 401, 'union:party': 404, 'union:not-party': 404, 'union:other-org': 404, 'enterprise:party': 404, 'enterprise:not-party': 404, 'enterprise:other-org': 404, 'bureau': 404, 'worker:covered': 404, 'worker:not-covered': 404, 'admin': 404 },
  'GET /api/reports/annual': { 'anonymous': 401, 'union:party': 200, 'union:not-party': 200, 'union:other-org': 200, 'enterprise:party': 403, 'enterprise:not-party': 403, 'enterprise:other-org': 403, 'bureau': 200, 'worker:covered': 403, 'worker:not-covered': 403, 'admin': 403 },
};

const MATRIX: Record<string, { probe: Probe; expect: Statuses }> = {
  'GET /health': { probe: { method: 'GET', url: () => '/health' }, expect: all(200) },
  'POST /api/auth/login': {
    // a good login (failed ones would run into the per-address limit): public, whoever asks
    probe: { method: 'POST', url: () => '/api/auth/login', body: () => ({ username: 'union.chief', password: 'demo-pass' }) },
    expect: all(200),
  },
  'POST /api/auth/logout': { probe: { method: 'POST', url: () => '/api/auth/logout', freshToken: true }, expect: signedIn(204) },
  'POST /api/organizations': {
    probe: { method: 'POST', url: () => '/api/organizations', body: () => ({}) },
    expect: only(['admin'], { admin: 400 }),
  },
  'PUT /api/organizations/:id/chief': {
    probe: { method: 'PUT', url: (x) => `/api/organizations/${x.union}/chief`, body: (x) => ({ userId: x.unionChief }) },
    expect: only(['admin'], { admin: 200 }),
  },
  'POST /api/users': { probe: { method: 'POST', url: () => '/api/users', body: () => ({}) }, expect: only(['admin'], { admin: 400 }) },
  'POST /api/workers': {
    // a row without its fields: reported as rejected, nothing kept, for the caller's own enterprise
    probe: { method: 'POST', url: () => '/api/workers', type: 'application/x-ndjson', body: () => '{"externalId":"matrix-probe"}\n' },
    expect: only(['enterprise'], { 'enterprise:party': 200, 'enterprise:not-party': 200, 'enterprise:other-org': 200 }),
  },
  'PUT /api/organizations/mine/webhook': {
    probe: { method: 'PUT', url: () => '/api/organizations/mine/webhook', body: () => ({}) },
    // an enterprise's people set its publications' webhook, a bureau's its checkpoints' (the body then fails validation)
    expect: only(['enterprise', 'bureau'], { 'enterprise:party': 400, 'enterprise:not-party': 400, 'enterprise:other-org': 400, bureau: 400 }),
  },
  'POST /api/negotiations': {
    // a well-formed request: any negotiator of the union opens it (a new negotiation, which no other row reads);
    // another region's union may not bargain here (422), and no other role opens a collective contract
    probe: { method: 'POST', url: () => '/api/negotiations', body: (x) => x.request },
    expect: signedIn(403, { 'union:party': 201, 'union:not-party': 201, 'union:other-org': 422 }),
  },
  'GET /api/negotiations': { probe: { method: 'GET', url: () => '/api/negotiations' }, expect: signedIn(200) },
  'GET /api/negotiations/:id': { probe: { method: 'GET', url: (x) => `/api/negotiations/${x.contract}` }, expect: readers() },
  'POST /api/negotiations/:id/events': {
    // SIGN on a published contract: each chief passes the permission table and the machine refuses (409)
    probe: { method: 'POST', url: (x) => `/api/negotiations/${x.contract}/events`, body: () => ({ type: 'SIGN' }) },
    expect: signedIn(404, { 'union:party': 409, 'enterprise:party': 409, bureau: 403, admin: 403, 'worker:covered': 403 }),
  },
  'GET /api/negotiations/:id/rounds': { probe: { method: 'GET', url: (x) => `/api/negotiations/${x.contract}/rounds` }, expect: readers() },
  'GET /api/negotiations/:id/comments': { probe: { method: 'GET', url: (x) => `/api/negotiations/${x.contract}/comments` }, expect: readers() },
  'GET /api/negotiations/:id/audit': { probe: { method: 'GET', url: (x) => `/api/negotiations/${x.contract}/audit` }, expect: readers() },
  'GET /api/negotiations/:id/audit/verify': { probe: { method: 'GET', url: (x) => `/api/negotiations/${x.contract}/audit/verify` }, expect: readers() },
  // costing (src/costing): the enterprise chief hands over samples and declares the current rules; both sides' representatives and the bureau read
  'POST /api/negotiations/:id/order-samples': {
    // the chief passes the permission table; the machine takes samples only in bargaining or suspended (409)
    probe: { method: 'POST', url: (x) => `/api/negotiations/${x.contract}/order-samples?kind=orders`, type: 'text/csv', body: () => 'riderHash,day,km,minutes,night,badWeather\n' },
    expect: signedIn(404, { 'union:party': 403, 'enterprise:party': 409, bureau: 403, admin: 403, 'worker:covered': 403 }),
  },
  'PUT /api/negotiations/:id/current-terms': {
    probe: { method: 'PUT', url: (x) => `/api/negotiations/${x.contract}/current-terms`, body: () => ({ terms: terms(600, { termMonths: undefined, clauses: [] }) }) },
    expect: signedIn(404, { 'union:party': 403, 'enterprise:party': 409, bureau: 403, admin: 403, 'worker:covered': 403 }),
  },
  'GET /api/negotiations/:id/costing': {
    probe: { method: 'GET', url: (x) => `/api/negotiations/${x.contract}/costing` },
    // API.md: both sides' representatives and the bureau — not admin, and not the workers who can read the negotiation
    expect: signedIn(404, { 'union:party': 200, 'enterprise:party': 200, bureau: 200, admin: 403, 'worker:covered': 403 }),
  },
  // ballots (src/ballots): the demo contract was ratified by a recorded vote, so it has no ballot
  'POST /api/negotiations/:id/ballot': {
    // who can read the negotiation hears that no ballot is open (409) before whether they may cast one
    probe: { method: 'POST', url: (x) => `/api/negotiations/${x.contract}/ballot`, body: () => ({ choice: 'for' }) },
    expect: signedIn(404, { 'union:party': 409, 'enterprise:party': 409, bureau: 409, admin: 409, 'worker:covered': 409 }),
  },
  'GET /api/negotiations/:id/ballot': {
    probe: { method: 'GET', url: (x) => `/api/negotiations/${x.contract}/ballot` },
    expect: signedIn(404, { admin: 403 }),
  },
  // signed checkpoints (src/audit): public
  'GET /api/audit/checkpoints': { probe: { method: 'GET', url: () => '/api/audit/checkpoints' }, expect: all(200) },
  'GET /api/audit/checkpoints/:seq/proof/:negotiationId': {
    probe: { method: 'GET', url: (x) => `/api/audit/checkpoints/999999/proof/${x.contract}` },
    expect: all(404),
  },
  'GET /api/audit/public-key': { probe: { method: 'GET', url: () => '/api/audit/public-key' }, expect: all(200) },
  // the ledger after publication (src/ledger). Commitment, complaint and survey ids are unknown ones: whether a
  // role gets past the guard and the lookup; who among the parties may act on a real one is the ledger's own tests
  'GET /api/agreements/:id/commitments': { probe: { method: 'GET', url: (x) => `/api/agreements/${x.agreement}/commitments` }, expect: LEDGER['GET /api/agreements/:id/commitments'] },
  'POST /api/commitments/:id/reports': { probe: { method: 'POST', url: () => `/api/commitments/${NOBODY}/reports`, body: () => ({ progress: 50, text: '进展' }) }, expect: LEDGER['POST /api/commitments/:id/reports'] },
  'POST /api/commitments/:id/verification': { probe: { method: 'POST', url: () => `/api/commitments/${NOBODY}/verification`, body: () => ({ verdict: 'confirmed', note: '核实' }) }, expect: LEDGER['POST /api/commitments/:id/verification'] },
  'GET /api/board': { probe: { method: 'GET', url: () => '/api/board' }, expect: LEDGER['GET /api/board'] },
  'POST /api/agreements/:id/complaints': { probe: { method: 'POST', url: (x) => `/api/agreements/${x.agreement}/complaints`, body: () => ({}) }, expect: LEDGER['POST /api/agreements/:id/complaints'] },
  'GET /api/agreements/:id/complaints': { probe: { method: 'GET', url: (x) => `/api/agreements/${x.agreement}/complaints` }, expect: LEDGER['GET /api/agreements/:id/complaints'] },
  'GET /api/me/complaints': { probe: { method: 'GET', url: () => '/api/me/complaints' }, expect: LEDGER['GET /api/me/complaints'] },
  'POST /api/complaints/:id/answer': { probe: { method: 'POST', url: () => `/api/complaints/${NOBODY}/answer`, body: () => ({ text: '答复' }) }, expect: LEDGER['POST /api/complaints/:id/answer'] },
  'POST /api/complaints/:id/accept': { probe: { method: 'POST', url: () => `/api/complaints/${NOBODY}/accept` }, expect: LEDGER['POST /api/complaints/:id/accept'] },
  'POST /api/complaints/:id/escalate': { probe: { method: 'POST', url: () => `/api/complaints/${NOBODY}/escalate`, body: () => ({ reason: '不满意' }) }, expect: LEDGER['POST /api/complaints/:id/escalate'] },
  'POST /api/complaints/:id/refer': { probe: { method: 'POST', url: () => `/api/complaints/${NOBODY}/refer`, body: () => ({ reason: '移交' }) }, expect: LEDGER['POST /api/complaints/:id/refer'] },
  'POST /api/agreements/:id/surveys': { probe: { method: 'POST', url: (x) => `/api/agreements/${x.agreement}/surveys`, body: () => ({}) }, expect: LEDGER['POST /api/agreements/:id/surveys'] },
  'GET /api/agreements/:id/surveys': { probe: { method: 'GET', url: (x) => `/api/agreements/${x.agreement}/surveys` }, expect: LEDGER['GET /api/agreements/:id/surveys'] },
  'GET /api/me/surveys': { probe: { method: 'GET', url: () => '/api/me/surveys' }, expect: LEDGER['GET /api/me/surveys'] },
  'POST /api/surveys/:id/responses': { probe: { method: 'POST', url: () => `/api/surveys/${NOBODY}/responses`, body: () => ({ answers: {} }) }, expect: LEDGER['POST /api/surveys/:id/responses'] },
  'GET /api/surveys/:id/results': { probe: { method: 'GET', url: () => `/api/surveys/${NOBODY}/results` }, expect: LEDGER['GET /api/surveys/:id/results'] },
  'GET /api/reports/annual': { probe: { method: 'GET', url: () => '/api/reports/annual?year=2027' }, expect: LEDGER['GET /api/reports/annual'] },
  'GET /api/agreements': { probe: { method: 'GET', url: () => '/api/agreements' }, expect: all(200) },
  'GET /api/agreements/:id': { probe: { method: 'GET', url: (x) => `/api/agreements/${x.agreement}` }, expect: all(200) },
  'GET /api/agreements/:id/verify': { probe: { method: 'GET', url: (x) => `/api/agreements/${x.agreement}/verify` }, expect: all(200) },
  'GET /api/agreements/:id/acknowledgements': {
    probe: { method: 'GET', url: (x) => `/api/agreements/${x.agreement}/acknowledgements` },
    expect: signedIn(403, { 'union:party': 200, 'enterprise:party': 200, bureau: 200 }),
  },
  'GET /api/me/inbox': { probe: { method: 'GET', url: () => '/api/me/inbox' }, expect: only(['worker'], { 'worker:covered': 200, 'worker:not-covered': 200 }) },
  'POST /api/me/inbox/:agreementId/ack': {
    probe: { method: 'POST', url: (x) => `/api/me/inbox/${x.agreement}/ack` },
    expect: only(['worker'], { 'worker:covered': 200, 'worker:not-covered': 403 }),
  },
  'GET /api/me/stream': {
    probe: { method: 'GET', url: () => '/api/me/stream', stream: true },
    expect: only(['worker'], { 'worker:covered': 200, 'worker:not-covered': 200 }),
  },
  'GET /api/deadlines': {
    probe: { method: 'GET', url: () => '/api/deadlines' },
    expect: only(['union', 'enterprise', 'bureau', 'admin'], Object.fromEntries(CALLERS.filter((c) => !c.startsWith('worker') && c !== 'anonymous').map((c) => [c, 200]))),
  },
  'GET /api/notifications': { probe: { method: 'GET', url: () => '/api/notifications' }, expect: signedIn(200) },
};

const STRONG = 'Matrix-passphrase-2027-kx9!';

describe('the authorisation matrix: every route × every role and relation', () => {
  let t: TestApp;
  const logins = new Map<Caller, string>();
  let target: Target;

  beforeAll(async () => {
    t = await startTestApp({ scenario: true });
    const admin = await t.login('admin');
    const add = async (path: string, body: object) => {
      const res = await t.http().post(path).set('Authorization', admin).send(body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { id: string };
    };
    const otherUnion = await add('/api/organizations', { name: '北京市外卖配送行业工会', kind: 'union', industry: 'food_delivery', region: '110000' });
    const person = (username: string, role: string, organizationId: string, workerId?: string) =>
      add('/api/users', { username, displayName: username, role, password: STRONG, organizationId, ...(workerId ? { workerId } : {}) });
    await person('union.rep4', 'union_negotiator', await t.orgId('union'));
    await person('union2.neg', 'union_negotiator', otherUnion.id);
    await person('platform.rep4', 'enterprise_rep', await t.orgId('platform'));
    await person('platform2.rep', 'enterprise_rep', await t.orgId('platform2'));
    const login = async (username: string, password = STRONG) => {
      const res = await t.http().post('/api/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
      return `Bearer ${res.body.accessToken}`;
    };
    const platform2 = await login('platform2.rep');
    await t.http().post('/api/workers').set('Authorization', platform2).set('Content-Type', 'application/x-ndjson')
      .send('{"externalId":"p2-0001","region":"420302","category":"delivery_rider","displayName":"外司骑手"}\n');
    const outsider = await t.dataSource.getRepository(Worker).findOneByOrFail({ externalId: 'p2-0001', enterpriseId: await t.orgId('platform2') });
    await person('rider.outsider', 'worker', await t.orgId('platform2'), outsider.id);

    logins.set('union:party', await t.login('union.chief'));
    logins.set('union:not-party', await login('union.rep4'));
    logins.set('union:other-org', await login('union2.neg'));
    logins.set('enterprise:party', await t.login('platform.chief'));
    logins.set('enterprise:not-party', await login('platform.rep4'));
    logins.set('enterprise:other-org', platform2);
    logins.set('bureau', await t.login('bureau.reviewer'));
    logins.set('worker:covered', await t.login('rider.0001'));
    logins.set('worker:not-covered', await login('rider.outsider'));
    logins.set('admin', admin);

    const published = (await t.http().get('/api/agreements')).body.items.find((a: { kind: string }) => a.kind === 'collective_contract');
    target = {
      contract: published.negotiationId,
      agreement: published.id,
      union: await t.orgId('union'),
      unionChief: await t.userId('union.chief'),
      request: await contractBody(t, { title: '授权矩阵探测' }),
    };
    // the fresh tokens logout ends
    freshLogin = async (caller) => {
      const username = { 'union:party': 'union.chief', 'enterprise:party': 'platform.chief', bureau: 'bureau.reviewer', 'worker:covered': 'rider.0001', admin: 'admin' }[caller as string];
      const [name, password] = username
        ? [username, 'demo-pass']
        : [{ 'union:not-party': 'union.rep4', 'union:other-org': 'union2.neg', 'enterprise:not-party': 'platform.rep4', 'enterprise:other-org': 'platform2.rep', 'worker:not-covered': 'rider.outsider' }[caller as string]!, STRONG];
      return login(name, password);
    };
  }, 120_000);
  afterAll(() => t.close());

  let freshLogin: (caller: Caller) => Promise<string>;

  it('has a row for every route Fastify serves under /api and /health, and none for a route it does not', () => {
    const routes = [...t.routes].filter((r) => API_ROUTE.test(r.split(' ')[1]));
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !t.routes.has(r))).toEqual([]);
  });

  it('answers each caller as the matrix says', async () => {
    const actual: Record<string, Partial<Statuses>> = {};
    for (const [route, { probe }] of Object.entries(MATRIX)) {
      actual[route] = {};
      for (const caller of CALLERS) {
        const token = caller === 'anonymous' ? undefined : probe.freshToken ? await freshLogin(caller) : logins.get(caller)!;
        let req = t.http()[probe.method.toLowerCase() as 'get'](probe.url(target));
        if (token) req = req.set('Authorization', token);
        if (probe.type) req = req.set('Content-Type', probe.type);
        if (probe.stream) req = req.buffer(false).parse((res, done) => { done(null, null); (res as unknown as { destroy(): void }).destroy(); });
        const body = probe.body?.(target);
        const res = await (body === undefined ? req : req.send(body as object));
        actual[route][caller] = res.status;
      }
    }
    expect(actual).toEqual(Object.fromEntries(Object.entries(MATRIX).map(([route, row]) => [route, row.expect])));
  }, 120_000);
});
