import 'reflect-metadata';
import { createApp } from '../../src/app';
import { ManualClock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app-config';
import { DeadlineSweeper } from '../../src/deadlines/deadline-sweeper';

/**
 * A second app instance in its own process, on the database and clock time it is given: it
 * sweeps once when told "sweep" and reports what it fired. Run by deadlines.e2e-spec.ts.
 */
async function main() {
  const [databaseUrl, now] = process.argv.slice(2);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET: 'test-secret-test-secret-test-secret-0123', SWEEP_INTERVAL_MS: '0' });
  const app = await createApp(config, { clock: new ManualClock(new Date(now)) });
  await app.init();
  process.on('message', async (message) => {
    if (message !== 'sweep') return;
    process.send!('sweeping');
    const result = await app.get(DeadlineSweeper).sweep();
    process.send!(result);
    await app.close();
    process.exit(0);
  });
  process.send!('ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
