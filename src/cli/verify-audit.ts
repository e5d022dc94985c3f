import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { verifyChain } from '../audit/audit-chain';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { Negotiation } from '../negotiations/negotiation.entity';
import { commitmentRowsDifferFromChain } from '../ledger/commitments.service';

/**
 * Verifies audit chains straight from the database, without the service running:
 *   npm run audit:verify                 every negotiation
 *   npm run audit:verify -- <id> [<id>…]  the ones named
 * Prints one line per chain; exits 1 if any chain is broken, or cut short of the head recorded
 * on the negotiation.
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
      const result = verifyChain(entries, { seq: n.auditSeq, head: n.auditHead });
      // an intact chain is then replayed into the ledger's commitments, which must match their rows
      const derived = result.valid ? await commitmentRowsDifferFromChain(dataSource.manager, n.id, entries) : null;
      if (!result.valid || derived) broken++;
      console.log(
        !result.valid
          ? `BROKEN ${n.id} first broken seq ${result.firstBrokenSeq}: ${result.reason}`
          : derived
            ? `BROKEN ${n.id} ${derived.derived}: ${derived.reason}`
            : `ok     ${n.id} ${result.entries} entries, head ${result.head}`,
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
