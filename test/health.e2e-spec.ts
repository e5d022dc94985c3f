import { HEALTH_DATABASE_TIMEOUT_MS } from '../src/health.controller';
import { TestApp, startTestApp } from './support/test-app';

/** `GET /health` (API.md): a load balancer's question, answered by the database's `SELECT 1`. */
describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('is 200 { status: ok, database: up } to anyone while the database answers', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('is 503 { status: error, database: down } when the database fails', async () => {
    jest.spyOn(t.dataSource, 'query').mockRejectedValueOnce(new Error('disk I/O error'));
    const res = await t.http().get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'error', database: 'down' });
    expect((await t.http().get('/health')).status).toBe(200);
  });

  it(`is 503 when the database does not answer within ${HEALTH_DATABASE_TIMEOUT_MS} ms`, async () => {
    jest.spyOn(t.dataSource, 'query').mockReturnValueOnce(new Promise(() => undefined));
    const started = Date.now();
    const res = await t.http().get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'error', database: 'down' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(HEALTH_DATABASE_TIMEOUT_MS - 50);
  });
});
