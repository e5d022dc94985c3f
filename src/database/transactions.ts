import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sqlite } from './rows';

/**
 * Runs a unit of work in one transaction. better-sqlite3 has a single connection, and TypeORM
 * nests a second concurrent transaction on it as a savepoint of the first, so on SQLite the
 * units are queued; PostgreSQL runs them concurrently and the version check decides races.
 * SQLite units begin IMMEDIATE: they take the write lock up front, so two processes on one
 * file wait for each other (busy_timeout) instead of failing to upgrade a read lock.
 */
@Injectable()
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** For reads outside a unit of work. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type !== 'better-sqlite3') return this.dataSource.transaction(work);
    const next = this.queue.then(() => this.immediate(work));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * BEGIN and COMMIT go to the connection itself, as the hot statements do (rows.ts): through
   * TypeORM's runner they cost 10–15 µs more each. A failure SQLite already rolled back (a
   * full disk, say) is not rolled back twice, which would hide why it failed.
   */
  private async immediate<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const { manager } = this.dataSource.createQueryRunner();
    const db = sqlite(manager)!;
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(manager);
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
}
