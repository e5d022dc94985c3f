import 'reflect-metadata';
import { KeyObject, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { CheckpointKey } from '../audit/checkpoint-key.entity';
import { KEY_FILE_NAME, parsePrivateKey } from '../audit/checkpoint-key';
import { SignedCheckpoint } from '../audit/checkpoint-tree';
import { checkAgainstCheckpoint } from '../audit/checkpoint-check';
import { verifyRecord } from '../audit/derivers';
import { readChain } from '../audit/chain-reader';
import { AppConfig, loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { Negotiation } from '../negotiations/negotiation.entity';
import { commitmentRowsDifferFromChain } from '../ledger/commitments.service';

/**
 * Verifies audit records straight from the database, without the service running:
 *   npm run audit:verify                          every negotiation
 *   npm run audit:verify -- <id> [<id>…]           the ones named
 *   npm run audit:verify -- --checkpoint file.json [--public-key key.pem]
 *                                                 that the database still holds what saved checkpoints committed to
 * Chains: one line per chain; exits 1 if any chain is broken, cut short of the head recorded on
 * the negotiation, or contradicted by a row derived from it (rounds, seats, the publication…).
 * Checkpoints: the file holds one checkpoint (as listed by GET /api/audit/checkpoints), a list
 * of them, or a webhook body / inclusion proof that carries one under "checkpoint". Signatures
 * are checked with --public-key, else the file's "publicKey", else this deployment's own key.
 */
async function main() {
  const config = loadConfig();
  const dataSource = new DataSource({ ...dataSourceOptions(config.DATABASE_URL), migrationsRun: false });
  await dataSource.initialize();
  try {
    const args = process.argv.slice(2);
    const at = args.indexOf('--checkpoint');
    process.exitCode = at >= 0 ? await checkpoints(dataSource, config, args) : await chains(dataSource, config, args);
  } finally {
    await dataSource.destroy();
  }
}

async function chains(dataSource: DataSource, config: AppConfig, ids: string[]): Promise<number> {
  const negotiations = await dataSource.getRepository(Negotiation).find(ids.length ? { where: ids.map((id) => ({ id })) } : {});
  let broken = 0;
  for (const n of negotiations) {
    const entries = await readChain(dataSource.manager, n.id);
    const record = await verifyRecord(dataSource.manager, n.id, entries, { seq: n.auditSeq, head: n.auditHead }, config.TZ_NAME);
    // an intact record is then replayed into the ledger's commitments, which must match their rows
    const commitments = record.valid ? await commitmentRowsDifferFromChain(dataSource.manager, n.id, entries) : null;
    const result = commitments ? { valid: false as const, ...commitments } : record;
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
  return broken || missing.length ? 1 : 0;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  if (!args[i + 1]) throw new Error(`${name} needs a file`);
  return args[i + 1];
}

/** The key this deployment signs with, if it has one already (never generated here). */
async function ownKey(dataSource: DataSource, config: AppConfig): Promise<KeyObject | undefined> {
  if (config.CHECKPOINT_KEY) return createPublicKey(parsePrivateKey(config.CHECKPOINT_KEY));
  if (dataSource.options.type === 'better-sqlite3') {
    const file = join(dirname(String(dataSource.options.database)), KEY_FILE_NAME);
    return existsSync(file) ? createPublicKey(parsePrivateKey(readFileSync(file, 'utf8'))) : undefined;
  }
  const row = await dataSource.getRepository(CheckpointKey).findOneBy({ id: 'default' });
  return row ? createPublicKey(parsePrivateKey(row.privateKey)) : undefined;
}

async function checkpoints(dataSource: DataSource, config: AppConfig, args: string[]): Promise<number> {
  const file = JSON.parse(readFileSync(option(args, '--checkpoint')!, 'utf8'));
  const keyFile = option(args, '--public-key');
  const saved: SignedCheckpoint[] = Array.isArray(file) ? file : [file.checkpoint ?? file];
  const pem = keyFile ? readFileSync(keyFile, 'utf8') : typeof file.publicKey === 'string' ? file.publicKey : undefined;
  const key = pem ? createPublicKey(pem) : await ownKey(dataSource, config);
  if (!key) console.log('warning: no public key (pass --public-key): signatures not checked');
  let failed = 0;
  for (const checkpoint of saved) {
    const result = await checkAgainstCheckpoint(dataSource.manager, checkpoint, key);
    if (result.holds) console.log(`ok     checkpoint ${result.seq}: all ${result.heads} committed heads are in the database${key ? ', signature valid' : ''}`);
    else {
      failed++;
      console.log(`BROKEN checkpoint ${result.seq}${result.negotiationId ? ` negotiation ${result.negotiationId}` : ''}: ${result.problem}`);
    }
  }
  console.log(`${saved.length - failed} checkpoints hold, ${failed} do not`);
  return failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
