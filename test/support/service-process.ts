import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AddressInfo } from 'node:net';
import { User } from '../../src/accounts/user.entity';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config/app-config';
import { DemoFixture } from '../../src/fixtures/demo-fixture';

/**
 * The service in a process of its own, listening on a free port of 127.0.0.1, on the database
 * it is given and the system clock; it reports `{ port }` once it serves. The demo people are
 * loaded into an empty database. Run by crash-safety.e2e-spec.ts, which kills it with SIGKILL.
 */
async function main() {
  const [databaseUrl] = process.argv.slice(2);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    DEMO_RIDERS: '12',
    RATE_LIMIT_PER_MINUTE: '100000',
    SWEEP_INTERVAL_MS: '0',
    PUBLICATION_POLL_MS: '0',
    CHECKPOINT_INTERVAL: '0',
  });
  const app = await createApp(config);
  await app.init();
  if ((await app.get(DataSource).getRepository(User).count()) === 0) await app.get(DemoFixture).loadWorldOnly();
  await app.listen(0, '127.0.0.1');
  process.send!({ port: (app.getHttpServer().address() as AddressInfo).port });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
