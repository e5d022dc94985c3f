import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { verifyRecord } from '../audit/derivers';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { Negotiation } from '../negotiations/negotiation.entity';

/**
 * Verifies audit chains straight from the database, without the service running:
 *   npm run audit:verify                 every negotiation
 *   npm run audit:verify -- <id> [<id>…]  the ones named
 * Prints one line per chain; exits 1 if any chain is broken, cut short of the head recorded on
 * the negotiation, or contradicted by a row derived from it (rounds, seats, the publication…).
 */
async function main() {
  const config = loadConfig();
  const dataSource = new DataSource({ ...dataSourceOptions(config.DATABASE_URL), migrationsRun: false });
  await dataSource.initialize();
  try {
    const ids = process.argv.slice(2);
    const negotiations = await dataSource.getRepository(Negotiation).find(ids.length ? { where: ids.map((id) => ({ id })) } : {});
    let broken = 0;
    for (const n of negotiations) {
      const entries = await dataSource.getRepository(AuditEntry).find({ where: { negotiationId: n.id }, order: { seq: 'ASC' } });
      const result = await verifyRecord(dataSource.manager, n.id, entries, { seq: n.auditSeq, head: n.auditHead }, config.TZ_NAME);
      if (!result.valid) broken++;
      console.log(
        result.valid
          ? `ok     ${n.id} ${result.entries} entries, head ${result.head}`
          : 'derived' in result
            ? `BROKEN ${n.id} derived ${result.derived}: ${result.reason}`
            : `BROKEN ${n.id} first broken seq ${result.firstBrokenSeq}: ${result.reason}`,
      );
    }
    const missing = ids.filter((id) => !negotiations.some((n) => n.id === id));
    for (const id of missing) console.log(`none   ${id} no such negotiation`);
    console.log(`${negotiations.length - broken} intact, ${broken} broken`);
    process.exitCode = broken || missing.length ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
