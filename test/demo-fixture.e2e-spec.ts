import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { User } from '../src/accounts/user.entity';
import { loadConfig } from '../src/config/app-config';
import { DemoFixture } from '../src/fixtures/demo-fixture';
import { freshDatabaseUrl } from './support/test-app';

describe('the demo fixture', () => {
  // the scenario's people include rider.0001 … rider.0009: with fewer riders the start once
  // failed half-way ("Cannot read properties of undefined"), leaving a database never loaded again
  it('refuses, before writing anything, a DEMO_RIDERS too small for its scenario', async () => {
    const config = loadConfig({ NODE_ENV: 'development', DEMO_RIDERS: '5', DATABASE_URL: await freshDatabaseUrl(), SWEEP_INTERVAL_MS: '0', PUBLICATION_POLL_MS: '0', LOG_LEVEL: 'silent' });
    const app = await createApp(config);
    await app.init();
    try {
      await expect(app.get(DemoFixture).loadIfEmpty()).rejects.toThrow('DEMO_RIDERS is 5: the demo scenario needs at least 9 riders (rider.0009)');
      expect(await app.get(DataSource).getRepository(User).count()).toBe(0);
    } finally {
      await app.close();
    }
  });
});
