import type { IRateLimiterStoreOptions, RateLimiterStoreAbstract as StoreAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { rawRows } from './rows';

// the package exports its concrete stores only; the abstract one is the documented base of custom stores
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RateLimiterStoreAbstract: typeof StoreAbstract = require('rate-limiter-flexible/lib/RateLimiterStoreAbstract');

interface Row {
  points: number | string;
  expire: number | string | null;
}

/**
 * rate-limiter-flexible counters in our own database (table `rate_limits`, a migration), over
 * the TypeORM connection, so every instance on the database counts the same attempts. One
 * atomic upsert per consumption (the statement of the library's PostgreSQL store), written so
 * SQLite runs it too.
 */
export class TypeOrmRateLimiterStore extends RateLimiterStoreAbstract {
  private readonly dataSource: DataSource;

  constructor(options: Omit<IRateLimiterStoreOptions, 'storeClient'> & { dataSource: DataSource }) {
    const { dataSource, ...rest } = options;
    super({ ...rest, storeClient: dataSource });
    this.dataSource = dataSource;
  }

  /** `?` placeholders, `$n` on PostgreSQL (rows.ts). */
  private query(sql: string, values: unknown[]): Promise<unknown> {
    return rawRows(this.dataSource.manager, sql, values);
  }

  _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<Row> {
    const now = Date.now();
    const expire = msDuration > 0 ? now + msDuration : null;
    const restart = `(rate_limits.expire <= ? OR ${forceExpire ? '1 = 1' : '1 = 0'})`;
    return this.query(
      `INSERT INTO rate_limits ("key", points, expire) VALUES (?, ?, ?)
       ON CONFLICT ("key") DO UPDATE SET
         points = CASE WHEN ${restart} THEN excluded.points ELSE rate_limits.points + excluded.points END,
         expire = CASE WHEN ${restart} THEN excluded.expire ELSE rate_limits.expire END
       RETURNING points, expire`,
      [key, points, expire, now, now],
    ).then((rows) => (rows as Row[])[0]);
  }

  _get(key: string): Promise<Row | null> {
    return this.query('SELECT points, expire FROM rate_limits WHERE "key" = ? AND (expire IS NULL OR expire > ?)', [key, Date.now()]).then(
      (rows) => (rows as Row[])[0] ?? null,
    );
  }

  async _delete(key: string): Promise<boolean> {
    const found = await this._get(key);
    await this.query('DELETE FROM rate_limits WHERE "key" = ?', [key]);
    return found !== null;
  }

  _getRateLimiterRes(_key: string, changedPoints: number, row: Row): RateLimiterRes {
    const points = Number(row.points);
    const expire = row.expire === null ? null : Number(row.expire);
    const msBeforeNext = expire === null ? -1 : Math.max(expire - Date.now(), 0);
    return new RateLimiterRes(Math.max(this.points - points, 0), msBeforeNext, points, changedPoints === points);
  }

  /** Counters whose window has passed: nothing reads them any more. */
  async deleteExpired(): Promise<void> {
    await this.query('DELETE FROM rate_limits WHERE expire IS NOT NULL AND expire <= ?', [Date.now()]);
  }
}
