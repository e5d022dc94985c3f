import { KeyObject, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { CheckpointKey } from './checkpoint-key.entity';

/** Where SQLite keeps a generated key: a file beside the database. */
export const KEY_FILE_NAME = 'checkpoint-key.pem';

export function parsePrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw new Error('CHECKPOINT_KEY must be an Ed25519 private key in PKCS#8 PEM (openssl genpkey -algorithm ed25519)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`CHECKPOINT_KEY is an ${key.asymmetricKeyType} key; checkpoints are signed with Ed25519`);
  return key;
}

const generate = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/**
 * The checkpoint signing key: CHECKPOINT_KEY when set (production should: a key kept next to
 * the data is readable by whoever can rewrite the data). Otherwise generated once and kept —
 * SQLite: `checkpoint-key.pem` (mode 0600) in the database's directory; PostgreSQL, where
 * there is no such directory and several instances must sign with one key: the
 * `checkpoint_keys` table. The first writer wins a race; everyone then reads its key.
 */
export async function loadSigningKey(configured: string | undefined, dataSource: DataSource): Promise<KeyObject> {
  if (configured) return parsePrivateKey(configured);
  const options = dataSource.options;
  if (options.type === 'better-sqlite3') {
    const database = String(options.database);
    if (database === ':memory:') return parsePrivateKey(generate());
    const file = join(dirname(database), KEY_FILE_NAME);
    try {
      writeFileSync(file, generate(), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return parsePrivateKey(readFileSync(file, 'utf8'));
  }
  const keys = dataSource.getRepository(CheckpointKey);
  await keys.createQueryBuilder().insert().values({ id: 'default', privateKey: generate(), createdAt: new Date().toISOString() }).orIgnore().execute();
  return parsePrivateKey((await keys.findOneByOrFail({ id: 'default' })).privateKey);
}
