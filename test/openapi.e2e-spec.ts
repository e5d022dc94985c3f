import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getMetadataStorage } from 'class-validator';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config/app-config';
import { DemoFixture } from '../src/fixtures/demo-fixture';
import { EVENT_DTOS } from '../src/negotiations/dto/events.dto';
import { freshDatabaseUrl } from './support/test-app';

type Operation = { summary?: string; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Schema = {
  type?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  allOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  nullable?: boolean;
  additionalProperties?: unknown;
  $ref?: string;
};
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/** Where the API lives; web pages, their assets and /docs itself are not part of the document. */
const API_ROUTE = /^\/(api\/|health$)/;

let app: NestFastifyApplication;
let document: Document;
/** Every route Fastify was given, as Fastify has it: `GET /api/negotiations/:id`. */
const served = new Set<string>();

beforeAll(async () => {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: await freshDatabaseUrl(),
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    SWEEP_INTERVAL_MS: '0',
    PUBLICATION_POLL_MS: '0',
    DEMO_RIDERS: '12',
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  app = await createApp(config);
  // Nest hands its routes to Fastify in init(): record each as it arrives
  app.getHttpAdapter().getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') served.add(`${method} ${route.url}`);
  });
  await app.init();
  const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs-json' });
  expect(res.statusCode).toBe(200);
  document = res.json();
  await app.get(DemoFixture).loadIfEmpty();
});

afterAll(() => app?.close());

const documented = () =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );

describe('the OpenAPI document at /docs-json', () => {
  it('passes Redocly\'s recommended rules without an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const redocly = join(__dirname, '..', 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
      const run = promisify(execFile)(process.execPath, [redocly, 'lint', '--extends=recommended', '--format=json', file], {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      });
      const { stdout } = await run.catch((error: { stdout: string }) => error);
      const problems = (JSON.parse(stdout) as { problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }> }).problems;
      const describe = (p: (typeof problems)[number]) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`;
      const warnings = problems.filter((p) => p.severity !== 'error');
      if (warnings.length) console.warn(`Redocly warnings:\n${warnings.map(describe).join('\n')}`);
      expect(problems.filter((p) => p.severity === 'error').map(describe)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('documents every route the app serves under /api and /health, with the right method', () => {
    const apiRoutes = [...served].filter((route) => API_ROUTE.test(route.split(' ')[1]));
    expect(apiRoutes.length).toBeGreaterThan(20);
    expect(apiRoutes.filter((route) => !documented().includes(route))).toEqual([]);
  });

  it('documents no route the app does not serve', () => {
    expect(documented().filter((route) => !served.has(route))).toEqual([]);
  });

  it('gives every operation a summary, a success response with a schema (or 204), and error responses', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(document.paths))
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (!op.summary) missing.push(`${where}: summary`);
        const success = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
        for (const [status, r] of Object.entries(op.responses)) if (!(r as { description?: string }).description) missing.push(`${where}: ${status}'s description`);
        if (!success.some(([status, r]) => status === '204' || Object.values(r.content ?? {}).some((c) => c.schema)))
          missing.push(`${where}: a success response with a schema`);
        if (!Object.keys(op.responses).some((status) => /^4/.test(status))) missing.push(`${where}: error responses`);
      }
    expect(missing).toEqual([]);
  });

  it('marks the routes that need no token with security: [] and requires the bearer token elsewhere', () => {
    const op = (method: string, path: string) => document.paths[path][method];
    for (const [method, path] of [['post', '/api/auth/login'], ['get', '/health'], ['get', '/api/agreements'], ['get', '/api/agreements/{id}']])
      expect({ path, security: op(method, path).security }).toEqual({ path, security: [] });
    expect(op('get', '/api/negotiations').security).toBeUndefined();
    expect(op('get', '/api/negotiations').responses['401']).toBeDefined();
    expect(op('get', '/api/agreements').responses['401']).toBeUndefined();
  });

  it('describes every field each request class validates (so none is left undocumented)', () => {
    // every class-validator target that made it into the document must show each validated field
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, Array<{ propertyName: string }>> };
    const problems: string[] = [];
    let checked = 0;
    for (const [target, rules] of storage.validationMetadatas) {
      const schema = document.components.schemas[target.name];
      if (!schema) continue;
      checked++;
      const properties = new Set([...(schema.allOf ?? [schema]).flatMap((s) => Object.keys(s.properties ?? {}))]);
      for (const name of new Set(rules.map((r) => r.propertyName)))
        if (!properties.has(name)) problems.push(`${target.name}.${name}`);
    }
    expect(checked).toBeGreaterThan(25);
    expect(problems).toEqual([]);
  });

  it('tells the events apart by type: a oneOf with a discriminator, each event declaring its type', () => {
    const body = (document.paths['/api/negotiations/{id}/events'].post as unknown as {
      requestBody: { content: { 'application/json': { schema: { oneOf: unknown[]; discriminator: { propertyName: string; mapping: Record<string, string> } } } } };
    }).requestBody.content['application/json'].schema;
    expect(body.discriminator.propertyName).toBe('type');
    expect(Object.keys(body.discriminator.mapping).sort()).toEqual(Object.keys(EVENT_DTOS).sort());
    expect(body.oneOf).toHaveLength(Object.keys(EVENT_DTOS).length);
    for (const [type, dto] of Object.entries(EVENT_DTOS)) {
      const schema = document.components.schemas[dto.name];
      expect({ type, required: schema.required?.includes('type'), enum: schema.properties?.type?.enum, said: Boolean(schema.description) }).toEqual({
        type,
        required: true,
        enum: [type],
        said: true, // who sends it, when: @ApiSchema({ description })
      });
    }
  });

  it('documents If-Match and Idempotency-Key once each, optional', () => {
    const parameters = (document.paths['/api/negotiations/{id}/events'].post as unknown as { parameters: Array<{ name: string; in: string; required?: boolean }> }).parameters;
    const headers = parameters.filter((p) => p.in === 'header');
    expect(headers.map((h) => [h.name.toLowerCase(), h.required ?? false]).sort()).toEqual([
      ['idempotency-key', false],
      ['if-match', false],
    ]);
  });

  it('documents the list query parameters with their ranges and defaults', () => {
    const parameters = (document.paths['/api/negotiations'].get as unknown as { parameters: Array<{ name: string; in: string; schema: Record<string, unknown> }> }).parameters;
    const pageSize = parameters.find((p) => p.name === 'pageSize');
    expect(pageSize).toMatchObject({ in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } });
    expect(parameters.map((p) => p.name).sort()).toEqual(['kind', 'page', 'pageSize', 'state']);
  });

  it('describes the server-sent events and the CSV / JSON-lines import', () => {
    const stream = document.paths['/api/me/stream'].get.responses['200'].content ?? {};
    expect(Object.keys(stream)).toEqual(['text/event-stream']);
    const workers = (document.paths['/api/workers'].post as unknown as { requestBody: { content: Record<string, { schema: unknown }> } }).requestBody.content;
    expect(Object.keys(workers).sort()).toEqual(['application/jsonl', 'application/x-ndjson', 'text/csv']);
  });
});

