import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';

/** Runs pending migrations against DATABASE_URL and lists what ran (the service also runs them at start-up). */
async function main() {
  const dataSource = new DataSource({ ...dataSourceOptions(loadConfig().DATABASE_URL), migrationsRun: false });
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    console.log(ran.length ? ran.map((m) => `ran ${m.name}`).join('\n') : 'nothing to run: the schema is current');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
