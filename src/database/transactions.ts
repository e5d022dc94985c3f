import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SqliteConnection, sqlite } from './rows';

/**
 * Most units of work one SQLite commit holds. The first unit's answer waits for the group's
 * others (each well under a millisecond on the hot paths), so the bound is also the most a
 * group adds to an answer's time.
 */
export const GROUP_COMMIT_UNITS = 8;

interface Unit {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs a unit of work in one transaction. PostgreSQL runs units concurrently and the version
 * check decides races. better-sqlite3 has a single connection, and TypeORM nests a second
 * concurrent transaction on it as a savepoint of the first, so on SQLite the units are queued
 * and run one after another, and consecutive units commit together (group commit):
 * each unit is a savepoint of one transaction, undone alone when it fails, and answered only
 * once the transaction has committed. A commit writes every page the group changed to the
 * write-ahead log (two writes a page); the units of a group share most of them (the audit
 * log's last page, the tables' indexes), and BEGIN and COMMIT were an eighth of an OFFER's CPU.
 * Reads outside a unit share the one connection, so they see a group's finished units before
 * the commit, as they always saw a running unit's writes.
 * SQLite transactions begin IMMEDIATE: they take the write lock up front, so two processes on
 * one file wait for each other (busy_timeout) instead of failing to upgrade a read lock.
 */
@Injectable()
export class Transactions {
  private readonly pending: Unit[] = [];
  private draining = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** For reads outside a unit of work. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Whether a read now may see rows not yet committed: on SQLite's one connection a read while
   * a group is open sees its units' writes. Such a read is answered but not kept — the group
   * may still roll back. Always false on PostgreSQL (a read has a connection of its own).
   */
  get readsUncommitted(): boolean {
    return sqlite(this.dataSource.manager)?.inTransaction === true;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type !== 'better-sqlite3') return this.dataSource.transaction(work);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (result: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  /**
   * BEGIN, SAVEPOINT and COMMIT go to the connection itself, as the hot statements do (rows.ts):
   * through TypeORM's runner they cost 10–15 µs more each.
   */
  private async drain(): Promise<void> {
    this.draining = true;
    const { manager } = this.dataSource.createQueryRunner();
    const db = sqlite(manager)!;
    try {
      while (this.pending.length) await this.group(manager, db);
    } finally {
      this.draining = false;
    }
  }

  /**
   * The unit queued by the next turn of the event loop, if any. Requests start one per turn
   * (src/common/arrival-order.ts) and a unit's statements are synchronous, so the next request's
   * unit is queued only in the next turn: without this wait, every group held one unit.
   * Deferring the group's start to the turn's end instead (no transaction open while waiting)
   * made groups of 2, not 7–8, and OFFER 20 % slower (measured, session 13).
   */
  private nextTurn(): Promise<Unit | undefined> {
    return new Promise((resolve) => setImmediate(() => resolve(this.pending.shift())));
  }

  private async group(manager: EntityManager, db: SqliteConnection): Promise<void> {
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      // another process held the lock past busy_timeout: the unit first in line fails, the others try again
      this.pending.shift()!.reject(error);
      return;
    }
    const done: Array<{ unit: Unit; result: unknown }> = [];
    let unit: Unit | undefined;
    while (done.length < GROUP_COMMIT_UNITS && (unit = this.pending.shift() ?? (done.length ? await this.nextTurn() : undefined))) {
      db.exec('SAVEPOINT unit');
      try {
        const result = await unit.work(manager);
        db.exec('RELEASE unit');
        done.push({ unit, result });
      } catch (error) {
        unit.reject(error);
        // SQLite rolls the whole transaction back by itself on a full disk or an I/O error, and
        // the group's finished units with it: they fail with the same reason. A failure it
        // has already rolled back is not rolled back again, which would hide why it failed.
        if (!db.inTransaction) return done.forEach((d) => d.unit.reject(error));
        db.exec('ROLLBACK TO unit');
        db.exec('RELEASE unit');
      }
    }
    try {
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      return done.forEach((d) => d.unit.reject(error));
    }
    for (const d of done) d.unit.resolve(d.result);
  }
}