/** Where `value` breaks `schema` (the document's own schema language, as far as our DTOs use it). */
function mismatches(schema: Schema, value: unknown, at: string): string[] {
  if (schema.$ref) return mismatches(document.components.schemas[schema.$ref.split('/').pop()!], value, at);
  if (value === null) return schema.nullable || schema.oneOf?.some((s) => s.nullable) ? [] : [`${at}: null`];
  if (schema.oneOf) {
    const tries = schema.oneOf.map((s) => mismatches(s, value, at));
    return tries.some((t) => t.length === 0) ? [] : tries.flat();
  }
  if (schema.allOf) return schema.allOf.flatMap((s) => mismatches(s, value, at));
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`];
  switch (schema.type) {
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => mismatches(schema.items ?? {}, v, `${at}[${i}]`)) : [`${at}: not an array`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: not an integer`];
    case 'number':
    case 'string':
    case 'boolean':
      return typeof value === schema.type ? [] : [`${at}: not a ${schema.type}`];
    case 'object':
    case undefined: {
      if (typeof value !== 'object' || Array.isArray(value)) return schema.type ? [`${at}: not an object`] : [];
      const record = value as Record<string, unknown>;
      const properties = schema.properties ?? {};
      return [
        ...(schema.required ?? []).filter((name) => !(name in record)).map((name) => `${at}.${name}: missing`),
        ...Object.keys(record)
          .filter((name) => !(name in properties) && !schema.additionalProperties && schema.properties)
          .map((name) => `${at}.${name}: not documented`),
        ...Object.entries(record).filter(([name]) => name in properties).flatMap(([name, v]) => mismatches(properties[name], v, `${at}.${name}`)),
      ];
    }
    default:
      return [];
  }
}

