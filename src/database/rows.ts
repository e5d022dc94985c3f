import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Reads and writes for the hot paths (every OFFER, every authenticated request): one fixed,
 * parameterised statement each, turned into entities with the driver's own conversions
 * (`prepareHydratedValue` / `preparePersistentValue`: simple-json, booleans, dates).
 *
 * TypeORM's `find`/`insert` build their SQL anew on every call — about 200 µs for a
 * one-row `findOne` on these machines against 15 µs for the statement itself — and on SQLite
 * they write numbers into the SQL text, so every version number or round is a new statement
 * to prepare, pushing the hot ones out of better-sqlite3's statement cache.
 *
 * `where` uses `?` placeholders and column names as in the table; PostgreSQL gets `$n`.
 */
export interface SelectOptions<T> {
  /** e.g. `round DESC` */
  orderBy?: string;
  limit?: number;
  /** Only these properties (the others are left out of the entity). */
  properties?: Array<keyof T & string>;
}

export async function selectRows<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  where: string,
  params: unknown[],
  options: SelectOptions<T> = {},
): Promise<T[]> {
  const shape = shapeOf(m, entity);
  const columns = options.properties ? shape.columns.filter((c) => options.properties!.includes(c.propertyName as keyof T & string)) : shape.columns;
  const list = options.properties ? columns.map((c) => `"${c.databaseName}"`).join(', ') : '*';
  const sql = `SELECT ${list} FROM ${shape.table} WHERE ${where}${options.orderBy ? ` ORDER BY ${options.orderBy}` : ''}${options.limit ? ` LIMIT ${options.limit}` : ''}`;
  const raw = (await query(m, sql, params)) as Array<Record<string, unknown>>;
  return raw.map((row) => {
    const entity = {} as Record<string, unknown>;
    for (const c of columns) entity[c.propertyName] = m.connection.driver.prepareHydratedValue(row[c.databaseName], c);
    return entity as T;
  });
}

export async function selectRow<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, where: string, params: unknown[], options: SelectOptions<T> = {}): Promise<T | null> {
  return (await selectRows(m, entity, where, params, { ...options, limit: 1 }))[0] ?? null;
}

/** Any fixed statement (`?` placeholders), its rows as the driver gives them. */
export async function rawRows<R = Record<string, unknown>>(m: EntityManager, sql: string, params: unknown[]): Promise<R[]> {
  return (await query(m, sql, params)) as R[];
}

/** `?, ?, ?` for an `IN (…)` of these values. */
export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/** Inserts one row: every column of the entity, from `values` (a missing property is NULL). */
export async function insertRow<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, values: T): Promise<void> {
  const shape = shapeOf(m, entity);
  const params = shape.columns.map((c) => {
    const value = (values as Record<string, unknown>)[c.propertyName];
    return value === undefined ? null : m.connection.driver.preparePersistentValue(value, c);
  });
  await query(m, shape.insert, params);
}

/**
 * `UPDATE … SET <set> WHERE <where>`: the properties in `set`, converted as the driver stores
 * them; answers how many rows changed (a versioned update checks it is 1).
 */
export async function updateRows<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, set: Partial<T>, where: string, params: unknown[]): Promise<number> {
  const shape = shapeOf(m, entity);
  const columns = Object.keys(set).map((property) => {
    const column = shape.columns.find((c) => c.propertyName === property);
    if (!column) throw new Error(`${shape.table} has no property ${property}`);
    return column;
  });
  const values = columns.map((c) => m.connection.driver.preparePersistentValue((set as Record<string, unknown>)[c.propertyName], c));
  const sql = `UPDATE ${shape.table} SET ${columns.map((c) => `"${c.databaseName}" = ?`).join(', ')} WHERE ${where}`;
  const db = sqlite(m);
  if (db) return statement(db, sql).run(...bindable([...values, ...params])).changes;
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    return (await runner.query(dialect(m, sql), [...values, ...params], true)).affected ?? 0;
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}

/** The part of a better-sqlite3 connection used here and by `Transactions`. */
export interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  readonly inTransaction: boolean;
  /** The file's path, or ':memory:'. */
  readonly name: string;
  readonly memory: boolean;
}
interface SqliteStatement {
  reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}

/**
 * On SQLite the statement runs on the connection itself: better-sqlite3 is synchronous and has
 * one connection, which every transaction and read shares. TypeORM's query runner around it
 * awaited five times and broadcast two events per statement (≈ 15 statements an OFFER); its
 * errors carried the driver's `code`, as the driver's own errors do.
 */
async function query(m: EntityManager, sql: string, params: unknown[]): Promise<unknown> {
  const db = sqlite(m);
  if (!db) return m.query(dialect(m, sql), params);
  const stmt = statement(db, sql);
  return stmt.reader ? stmt.all(...bindable(params)) : stmt.run(...bindable(params));
}

/** The better-sqlite3 connection behind this manager (the only one there is), or undefined on PostgreSQL. */
export function sqlite(m: EntityManager): SqliteConnection | undefined {
  if (m.connection.options.type !== 'better-sqlite3') return undefined;
  return (m.connection.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
}

const statements = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

/** Prepared statements kept per connection; an `IN (…)` of each length is a text of its own. */
export const STATEMENT_CACHE_SIZE = 500;

/** Each text is prepared once per connection; past the bound the oldest is dropped. */
function statement(db: SqliteConnection, sql: string): SqliteStatement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    cache.set(sql, (stmt = db.prepare(sql)));
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return stmt;
}

/** How many statements are kept prepared for this manager's SQLite connection (0 on PostgreSQL). */
export function preparedStatements(m: EntityManager): number {
  const db = sqlite(m);
  return db ? (statements.get(db)?.size ?? 0) : 0;
}

/** better-sqlite3 binds no booleans: 0/1, as TypeORM's runner does. */
const bindable = (params: unknown[]): unknown[] => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

/** `?` → `$1, $2, …` for PostgreSQL; SQLite takes `?` as written. */
function dialect(m: EntityManager, sql: string): string {
  if (m.connection.options.type !== 'postgres') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

interface Shape {
  table: string;
  columns: ColumnMetadata[];
  insert: string;
}

const shapes = new WeakMap<object, Map<unknown, Shape>>();

function shapeOf(m: EntityManager, entity: EntityTarget<ObjectLiteral>): Shape {
  let forSource = shapes.get(m.connection);
  if (!forSource) shapes.set(m.connection, (forSource = new Map()));
  let shape = forSource.get(entity);
  if (!shape) {
    const metadata = m.connection.getMetadata(entity);
    const columns = metadata.columns;
    const table = `"${metadata.tableName}"`;
    const sql = `INSERT INTO ${table} (${columns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    shape = { table, columns, insert: sql };
    forSource.set(entity, shape);
  }
  return shape;
}
