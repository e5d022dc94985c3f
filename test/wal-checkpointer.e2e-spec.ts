import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { scratchDatabaseUrl } from '../src/database/scratch-database';
import { sqlite } from '../src/database/rows';
import { CHECKPOINT_EVERY_MS, OWN_CHECKPOINT_PAGES, WalCheckpointer } from '../src/database/wal-checkpointer';
import { startTestApp } from './support/test-app';

/**
 * SQLite's write-ahead log is copied into the file by a thread of its own (src/database/
 * wal-checkpointer.ts), not by the commit that crosses SQLite's 1 000 pages on the event loop.
 * A SQLite file on both runs: the PostgreSQL run has no log to look at.
 */
describe('the SQLite checkpointer', () => {
  const PAGE = 4096;

  it('keeps the log short while the service itself checkpoints only past OWN_CHECKPOINT_PAGES', async () => {
    const url = await scratchDatabaseUrl();
    const t = await startTestApp({ scenario: false, databaseUrl: url });
    try {
      const db = sqlite(t.dataSource.manager)!;
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(OWN_CHECKPOINT_PAGES);
      db.exec('CREATE TABLE scratch_pages (page BLOB)');
      const insert = db.prepare('INSERT INTO scratch_pages VALUES (?)');
      // 8 commits of 500 pages each: 4 000 pages, a fifth of what the service's own checkpoint waits for
      const page = Buffer.alloc(PAGE - 100, 1);
      for (let commit = 0; commit < 8; commit++) {
        db.exec('BEGIN');
        for (let i = 0; i < 500; i++) insert.run(page);
        db.exec('COMMIT');
        await sleep(CHECKPOINT_EVERY_MS * 3);
      }
      // checkpointed logs restart from their beginning: the file holds about one commit's pages
      const logPages = statSync(`${url.slice('sqlite:'.length)}-wal`).size / PAGE;
      expect(logPages).toBeLessThan(1_600);
      expect(db.prepare('SELECT count(*) AS n FROM scratch_pages').all()).toEqual([{ n: 4_000 }]);
    } finally {
      await t.close();
    }
  });

  it('does not keep a process alive: one that started the service and never closed it ends by itself', async () => {
    const script = `
      require('reflect-metadata');
      const { createApp } = require('./src/app');
      const { loadConfig } = require('./src/config/app-config');
      (async () => {
        const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: ${JSON.stringify(await scratchDatabaseUrl())}, JWT_SECRET: 'x'.repeat(40), SWEEP_INTERVAL_MS: '0', PUBLICATION_POLL_MS: '0', CHECKPOINT_INTERVAL: '0' });
        const app = await createApp(config);
        await app.init();
        console.log('started, not closed');
      })();`;
    const run = spawnSync(process.execPath, ['--require', join(__dirname, 'support', 'register-ts.js'), '-e', script], { cwd: join(__dirname, '..'), encoding: 'utf8', timeout: 20_000 });
    expect(run.stdout).toContain('started, not closed');
    expect({ status: run.status, signal: run.signal }).toEqual({ status: 0, signal: null });
  });

  it('lets the service stop after its thread has ended by itself', async () => {
    const t = await startTestApp({ scenario: false, databaseUrl: await scratchDatabaseUrl() });
    const worker = t.app.get(WalCheckpointer)['worker']!;
    await worker.terminate();
    // the exit event reaches the service, which then has no thread to wait for
    await sleep(10);
    expect(t.app.get(WalCheckpointer)['worker']).toBeUndefined();
    await t.close();
  });

  it('stops with the service, and an in-memory database has none', async () => {
    const t = await startTestApp({ scenario: false, databaseUrl: await scratchDatabaseUrl() });
    const worker = t.app.get(WalCheckpointer)['worker']!;
    let exited = false;
    worker.once('exit', () => (exited = true));
    await t.close();
    expect(exited).toBe(true);
    const inMemory = await startTestApp({ scenario: false, databaseUrl: 'sqlite::memory:' });
    try {
      expect(inMemory.app.get(WalCheckpointer)['worker']).toBeUndefined();
    } finally {
      await inMemory.close();
    }
  });
});
