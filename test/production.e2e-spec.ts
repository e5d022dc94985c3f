import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { User } from '../src/accounts/user.entity';
import { loadConfig } from '../src/config/app-config';
import { DemoFixture } from '../src/fixtures/demo-fixture';
import { freshDatabaseUrl } from './support/test-app';

describe('production', () => {
  it('never seeds the demo', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'production-secret-production-secret-0123',
      DATABASE_URL: await freshDatabaseUrl(),
      SWEEP_INTERVAL_MS: '0',
      PUBLICATION_POLL_MS: '0',
    });
    const app = await createApp(config);
    await app.init();
    try {
      await expect(app.get(DemoFixture).loadIfEmpty()).rejects.toThrow('never loaded in production');
      expect(await app.get(DataSource).getRepository(User).count()).toBe(0);
      const login = await app.getHttpAdapter().getInstance().inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'union.chief', password: 'demo-pass' } });
      expect(login.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
