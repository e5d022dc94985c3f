import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { dropScratchDatabases, scratchDatabaseUrl } from '../database/scratch-database';
import { DomainError } from '../common/domain-error';
import { LOGIN_SLOW_DOWN, LoginLimiter } from './login-limiter';

/** The limiter on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL), with the time held still. */
describe('LoginLimiter', () => {
  let dataSource: DataSource;
  let config: AppConfig;
  let now = Date.UTC(2027, 0, 4, 9);
  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(await scratchDatabaseUrl(process.env.TEST_DATABASE_URL))).initialize();
    config = loadConfig({ NODE_ENV: 'test' });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropScratchDatabases();
  });
  beforeEach(async () => {
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    await dataSource.query('DELETE FROM rate_limits');
  });
  afterEach(() => jest.restoreAllMocks());

  const waitOf = async (limiter: LoginLimiter, username: string, address: string): Promise<number | null> => {
    try {
      await limiter.check(username, address);
      return null;
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 429) throw error;
      return Number(error.headers['Retry-After']);
    }
  };

  it(`lets ${LOGIN_SLOW_DOWN.freeFailures} failures in a row through, then pauses 1 s, 2 s, 4 s`, async () => {
    const limiter = new LoginLimiter(dataSource, config);
    for (let i = 0; i < LOGIN_SLOW_DOWN.freeFailures; i++) {
      expect(await waitOf(limiter, 'union.chief', `198.51.100.${i}`)).toBeNull();
      await limiter.failed('union.chief', `198.51.100.${i}`);
    }
    const pauses: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await waitOf(limiter, 'union.chief', '198.51.100.50')).toBeNull();
      await limiter.failed('union.chief', '198.51.100.50');
      const pause = (await waitOf(limiter, 'union.chief', '198.51.100.51'))!;
      pauses.push(pause);
      now += pause * 1000 - 1;
      expect(await waitOf(limiter, 'union.chief', '198.51.100.51')).toBe(1); // a millisecond before the end
      now += 1;
    }
    expect(pauses).toEqual([1, 2, 4]);
  });

  it('locks an account after LOGIN_FAILURES_PER_ACCOUNT failures until its window ends, and an address after LOGIN_FAILURES_PER_ADDRESS', async () => {
    const limiter = new LoginLimiter(dataSource, loadConfig({ NODE_ENV: 'test', LOGIN_FAILURES_PER_ACCOUNT: '5', LOGIN_FAILURES_PER_ADDRESS: '7', LOGIN_FAILURE_WINDOW_SECONDS: '600' }));
    const start = now;
    for (let i = 0; i < 5; i++) {
      now += 60_000; // past any pause
      expect(await waitOf(limiter, 'platform.chief', `192.0.2.${i}`)).toBeNull();
      await limiter.failed('platform.chief', `192.0.2.${i}`);
    }
    now += 60_000;
    expect(await waitOf(limiter, 'platform.chief', '192.0.2.200')).toBe((start + 60_000 + 600_000 - now) / 1000);
    for (let i = 0; i < 7; i++) await limiter.failed(`guess.${i}`, '192.0.2.99');
    expect(await waitOf(limiter, 'someone.else', '192.0.2.99')).toBe(600);
    expect(await waitOf(limiter, 'someone.else', '192.0.2.98')).toBeNull();
    now += 600_000;
    expect(await waitOf(limiter, 'someone.else', '192.0.2.99')).toBeNull();
  });

  it('forgets the run of failures at the right password (the address keeps its count)', async () => {
    const limiter = new LoginLimiter(dataSource, loadConfig({ NODE_ENV: 'test', LOGIN_FAILURES_PER_ADDRESS: '5' }));
    for (let i = 0; i < 4; i++) await limiter.failed('union.chief', '192.0.2.7');
    expect(await waitOf(limiter, 'union.chief', '192.0.2.8')).toBe(1);
    await limiter.succeeded('union.chief');
    expect(await waitOf(limiter, 'union.chief', '192.0.2.8')).toBeNull();
    await limiter.failed('union.chief', '192.0.2.7');
    expect(await waitOf(limiter, 'union.chief', '192.0.2.7')).toBe(config.LOGIN_FAILURE_WINDOW_SECONDS);
  });
});
