import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { RevokedToken } from '../accounts/revoked-token.entity';
import { dataSourceOptions } from './data-source-options';
import { SqliteConnection, insertRow, selectRows, sqlite } from './rows';
import { GROUP_COMMIT_UNITS, Transactions } from './transactions';

describe('Transactions on SQLite (BEGIN IMMEDIATE … COMMIT on the connection itself)', () => {
  let ds: DataSource;
  let tx: Transactions;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions('sqlite::memory:')).initialize();
    tx = new Transactions(ds);
  });
  afterAll(() => ds.destroy());

  const token = (jti: string): RevokedToken => ({ jti, userId: 'u-tx', expiresAt: '2027-01-01T00:00:00.000Z' });
  const kept = async () => (await selectRows(ds.manager, RevokedToken, 'user_id = ?', ['u-tx'])).map((t) => t.jti).sort();

  it('keeps what a unit wrote, and nothing of a unit that failed', async () => {
    await tx.run((m) => insertRow(m, RevokedToken, token('kept')));
    await expect(
      tx.run(async (m) => {
        await insertRow(m, RevokedToken, token('undone'));
        throw new Error('the unit failed');
      }),
    ).rejects.toThrow('the unit failed');
    expect(await kept()).toEqual(['kept']);
    expect(sqlite(ds.manager)!.inTransaction).toBe(false);
  });

  it('runs units one after another, each seeing the one before', async () => {
    const seen = await Promise.all([1, 2, 3].map((i) => tx.run(async (m) => (await insertRow(m, RevokedToken, token(`queued-${i}`)), (await kept()).length))));
    expect(seen).toEqual([2, 3, 4]);
  });

  it('says why a unit failed when SQLite had already rolled it back', async () => {
    await expect(
      tx.run(async (m) => {
        // as SQLite does by itself on a full disk or an I/O error
        sqlite(m)!.exec('ROLLBACK');
        throw new Error('database or disk is full');
      }),
    ).rejects.toThrow('database or disk is full');
    await tx.run((m) => insertRow(m, RevokedToken, token('after')));
    expect(await kept()).toContain('after');
  });
});

describe('Group commit on SQLite (the units queued together are one transaction)', () => {
  let ds: DataSource;
  let tx: Transactions;
  let db: SqliteConnection;
  const log: string[] = [];
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions('sqlite::memory:')).initialize();
    tx = new Transactions(ds);
    db = sqlite(ds.manager)!;
    db.exec('CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (parent_id TEXT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)');
    const exec = db.exec.bind(db);
    jest.spyOn(db, 'exec').mockImplementation((sql: string) => (sql === 'COMMIT' && log.push('COMMIT'), exec(sql)));
  });
  afterAll(() => ds.destroy());
  beforeEach(() => (log.length = 0));

  const token = (jti: string): RevokedToken => ({ jti, userId: 'u-group', expiresAt: '2027-01-01T00:00:00.000Z' });
  const kept = async () => (await selectRows(ds.manager, RevokedToken, 'user_id = ?', ['u-group'])).map((t) => t.jti).sort();
  const unit = (i: number) => tx.run((m) => insertRow(m, RevokedToken, token(`g${i}`))).then(() => log.push(`answer ${i}`));

  it(`commits at most ${GROUP_COMMIT_UNITS} units at once, and answers each only after its commit`, async () => {
    const n = 2 * GROUP_COMMIT_UNITS + 1;
    await Promise.all(Array.from({ length: n }, (_, i) => unit(i)));
    expect(log.filter((l) => l === 'COMMIT')).toHaveLength(3);
    // the first group's answers follow the first commit, the second's the second
    expect(log.indexOf('COMMIT')).toBe(0);
    expect(log.indexOf('answer 0')).toBeLessThan(log.lastIndexOf('answer 7'));
    expect(log.slice(0, GROUP_COMMIT_UNITS + 2)).toEqual(['COMMIT', ...Array.from({ length: GROUP_COMMIT_UNITS }, (_, i) => `answer ${i}`), 'COMMIT']);
    expect(await kept()).toHaveLength(n);
  });

  it('groups a unit queued on the next turn of the event loop with the one before', async () => {
    await Promise.all([unit(100), new Promise<void>((resolve) => setImmediate(() => void unit(101).then(() => resolve())))]);
    expect(log).toEqual(['COMMIT', 'answer 100', 'answer 101']);
  });

  it('undoes a failed unit alone: the others of its group are kept', async () => {
    const failing = () =>
      tx.run(async (m) => {
        await insertRow(m, RevokedToken, token('g-failed'));
        throw new Error('the unit failed');
      });
    const [before, failed, after] = await Promise.allSettled([unit(200), failing(), unit(201)]);
    expect([before.status, failed.status, after.status]).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['COMMIT', 'answer 200', 'answer 201']);
    const jtis = await kept();
    expect(jtis).toEqual(expect.arrayContaining(['g200', 'g201']));
    expect(jtis).not.toContain('g-failed');
  });

  it('fails every unit of a group whose commit fails, and keeps none of them', async () => {
    const orphan = () =>
      tx.run(async (m) => {
        // a deferred foreign key is checked by COMMIT, after every unit of the group has succeeded
        sqlite(m)!.exec("INSERT INTO child (parent_id) VALUES ('nobody')");
      });
    const results = await Promise.allSettled([unit(300), orphan(), unit(301)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.message).toMatch(/FOREIGN KEY/);
    const jtis = await kept();
    expect(jtis).not.toContain('g300');
    expect(jtis).not.toContain('g301');
    expect(db.inTransaction).toBe(false);
    await unit(302);
    expect(await kept()).toContain('g302');
  });

  it('fails the finished units of a group that SQLite rolled back by itself', async () => {
    const rolledBack = () =>
      tx.run(async (m) => {
        sqlite(m)!.exec('ROLLBACK');
        throw new Error('disk I/O error');
      });
    const results = await Promise.allSettled([unit(400), rolledBack(), unit(401)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe('disk I/O error');
    const jtis = await kept();
    expect(jtis).not.toContain('g400');
    expect(jtis).toContain('g401');
  });
});
