import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * A fresh, empty database for tests and benchmarks: a SQLite file, or — given a PostgreSQL
 * server URL — a new database on it, which `dropScratchDatabases` removes.
 */
const created: Array<{ server: string; name: string }> = [];

export async function scratchDatabaseUrl(server?: string): Promise<string> {
  if (!server?.startsWith('postgres')) return `sqlite:${join(mkdtempSync(join(tmpdir(), 'xieshang-')), 'scratch.db')}`;
  const name = `xieshang_scratch_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await onServer(server, (admin) => admin.query(`CREATE DATABASE ${name}`));
  created.push({ server, name });
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropScratchDatabases(): Promise<void> {
  for (const { server, name } of created.splice(0)) {
    // FORCE cannot end a server process of another role (e.g. autovacuum on the fresh database,
    // "must be a member of … pg_signal_backend"): such a process is gone a moment later
    for (let attempt = 1; ; attempt++) {
      try {
        await onServer(server, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  }
}

async function onServer(server: string, work: (admin: Client) => Promise<unknown>): Promise<void> {
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}
