import { TestApp, startTestApp } from './support/test-app';
import { contractBody, openContract, seats, sendOk, terms, toConsultation } from './support/negotiation-helpers';
import { Agent, browserAgent, formBody, webLogin } from './web/support/web-agent';
import { csrfOf } from './web/support/html';
import { MAX_FEN } from '../src/terms/terms';
import { MAX_PARAM_LENGTH } from '../src/app';

/**
 * Issue 9 item 3: every malformed input is a 4xx and changes nothing. Each bad input goes to
 * every route that takes a body (API and web forms); the database is dumped before and after.
 */
type Body = Record<string, unknown>;
interface Route {
  name: string;
  /** Sends a JSON text (API) or a form (web); resolves to the status. */
  send: (raw: string | Body) => Promise<number>;
  form?: boolean;
  valid: () => Body;
  /** A text field of the valid body, and (API routes) a numeric one. */
  text: string;
  /** The text is one people write for others to read (a title, a name, an opinion): it may not be blank. */
  written?: boolean;
  number?: string;
  /** Bad inputs only this route can get. */
  own?: Array<[string, Body | string]>;
}

/** Sets a dotted path (`terms.pieceRates.0.baseFen`) in a copy of the body. */
function withField(body: Body, path: string, value: unknown): Body {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  if (value === undefined) delete at[keys.at(-1)!];
  else at[keys.at(-1)!] = value;
  return copy;
}

/** A JSON text with a number JSON.stringify cannot write (9007199254740993 would be rounded first). */
const withRawNumber = (body: Body, path: string, literal: string) => JSON.stringify(withField(body, path, '@@N@@')).replace('"@@N@@"', literal);

const BLANKS = ['   ', '\u3000\u3000', ' \u3000 '];

const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

const CONTROL_CHARACTERS = { NUL: '\u0000', BEL: '\u0007', ESC: '\u001b', 'lone CR': '\r', DEL: '\u007f', 'U+202E (right-to-left override)': '\u202e', 'U+2066 (isolate)': '\u2066', 'U+202A': '\u202a' };

