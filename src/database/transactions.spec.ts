import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { RevokedToken } from '../accounts/revoked-token.entity';
import { dataSourceOptions } from './data-source-options';
import { insertRow, selectRows, sqlite } from './rows';
import { Transactions } from './transactions';

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
