import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { RevokedToken } from '../accounts/revoked-token.entity';
import { dataSourceOptions } from './data-source-options';
import { STATEMENT_CACHE_SIZE, insertRow, preparedStatements, rawRows, selectRow, selectRows, updateRows } from './rows';

describe('rows on SQLite (statements on the connection itself)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions('sqlite::memory:')).initialize();
  });
  afterAll(() => ds.destroy());

  const token = (jti: string): RevokedToken => ({ jti, userId: 'u-1', expiresAt: '2027-01-01T00:00:00.000Z' });

  it('inserts, reads and updates rows, and says how many rows an update changed', async () => {
    await insertRow(ds.manager, RevokedToken, token('t-1'));
    expect(await selectRow(ds.manager, RevokedToken, 'jti = ?', ['t-1'])).toEqual(token('t-1'));
    expect(await updateRows(ds.manager, RevokedToken, { expiresAt: '2028-01-01T00:00:00.000Z' }, 'jti = ?', ['t-1'])).toBe(1);
    expect(await updateRows(ds.manager, RevokedToken, { expiresAt: '2029-01-01T00:00:00.000Z' }, 'jti = ?', ['nobody'])).toBe(0);
    expect((await selectRows(ds.manager, RevokedToken, 'user_id = ?', ['u-1'], { properties: ['expiresAt'] }))).toEqual([{ expiresAt: '2028-01-01T00:00:00.000Z' }]);
  });

  it('rejects a duplicate key with the driver’s code and leaves the row as it was', async () => {
    await insertRow(ds.manager, RevokedToken, token('t-2'));
    await expect(insertRow(ds.manager, RevokedToken, { ...token('t-2'), userId: 'u-2' })).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
    expect((await selectRow(ds.manager, RevokedToken, 'jti = ?', ['t-2']))?.userId).toBe('u-1');
  });

  it('binds booleans as 0 and 1', async () => {
    expect(await rawRows(ds.manager, 'SELECT ? AS yes, ? AS no', [true, false])).toEqual([{ yes: 1, no: 0 }]);
  });

  it('keeps at most STATEMENT_CACHE_SIZE statements prepared, and still runs the dropped ones', async () => {
    for (let n = 0; n < STATEMENT_CACHE_SIZE + 100; n++) await rawRows(ds.manager, `SELECT ? + ${n} AS v`, [1]);
    expect(preparedStatements(ds.manager)).toBe(STATEMENT_CACHE_SIZE);
    expect(await rawRows(ds.manager, 'SELECT ? + 0 AS v', [1])).toEqual([{ v: 1 }]);
  });
});
