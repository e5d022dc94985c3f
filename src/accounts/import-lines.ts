import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import { DomainError } from '../common/domain-error';

/**
 * How a worker import is read: as a stream, one line at a time, and never for long without
 * letting other requests in. A line longer than `maxLineBytes` is not kept (however long it
 * is, only its length is counted) and becomes that row's error; no field of a worker record
 * comes near it.
 */
export const IMPORT_LINES = { maxLineBytes: 4096 } as const;

export type ImportLine = { line: number; text: string } | { line: number; overlongBytes: number };

const NEWLINE = 0x0a;

/** The body's lines with their 1-based numbers (a trailing CR is dropped); 413 past `maxBodyBytes`. */
export async function* importLines(body: Readable, maxBodyBytes: number, maxLineBytes: number = IMPORT_LINES.maxLineBytes): AsyncGenerator<ImportLine> {
  let line = 1;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  const finish = (): ImportLine => {
    const done: ImportLine =
      pendingBytes > maxLineBytes ? { line, overlongBytes: pendingBytes } : { line, text: Buffer.concat(pending).toString('utf8').replace(/\r$/, '') };
    line++;
    pending = [];
    pendingBytes = 0;
    return done;
  };
  try {
    // stopping early (too large, too many rows) must not destroy the socket: the answer still goes out on it
    for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBodyBytes) throw new DomainError(413, 'WORKERS.TOO_LARGE', `an import may have at most ${maxBodyBytes} bytes`);
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        take(chunk.subarray(start, end));
        yield finish();
        start = end + 1;
      }
      take(chunk.subarray(start));
      // a chunk at a time: the rest of the server (health checks included) gets its turn between chunks
      await nextTurn();
    }
    if (pendingBytes > 0) yield finish();
  } finally {
    // the rest of a refused body is read and dropped, so the client gets the answer
    if (!body.readableEnded) body.resume();
  }

  function take(piece: Buffer): void {
    pendingBytes += piece.length;
    // an overlong line is only counted from here on, never held in memory
    if (pendingBytes <= maxLineBytes) pending.push(piece);
    else pending = [];
  }
}
