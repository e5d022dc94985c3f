import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import type { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { AuthUser } from './auth-user';
import { Organization } from './organization.entity';
import { EntityManager, In } from 'typeorm';
import { Worker } from './worker.entity';
import { WorkerCoverageChange } from './worker-coverage-change.entity';
import { Clock } from '../common/clock';
import { badRequest, forbidden, unprocessable } from '../common/domain-error';
import { isRegionCode } from '../common/regions';
import { Transactions } from '../database/transactions';
import { textProblem } from '../common/body-check.pipe';
import { IMPORT_LINES, importLines } from './import-lines';

export const MAX_IMPORT_ROWS = 100_000;
/** Rows per INSERT statement, and per transaction: each a short hold on SQLite. */
const INSERT_BATCH = 25;
const COMMIT_ROWS = 500;
const COLUMNS = ['externalId', 'region', 'category', 'displayName'] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

export interface ImportResult {
  accepted: number;
  rejected: Array<{ line: number; message: string }>;
}

/** Why a row cannot be a worker record, or null when it can. */
export function rowProblem(row: Partial<Record<string, unknown>>): string | null {
  const problems: string[] = [];
  const text = (key: string) => (typeof row[key] === 'string' ? (row[key] as string).trim() : '');
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(text('externalId'))) problems.push('externalId must be 1–64 letters, digits or _.:-');
  if (!isRegionCode(text('region'))) problems.push(`region ${JSON.stringify(row.region ?? '')} is not a GB/T 2260 code`);
  if (!/^[a-z][a-z0-9_]{1,63}$/.test(text('category'))) problems.push('category must be a code such as delivery_rider');
  if (text('displayName').length < 1 || text('displayName').length > 200) problems.push('displayName must be 1–200 characters');
  for (const column of COLUMNS) {
    const problem = typeof row[column] === 'string' ? textProblem(row[column] as string) : null;
    if (problem) problems.push(`${column} ${problem}`);
  }
  const unknown = Object.keys(row).filter((k) => !(COLUMNS as readonly string[]).includes(k));
  if (unknown.length) problems.push(`unknown field ${unknown.join(', ')}`);
  return problems.length ? problems.join('; ') : null;
}

/**
 * An enterprise registers its workers in bulk (CSV or JSON lines): each row is checked on its
 * own, good rows are kept (a known externalId is updated: riders move districts), bad rows are
 * reported with their line number.
 */
@Injectable()
export class WorkersService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async import(user: AuthUser, body: Readable, contentType: string, maxBodyBytes: number): Promise<ImportResult> {
    const enterprise = user.organizationId
      ? await this.tx.manager.findOneBy(Organization, { id: user.organizationId, kind: 'enterprise' })
      : null;
    if (!enterprise?.industry) throw forbidden('WORKERS.NOT_AN_ENTERPRISE', 'workers are registered by their enterprise');

