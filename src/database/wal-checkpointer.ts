import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { sqlite } from './rows';

/** How often the checkpointer copies the write-ahead log into the database file. */
export const CHECKPOINT_EVERY_MS = 50;
/**
 * The service's own connection checkpoints only if the log has grown past this many pages
 * (4 KiB each; SQLite's default is 1 000): a safety net for a checkpointer that has stopped or
 * cannot keep up, never the usual way.
 */
export const OWN_CHECKPOINT_PAGES = 20_000;

/**
 * The checkpointer's thread: its own connection to the file, a PASSIVE checkpoint at every tick
 * (it never waits for, nor blocks, the service's writes). Plain JavaScript, evaluated as the
 * worker's source, so that it runs the same from dist/, the bundle and the tests' TypeScript.
 */
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.addon);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error && error.message || error)); }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Copies SQLite's write-ahead log into the database file on a thread of its own. With SQLite's
 * automatic checkpoint the commit that crosses 1 000 pages does it, on the event loop: one
 * commit in ~70 took 1–10 ms (reading the log, writing the file, two fsyncs), half of all the
 * time OFFERs spent committing, and every request queued behind it waited as long. In-memory
 * databases (tests) have no log and no checkpointer.
 */
@Injectable()
export class WalCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WalCheckpointer.name);
  private worker?: Worker;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const db = sqlite(this.dataSource.manager);
    if (!db || db.memory) return;
    db.pragma(`wal_autocheckpoint = ${OWN_CHECKPOINT_PAGES}`);
    const worker = new Worker(CHECKPOINTER_SOURCE, {
      eval: true,
      workerData: { addon: require.resolve('better-sqlite3'), file: db.name, everyMs: CHECKPOINT_EVERY_MS },
    });
    worker.on('message', (failure: string) => this.logger.warn(`checkpoint failed: ${failure}`));
    worker.on('error', (error) => this.logger.error(`the checkpointer stopped (the service's own connection checkpoints from ${OWN_CHECKPOINT_PAGES} pages): ${error.message}`));
    // a thread that has ended is not waited for at shutdown
    worker.once('exit', () => this.worker === worker && (this.worker = undefined));
    // the thread never keeps the process alive; after the listeners: a 'message' listener refers it again
    worker.unref();
    this.worker = worker;
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // waited for, it keeps the process alive: unreferenced, a process with nothing else left to
    // do would end here, before the shutdown hooks after this one ran
    worker.ref();
    worker.postMessage('stop');
    await exited;
  }
}