describe('malformed input', () => {
  let t: TestApp;
  let bargaining: string;
  let consultation: string;
  let webUnion: Agent;
  let webRider: Agent;
  let webGuest: Agent;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
    bargaining = await openContract(t);
    await sendOk(t, bargaining, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    consultation = await toConsultation(t);
    for (const who of ['union.chief', 'platform.chief', 'admin', 'rider.0001']) tokens[who] = await t.login(who);
    webUnion = await webLogin(t, 'union.chief');
    webRider = await webLogin(t, 'rider.0001');
    webGuest = browserAgent(t);
  });
  afterAll(() => t.close());

  /** Every table, every row, in a stable order. */
  async function dump(): Promise<string> {
    const tables = t.dataSource.entityMetadatas.map((m) => m.tableName).sort();
    const out: Record<string, string[]> = {};
    for (const table of tables) out[table] = ((await t.dataSource.query(`SELECT * FROM "${table}"`)) as object[]).map((r) => JSON.stringify(r)).sort();
    return JSON.stringify(out);
  }

  const api = (method: 'post' | 'put', path: () => string, who: string) => async (raw: string | Body) =>
    (await t.http()[method](path()).set('Authorization', tokens[who]).set('content-type', 'application/json').send(typeof raw === 'string' ? raw : JSON.stringify(raw))).status;
  const web = (agent: () => Agent, page: () => string, action: () => string) => async (fields: string | Body) => {
    const csrf = csrfOf((await agent().get(page())).text);
    const form = Object.fromEntries(Object.entries(fields as Body).map(([k, v]) => [k, String(v)]));
    return (await agent().post(action()).type('form').send(formBody({ _csrf: csrf, ...form }))).status;
  };

  const routes = (): Route[] => [
    { name: 'POST /api/auth/login', send: async (raw) => (await t.http().post('/api/auth/login').set('content-type', 'application/json').send(typeof raw === 'string' ? raw : JSON.stringify(raw))).status, valid: () => ({ username: 'union.chief', password: 'demo-pass' }), text: 'username' },
    {
      name: 'POST /api/negotiations',
      send: api('post', () => '/api/negotiations', 'union.chief'),
      valid: () => contractBodyNow,
      text: 'title',
      written: true,
      number: 'proposal.pieceRates.0.baseFen',
      own: [
        ['no proposal', withField(contractBodyNow, 'proposal', undefined)],
        ['no scope', withField(contractBodyNow, 'scope', undefined)],
        ['no representatives', withField(contractBodyNow, 'representatives', undefined)],
        ['a rule change without representatives', withField({ ...contractBodyNow, kind: 'rule_change' }, 'representatives', undefined)],
        ['representatives as an array', withField(contractBodyNow, 'representatives', [])],
        ['proposal as a string', withField(contractBodyNow, 'proposal', 'terms')],
        ['no laborQuota in the proposal', withField(contractBodyNow, 'proposal.laborQuota', undefined)],
        ['pieceRates as an object', withField(contractBodyNow, 'proposal.pieceRates', { task: 'delivery', baseFen: 700 })],
        [`baseFen above ${MAX_FEN}`, withField(contractBodyNow, 'proposal.pieceRates.0.baseFen', MAX_FEN + 1)],
        ['baseFen as a string', withField(contractBodyNow, 'proposal.pieceRates.0.baseFen', '700')],
        ['baseFen 1e308', withRawNumber(contractBodyNow, 'proposal.pieceRates.0.baseFen', '1e308')],
        ['perKmFen 9007199254740993', withRawNumber(contractBodyNow, 'proposal.pieceRates.0.perKmFen', '9007199254740993')],
        // null is not "left out": terms are stored and computed on as given (it was published as the term)
        ['termMonths null', withField(contractBodyNow, 'proposal.termMonths', null)],
        ['commission null', withField(contractBodyNow, 'proposal.commission', null)],
        ['perKmFen null', withField(contractBodyNow, 'proposal.pieceRates.0.perKmFen', null)],
        ['clauses null', withField(contractBodyNow, 'proposal.clauses', null)],
        ['a body that is an array', '[]'],
        ['a body that is a number', '42'],
      ],
    },
    {
      name: 'POST /api/negotiations/:id/events',
      send: api('post', () => `/api/negotiations/${bargaining}/events`, 'platform.chief'),
      valid: () => ({ type: 'OFFER', terms: terms(650), note: '第二轮报价' }),
      text: 'note',
      number: 'terms.pieceRates.0.perKmFen',
      own: [
        ['an OFFER without terms', { type: 'OFFER' }],
        ['an OFFER with terms []', { type: 'OFFER', terms: [] }],
        ['an OFFER with terms null', { type: 'OFFER', terms: null }],
        ['an OFFER with termMonths null', { type: 'OFFER', terms: { ...terms(650), termMonths: null } }],
        ['an OFFER with restSchedule null', { type: 'OFFER', terms: { ...terms(650), restSchedule: null } }],
        ['an unknown event type', { type: 'HACK' }],
        ['a numeric event type', { type: 7 }],
        ['no event type', {}],
        ['an array', '[{"type":"OFFER"}]'],
        ['a RESPOND accepting without representatives', { type: 'RESPOND', accept: true }],
        ['a SUSPEND to 2027-02-30', { type: 'SUSPEND', resumeOn: '2027-02-30', reason: '春节' }],
        ['a SUSPEND to 2027-13-01', { type: 'SUSPEND', resumeOn: '2027-13-01', reason: '春节' }],
        ['RESPOND_TO_OPINIONS with answers {}', { type: 'RESPOND_TO_OPINIONS', answers: {} }],
        ['REQUEST_BARGAINING with a proposal that is not terms', { type: 'REQUEST_BARGAINING', reason: 'x', proposal: 'the same as before' }],
        ['REQUEST_BARGAINING with representatives []', { type: 'REQUEST_BARGAINING', reason: 'x', representatives: [] }],
        [`nightSurchargeFen above ${MAX_FEN}`, { type: 'OFFER', terms: terms(650, { pieceRates: [{ task: 'delivery', baseFen: 650, nightSurchargeFen: MAX_FEN + 1 }] }) }],
        ['RECORD_VOTE eligible 9007199254740993', '{"type":"RECORD_VOTE","eligible":9007199254740993,"present":1,"inFavour":1,"against":0,"abstained":0}'],
      ],
    },
    { name: 'POST /api/negotiations/:id/events (COMMENT)', send: api('post', () => `/api/negotiations/${consultation}/events`, 'rider.0001'), valid: () => ({ type: 'COMMENT', text: '雨天补贴能否提高？' }), text: 'text', written: true },
    { name: 'PUT /api/organizations/mine/webhook', send: api('put', () => '/api/organizations/mine/webhook', 'platform.chief'), valid: () => ({ url: 'http://127.0.0.1:9/hook', secret: 'platform-webhook-secret-123' }), text: 'secret' },
    { name: 'POST /api/organizations', send: api('post', () => '/api/organizations', 'admin'), valid: () => ({ name: '上海市外卖配送行业工会', kind: 'union', industry: 'food_delivery', region: '310000' }), text: 'name', written: true },
    { name: 'POST /api/users', send: api('post', () => '/api/users', 'admin'), valid: () => ({ username: 'ops.second', displayName: '运维二', role: 'admin', password: 'kX9#mP2$vL7!q' }), text: 'displayName', written: true },
    { name: 'POST /login (form)', form: true, send: web(() => webGuest, () => '/login', () => '/login'), valid: () => ({ username: 'union.chief', password: 'demo-pass' }), text: 'username' },
    { name: 'POST /negotiations/:id/comments (form)', form: true, send: web(() => webRider, () => `/negotiations/${consultation}/comments`, () => `/negotiations/${consultation}/comments`), valid: () => ({ text: '夜间单价能否提高？' }), text: 'text', written: true },
    {
      name: 'POST /negotiations/:id/events (form)',
      form: true,
      send: web(() => webUnion, () => `/negotiations/${bargaining}`, () => `/negotiations/${bargaining}/events`),
      valid: () => ({ type: 'SUSPEND', resumeOn: '2027-03-01', reason: '春节假期' }),
      text: 'reason',
      written: true,
      own: [['a SUSPEND to 2027-02-30', { type: 'SUSPEND', resumeOn: '2027-02-30', reason: '春节假期' }], ['an unknown event type', { type: 'HACK' }]],
    },
  ];
  let contractBodyNow: Body;

  it('answers every bad input on every route with a 4xx, and the database is as it was', async () => {
    contractBodyNow = await contractBody(t);
    const before = await dump();
    const answers: string[] = [];
    for (const route of routes()) {
      const cases: Array<[string, Body | string]> = [
        ...Object.entries(CONTROL_CHARACTERS).map(([name, c]): [string, Body] => [`${name} in ${route.text}`, withField(route.valid(), route.text, `ab${c}cd`)]),
        // spaces, and the ideographic space a Chinese keyboard types (U+3000)
        ...(route.written ? BLANKS.map((blank): [string, Body] => [`${route.text} ${JSON.stringify(blank)}`, withField(route.valid(), route.text, blank)]) : []),
        // a form carries fields of the page's own (key, version, next): unknown ones are the API's concern
        ...(route.form
          ? []
          : ([
              // half a surrogate pair: JSON can write one (\ud800), a form cannot (it arrives as U+FFFD)
              [`a lone high surrogate in ${route.text}`, withField(route.valid(), route.text, 'ab\ud800cd')],
              [`a lone low surrogate in ${route.text}`, withField(route.valid(), route.text, 'ab\udc00cd')],
              ['an unknown field', { ...route.valid(), isAdmin: true }],
              ['a 3000-deep body', deep(3000)],
              [`nesting below ${route.text}`, withField(route.valid(), route.text, JSON.parse(deep(20)))],
              [`a number for ${route.text}`, withField(route.valid(), route.text, 12345)],
              [`an object for ${route.text}`, withField(route.valid(), route.text, { $gt: '' })],
              [`1e308 in ${route.number ?? route.text}`, withRawNumber(route.valid(), route.number ?? route.text, '1e308')],
              [`9007199254740993 in ${route.number ?? route.text}`, withRawNumber(route.valid(), route.number ?? route.text, '9007199254740993')],
              ['no body fields', {}],
            ] as Array<[string, Body | string]>)),
        ...(route.own ?? []),
      ];
      for (const [name, body] of cases) {
        const status = await route.send(body);
        if (status < 400 || status >= 500) answers.push(`${route.name}, ${name}: ${status}`);
      }
    }
    expect(answers).toEqual([]);
    expect(await dump()).toBe(before);
  });

  it('takes the same bodies when they are well formed (so the refusals above were the bad inputs)', async () => {
    const expected: Record<string, number> = {
      'POST /api/auth/login': 200,
      'POST /api/negotiations': 201,
      'POST /api/negotiations/:id/events': 200,
      'POST /api/negotiations/:id/events (COMMENT)': 200,
      'PUT /api/organizations/mine/webhook': 200,
      'POST /api/organizations': 201,
      'POST /api/users': 201,
      'POST /login (form)': 303,
      'POST /negotiations/:id/comments (form)': 303,
      'POST /negotiations/:id/events (form)': 303,
    };
    const statuses: Record<string, number> = {};
    for (const route of routes()) statuses[route.name] = await route.send(route.valid());
    expect(statuses).toEqual(expected);
  });

  it('refuses a deep body before validation: with 3000 levels, 400 BODY.MALFORMED', async () => {
    const res = await t.http().post('/api/negotiations').set('Authorization', tokens['union.chief']).set('content-type', 'application/json').send(deep(3000));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'BODY.MALFORMED', message: 'the body is nested deeper than 16 levels' });
  });

  // JSON is UTF-8: bytes that are not were decoded as U+FFFD and stored as a text nobody sent
  it('refuses a body that is not UTF-8, and takes the same text in UTF-8', async () => {
    const before = await dump();
    const send = (bytes: Buffer) => t.http().post(`/api/negotiations/${bargaining}/events`).set('Authorization', tokens['union.chief']).set('content-type', 'application/json').serialize((b: Buffer) => b as never).send(bytes);
    const body = (text: Buffer) => Buffer.concat([Buffer.from('{"type":"WITHDRAW","reason":"'), text, Buffer.from('"}')]);
    for (const bad of [Buffer.from([0xff, 0xfe]), Buffer.from([0xe5, 0x8d]), Buffer.from([0xc0, 0xaf])]) {
      const res = await send(body(bad));
      expect([res.status, res.body.code, res.body.message]).toEqual([400, 'BODY.MALFORMED', 'the body is not UTF-8 text']);
    }
    expect(await dump()).toBe(before);
    // the same route and field in UTF-8 reach the rules: a 4xx of its own, not BODY.MALFORMED
    const good = await t.http().post(`/api/negotiations/${bargaining}/events`).set('Authorization', tokens['platform.chief']).set('content-type', 'application/json').serialize((b: Buffer) => b as never).send(body(Buffer.from('协商破裂')));
    expect(good.body.code).not.toBe('BODY.MALFORMED');
  });

  it('names the field a valid JSON body may not have, __proto__ or constructor.prototype', async () => {
    for (const body of ['{"type":"WITHDRAW","__proto__":{"x":1}}', '{"type":"WITHDRAW","constructor":{"prototype":{"x":1}}}']) {
      const res = await t.http().post(`/api/negotiations/${bargaining}/events`).set('Authorization', tokens['union.chief']).set('content-type', 'application/json').send(body);
      expect([res.status, res.body.code, res.body.message]).toEqual([400, 'BODY.MALFORMED', expect.stringMatching(/^no field may be named __proto__/)]);
    }
    const broken = await t.http().post(`/api/negotiations/${bargaining}/events`).set('Authorization', tokens['union.chief']).set('content-type', 'application/json').send('{"type":');
    expect([broken.status, broken.body.code, broken.body.message]).toEqual([400, 'BODY.MALFORMED', expect.stringMatching(/not valid JSON/)]);
  });

  // API.md: a 400 "names every broken field": a number past the safe integers named the one field alone
  it('names every broken field when one of them may not be stored at all', async () => {
    const before = await dump();
    const res = await t.http().post('/api/negotiations').set('Authorization', tokens['union.chief']).set('content-type', 'application/json').send('{"kind":"collective_contract","title":5,"scope":1e308,"extra":true}');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BODY.MALFORMED');
    expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^scope must be a number between/), expect.stringMatching(/^title must/), 'property extra should not exist']));
    expect((res.body.message as string[]).filter((m) => / scope |^scope /.test(m))).toHaveLength(1);
    expect(await dump()).toBe(before);
  });

  it('says a blank text is blank', async () => {
    const res = await t.http().post(`/api/negotiations/${consultation}/events`).set('Authorization', tokens['rider.0001']).send({ type: 'COMMENT', text: '\u3000 ' });
    expect([res.status, res.body.code, res.body.message]).toEqual([400, 'REQUEST.INVALID', ['text must not be blank']]);
  });

  // Fastify's default (100) answered an id of 101 characters 414 URI Too Long
  it("answers an id of any routed length with its route's 404, and a path segment past MAX_PARAM_LENGTH with 414", async () => {
    const long = 'a'.repeat(200);
    const negotiation = await t.http().get(`/api/negotiations/${long}`).set('Authorization', tokens['union.chief']);
    const agreement = await t.http().get(`/api/agreements/${long}`);
    expect([negotiation.status, negotiation.body.code, agreement.status, agreement.body.code]).toEqual([404, 'NEGOTIATION.NOT_FOUND', 404, 'AGREEMENT.NOT_FOUND']);
    expect((await t.http().get(`/api/agreements/${'a'.repeat(MAX_PARAM_LENGTH)}`)).status).toBe(404);
    expect((await t.http().get(`/api/agreements/${'a'.repeat(MAX_PARAM_LENGTH + 1)}`)).status).toBe(414);
  });
});
