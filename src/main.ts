import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app';
import { loadConfig } from './config/app-config';
import { DemoFixture } from './fixtures/demo-fixture';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  // modules hook themselves in at init (the ledger into publication): the demo is replayed after that
  await app.init();
  if (!config.isProduction) await app.get(DemoFixture).loadIfEmpty();
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
  Logger.log(`Xieshang listening on http://localhost:${config.PORT} (docs at /docs)`, 'Main');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
