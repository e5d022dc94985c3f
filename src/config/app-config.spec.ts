import { loadConfig } from './app-config';

describe('configuration', () => {
  it('has working defaults for a newcomer', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, DATABASE_URL: 'sqlite:./data/xieshang.db', TZ_NAME: 'Asia/Shanghai', NODE_ENV: 'development' });
  });

  it('refuses to run production without a JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('JWT_SECRET is required in production');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).isProduction).toBe(true);
  });

  it('names every bad setting in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrow(
      /PORT must be an integer number.*DATABASE_URL must start with sqlite: or postgres:\/\/.*JWT_SECRET must be at least 32 characters/,
    );
  });

  it('trusts no proxy and logs at info by default, nothing under test', () => {
    expect(loadConfig({})).toMatchObject({ TRUST_PROXY: '', logLevel: 'info' });
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('names a bad LOG_LEVEL and every bad TRUST_PROXY entry', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud', TRUST_PROXY: '10.0.0.0/8, proxy.internal' })).toThrow(
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.*TRUST_PROXY must list IP addresses or CIDR ranges: proxy.internal/,
    );
  });

  it('takes the checkpoint interval as an ISO 8601 duration or milliseconds, an hour by default', () => {
    expect(loadConfig({}).CHECKPOINT_INTERVAL).toBe(3_600_000);
    expect(loadConfig({ CHECKPOINT_INTERVAL: 'PT15M' }).CHECKPOINT_INTERVAL).toBe(900_000);
    expect(loadConfig({ CHECKPOINT_INTERVAL: '5000' }).CHECKPOINT_INTERVAL).toBe(5000);
    expect(loadConfig({ CHECKPOINT_INTERVAL: '0' }).CHECKPOINT_INTERVAL).toBe(0);
    expect(() => loadConfig({ CHECKPOINT_INTERVAL: 'hourly' })).toThrow('CHECKPOINT_INTERVAL must be an ISO 8601 duration (PT1H) or a number of milliseconds');
  });
});