    const rejected: ImportResult['rejected'] = [];
    const firstLine = new Map<string, number>();
    const now = this.clock.now().toISOString();
    const good: Worker[] = [];
    let rows = 0;
    for await (const { line, row, error } of this.rows(body, contentType, maxBodyBytes)) {
      if (++rows > MAX_IMPORT_ROWS) throw unprocessable('WORKERS.TOO_MANY_ROWS', `at most ${MAX_IMPORT_ROWS} rows per request`);
      const problem = error ?? rowProblem(row!);
      if (problem) {
        rejected.push({ line, message: problem });
        continue;
      }
      const r = row as Row;
      const externalId = r.externalId.trim();
      if (firstLine.has(externalId)) {
        rejected.push({ line, message: `externalId ${externalId} repeats line ${firstLine.get(externalId)}` });
        continue;
      }
      firstLine.set(externalId, line);
      good.push({
        id: randomUUID(),
        enterpriseId: enterprise.id,
        externalId,
        industry: enterprise.industry,
        region: r.region.trim(),
        category: r.category.trim(),
        displayName: r.displayName.trim(),
        createdAt: now,
      });
    }
    if (rows === 0) throw badRequest('WORKERS.EMPTY', 'send CSV (text/csv) or JSON lines (application/x-ndjson) with at least one row');
    // rows are upserts, so an import cut short is completed by sending it again: committed a part at
    // a time, since one commit of 100 000 rows holds SQLite (and so the event loop) for a second
    for (let part = 0; part < good.length; part += COMMIT_ROWS)
      await this.tx.run(async (m) => {
        for (let i = part; i < Math.min(part + COMMIT_ROWS, good.length); i += INSERT_BATCH) {
          const batch = good.slice(i, Math.min(i + INSERT_BATCH, part + COMMIT_ROWS));
          await this.keepCoverageBeingChanged(m, enterprise.id, batch, now);
          await m
            .createQueryBuilder()
            .insert()
            .into(Worker)
            .values(batch)
            .orUpdate(['region', 'category', 'display_name'], ['enterprise_id', 'external_id'])
            .execute();
          // better-sqlite3 answers at once: without a turn of the event loop the whole import would hold it
          await nextTurn();
        }
      });
    return { accepted: good.length, rejected };
  }

  /**
   * Before an import moves workers (another region or category), what covered them until now:
   * a ballot's roll is what the scope covered at its opening (ballot-box.service.ts onRoll).
   * A second change in the same millisecond keeps the first one's record, the older coverage.
   */
  private async keepCoverageBeingChanged(m: EntityManager, enterpriseId: string, batch: Worker[], now: string): Promise<void> {
    const incoming = new Map(batch.map((w) => [w.externalId, w]));
    const existing = await m.find(Worker, { where: { enterpriseId, externalId: In([...incoming.keys()]) } });
    const moved = existing.filter((w) => {
      const next = incoming.get(w.externalId)!;
      return next.region !== w.region || next.category !== w.category;
    });
    if (moved.length === 0) return;
    await m
      .createQueryBuilder()
      .insert()
      .into(WorkerCoverageChange)
      .values(moved.map((w) => ({ workerId: w.id, until: now, enterpriseId: w.enterpriseId, industry: w.industry, region: w.region, category: w.category })))
      .orIgnore()
      .execute();
  }

  /**
   * Rows with their 1-based line numbers, read line by line as the body arrives (a CSV header
   * line counts as line 1). A row cannot span lines: a quote left open is that line's error.
   */
  private async *rows(body: Readable, contentType: string, maxBodyBytes: number): AsyncGenerator<{ line: number; row?: Record<string, unknown>; error?: string }> {
    const csv = contentType.startsWith('text/csv');
    for await (const read of importLines(body, maxBodyBytes)) {
      const { line } = read;
      if ('overlongBytes' in read) {
        yield { line, error: `the line is ${read.overlongBytes} bytes long; a row may have at most ${IMPORT_LINES.maxLineBytes}` };
        continue;
      }
      const text = line === 1 ? read.text.replace(/^\uFEFF/, '') : read.text;
      if (text.trim() === '') continue;
      if (!csv) {
        yield jsonRow(line, text);
        continue;
      }
      let cells: string[];
      try {
        // without a quote a CSV line is its fields between commas (RFC 4180); csv-parse for the rest
        cells = text.includes('"') ? (parse(text, { relax_column_count: true }) as string[][])[0] : text.split(',');
      } catch (error) {
        yield { line, error: csvProblem(error) };
        continue;
      }
      if (line === 1 && cells[0]?.trim() === 'externalId') continue;
      yield cells.length === COLUMNS.length
        ? { line, row: Object.fromEntries(COLUMNS.map((c, j) => [c, cells[j]])) }
        : { line, error: `expected ${COLUMNS.length} columns (${COLUMNS.join(', ')}), got ${cells.length}` };
    }
  }
}

function jsonRow(line: number, text: string): { line: number; row?: Record<string, unknown>; error?: string } {
  try {
    const row = JSON.parse(text);
    return row && typeof row === 'object' && !Array.isArray(row) ? { line, row } : { line, error: 'each line must be a JSON object' };
  } catch {
    return { line, error: 'not valid JSON' };
  }
}

/** csv-parse's complaint about one line, without its "at line 1" (the line is reported beside it). */
function csvProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'not valid CSV: a quoted field is not closed on its line';
  if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE')
    return 'not valid CSV: a quote in an unquoted field, or text after a closing quote (write a quote inside a quoted field as "")';
  return `not valid CSV: ${(error as Error).message}`;
}