describe('the documented response schemas', () => {
  const inject = async (method: 'GET' | 'POST', url: string, token?: string, payload?: object) => {
    const res = await app.getHttpAdapter().getInstance().inject({ method, url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };
  const login = async (username: string) => (await inject('POST', '/api/auth/login', undefined, { username, password: 'demo-pass' })).body.accessToken as string;
  const schemaOf = (method: string, path: string, status: number) =>
    document.paths[path][method].responses[String(status)].content!['application/json'].schema as Schema;

  /** Calls the route and checks the answer against what the document says it answers. */
  async function expectDocumented(method: 'get' | 'post', path: string, url: string, token?: string, payload?: object) {
    const res = await inject(method.toUpperCase() as 'GET' | 'POST', url, token, payload);
    expect({ url, status: res.status }).toEqual({ url, status: method === 'post' && path === '/api/negotiations' ? 201 : 200 });
    expect(mismatches(schemaOf(method, path, res.status), res.body, url)).toEqual([]);
    return res.body;
  }

  it('are what the routes answer, field for field, on the demo\'s published contract and live negotiation', async () => {
    await expectDocumented('post', '/api/auth/login', '/api/auth/login', undefined, { username: 'union.chief', password: 'demo-pass' });
    const union = await login('union.chief');
    const list = await expectDocumented('get', '/api/negotiations', '/api/negotiations', union);
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    for (const { id } of list.items as Array<{ id: string }>) {
      await expectDocumented('get', '/api/negotiations/{id}', `/api/negotiations/${id}`, union);
      await expectDocumented('get', '/api/negotiations/{id}/rounds', `/api/negotiations/${id}/rounds`, union);
      await expectDocumented('get', '/api/negotiations/{id}/comments', `/api/negotiations/${id}/comments`, union);
      await expectDocumented('get', '/api/negotiations/{id}/audit', `/api/negotiations/${id}/audit`, union);
      await expectDocumented('get', '/api/negotiations/{id}/audit/verify', `/api/negotiations/${id}/audit/verify`, union);
    }
    const agreements = await expectDocumented('get', '/api/agreements', '/api/agreements');
    const agreementId = agreements.items[0].id as string;
    await expectDocumented('get', '/api/agreements/{id}', `/api/agreements/${agreementId}`);
    await expectDocumented('get', '/api/agreements/{id}/verify', `/api/agreements/${agreementId}/verify`);
    await expectDocumented('get', '/api/agreements/{id}/acknowledgements', `/api/agreements/${agreementId}/acknowledgements`, union);
    await expectDocumented('get', '/api/deadlines', '/api/deadlines', union);
    await expectDocumented('get', '/api/notifications', '/api/notifications', union);
    await expectDocumented('get', '/health', '/health');
    const rider = await login('rider.0001');
    const inbox = await expectDocumented('get', '/api/me/inbox', '/api/me/inbox', rider);
    expect(inbox.items.length).toBeGreaterThan(0);
    await expectDocumented('post', '/api/me/inbox/{agreementId}/ack', `/api/me/inbox/${agreementId}/ack`, rider);
  });

  it("are what the ledger's routes answer on the demo's published contract", async () => {
    const union = await login('union.chief');
    const rider = await login('rider.0001');
    const published = ((await inject('GET', '/api/negotiations?state=published', union)).body.items as Array<{ id: string }>)[0].id;
    const agreementId = ((await inject('GET', '/api/agreements')).body.items as Array<{ id: string; negotiationId: string }>).find((a) => a.negotiationId === published)!.id;
    await expectDocumented('get', '/api/agreements/{id}/commitments', `/api/agreements/${agreementId}/commitments`);
    await expectDocumented('get', '/api/board', '/api/board');
    await expectDocumented('get', '/api/agreements/{id}/complaints', `/api/agreements/${agreementId}/complaints`, union);
    await expectDocumented('get', '/api/me/complaints', '/api/me/complaints', await login('rider.0003'));
    const surveys = await expectDocumented('get', '/api/agreements/{id}/surveys', `/api/agreements/${agreementId}/surveys`);
    await expectDocumented('get', '/api/surveys/{id}/results', `/api/surveys/${surveys.items[0].id}/results`, union);
    await expectDocumented('get', '/api/me/surveys', '/api/me/surveys', rider);
    await expectDocumented('get', '/api/reports/annual', '/api/reports/annual?year=2026', union);
  });

  it('include the error shape the filter sends: 404, 400 and 409 with state and allowed', async () => {
    const union = await login('union.chief');
    const missing = await inject('GET', '/api/negotiations/00000000-0000-4000-8000-000000000000', union);
    expect(missing.status).toBe(404);
    expect(mismatches(schemaOf('get', '/api/negotiations/{id}', 404), missing.body, '404')).toEqual([]);
    const bad = await inject('GET', '/api/negotiations?pageSize=1000', union);
    expect(bad.status).toBe(400);
    expect(mismatches(schemaOf('get', '/api/negotiations', 400), bad.body, '400')).toEqual([]);
    const published = ((await inject('GET', '/api/negotiations?state=published', union)).body.items as Array<{ id: string }>)[0].id;
    const conflict = await inject('POST', `/api/negotiations/${published}/events`, union, { type: 'SIGN' });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ state: 'published', allowed: expect.any(Array) });
    expect(mismatches(schemaOf('post', '/api/negotiations/{id}/events', 409), conflict.body, '409')).toEqual([]);
  });
});
