import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Agreement } from '../src/agreements/agreement.entity';
import { AuditService } from '../src/audit/audit.service';
import { ChainLink, hashLink, verifyChain } from '../src/audit/audit-chain';
import { chainPage, readChain, verifyStoredChain } from '../src/audit/chain-reader';
import { TestApp, freshDatabaseUrl, startTestApp } from './support/test-app';
import { rawSql } from './support/raw-sql';
import { toPublished } from './support/negotiation-helpers';

/** The stored chain read a page at a time as plain rows and verified without parsing its payloads (issue 10: audit verify). */
describe('verifying a stored chain', () => {
  let t: TestApp;
  let databaseUrl: string;
  let id: string;
  let links: ChainLink[];
  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl();
    t = await startTestApp({ scenario: false, databaseUrl });
    id = await toPublished(t);
    links = await t.app.get(AuditService).links(id);
  });
  afterAll(() => t.close());

  const manager = () => t.dataSource.manager;
  const sql = (text: string, params: unknown[]) => rawSql(t.dataSource, text, params);
  const stored = (seq: number) => links[seq - 1];

  it('reads the chain as the entities hold it, in pages that meet end to end', async () => {
    const entities = await t.app.get(AuditService).list(id);
    expect(links).toEqual(entities.map((e) => ({ ...e })));
    expect(await readChain(manager(), id)).toEqual(links);
    expect((await chainPage(manager(), id, 3, 4)).map((l) => l.seq)).toEqual([4, 5, 6, 7]);
  });

  it('a published chain verifies whatever the page size, as the chain in memory does', async () => {
    const whole = verifyChain(links, { seq: links.length, head: links.at(-1)!.hash });
    expect(whole).toEqual({ valid: true, entries: 10, head: links[9].hash });
    for (const pageSize of [1, 3, 10, 1000]) expect(await verifyStoredChain(manager(), id, pageSize)).toEqual(whole);
  });

  /** Stores `payload` in entry `seq` with the hash the definition gives it, checks, then puts the entry back. */
  async function withPayload(seq: number, payload: string, check: () => Promise<void>) {
    const original = stored(seq);
    await sql('UPDATE audit_entries SET payload = ?, hash = ? WHERE negotiation_id = ? AND seq = ?', [payload, hashLink({ ...original, payload }), id, seq]);
    try {
      await check();
    } finally {
      await sql('UPDATE audit_entries SET payload = ?, hash = ? WHERE negotiation_id = ? AND seq = ?', [original.payload, original.hash, id, seq]);
    }
    expect(await verifyStoredChain(manager(), id)).toMatchObject({ valid: true });
  }

  it('reports a stored payload that is not canonical JSON, though the definition hashes it as the canonical one', async () => {
    const entry = stored(3);
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(entry.payload)).reverse()));
    expect(reordered).not.toBe(entry.payload);
    // the same data in another key order: the definition's hash does not change, so only the canonical check can see it
    expect(hashLink({ ...entry, payload: reordered })).toBe(entry.hash);
    await withPayload(3, reordered, async () => {
      expect(await verifyStoredChain(manager(), id, 2)).toEqual({ valid: false, firstBrokenSeq: 3, reason: 'payload is not canonical JSON' });
      const agreement = await t.dataSource.getRepository(Agreement).findOneByOrFail({ negotiationId: id });
      const page = await t.http().get(`/api/agreements/${agreement.id}/verify`);
      expect(page.body).toMatchObject({ intact: false, problem: 'chain', seq: 3, reason: 'payload is not canonical JSON' });
      const record = await t.http().get(`/api/negotiations/${id}/audit/verify`).set('Authorization', await t.login('bureau.reviewer'));
      expect(record.body).toEqual({ valid: false, firstBrokenSeq: 3, reason: 'payload is not canonical JSON' });
    });
  });

  it('reports a payload stored with whitespace, and one that is not JSON', async () => {
    const spaced = JSON.stringify(JSON.parse(stored(5).payload), null, 1);
    await withPayload(5, spaced, async () => expect(await verifyStoredChain(manager(), id)).toMatchObject({ valid: false, firstBrokenSeq: 5, reason: 'payload is not canonical JSON' }));
    await sql('UPDATE audit_entries SET payload = ? WHERE negotiation_id = ? AND seq = ?', ['{"round":', id, 6]);
    try {
      expect(await verifyStoredChain(manager(), id)).toMatchObject({ valid: false, firstBrokenSeq: 6, reason: 'payload is not canonical JSON' });
    } finally {
      await sql('UPDATE audit_entries SET payload = ? WHERE negotiation_id = ? AND seq = ?', [stored(6).payload, id, 6]);
    }
  });

  it('reports any other field changed, and the entry after a deleted one', async () => {
    for (const [column, value] of [
      ['type', 'WITHDRAW'],
      ['actor_id', 'someone-else'],
      ['role', 'admin'],
      ['at', '2020-01-01T00:00:00.000Z'],
    ]) {
      await sql(`UPDATE audit_entries SET ${column} = ? WHERE negotiation_id = ? AND seq = 4`, [value, id]);
      expect([column, await verifyStoredChain(manager(), id, 3)]).toEqual([column, { valid: false, firstBrokenSeq: 4, reason: 'hash does not match the entry' }]);
      const original = { type: stored(4).type, actor_id: stored(4).actorId, role: stored(4).role, at: stored(4).at }[column];
      await sql(`UPDATE audit_entries SET ${column} = ? WHERE negotiation_id = ? AND seq = 4`, [original, id]);
    }
    await sql('DELETE FROM audit_entries WHERE negotiation_id = ? AND seq = 7', [id]);
    try {
      expect(await verifyStoredChain(manager(), id, 3)).toEqual({ valid: false, firstBrokenSeq: 8, reason: 'expected seq 7, found 8' });
    } finally {
      const e = stored(7);
      await sql('INSERT INTO audit_entries (negotiation_id, seq, type, actor_id, role, at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        id, e.seq, e.type, e.actorId, e.role, e.at, e.payload, e.prevHash, e.hash,
      ]);
    }
    expect(await verifyStoredChain(manager(), id)).toMatchObject({ valid: true });
  });

  it('names an entry past the head the negotiation records, and the first missing one when the end was cut off', async () => {
    const last = stored(10);
    const extra = { ...last, seq: 11, type: 'COMMENT', payload: '{}', prevHash: last.hash };
    const hash = hashLink(extra);
    await sql('INSERT INTO audit_entries (negotiation_id, seq, type, actor_id, role, at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      id, 11, extra.type, extra.actorId, extra.role, extra.at, extra.payload, extra.prevHash, hash,
    ]);
    try {
      expect(await verifyStoredChain(manager(), id)).toMatchObject({ valid: false, firstBrokenSeq: 11 });
    } finally {
      await sql('DELETE FROM audit_entries WHERE negotiation_id = ? AND seq = 11', [id]);
    }
    await sql('DELETE FROM audit_entries WHERE negotiation_id = ? AND seq = 10', [id]);
    try {
      expect(await verifyStoredChain(manager(), id)).toMatchObject({ valid: false, firstBrokenSeq: 10 });
    } finally {
      await sql('INSERT INTO audit_entries (negotiation_id, seq, type, actor_id, role, at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        id, 10, last.type, last.actorId, last.role, last.at, last.payload, last.prevHash, last.hash,
      ]);
    }
  });

  it('npm run audit:verify reports a non-canonical stored payload', async () => {
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(stored(3).payload)).reverse()));
    await withPayload(3, reordered, async () => {
      const run = spawnSync(process.execPath, ['--require', join(__dirname, 'support', 'register-ts.js'), join(__dirname, '..', 'src', 'cli', 'verify-audit.ts'), id], {
        env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
        encoding: 'utf8',
      });
      expect(run.stdout).toContain(`BROKEN ${id} first broken seq 3: payload is not canonical JSON`);
      expect(run.status).toBe(1);
    });
  });
});
