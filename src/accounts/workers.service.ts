import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { AuthUser } from './auth-user';
import { Organization } from './organization.entity';
import { Worker } from './worker.entity';
import { Clock } from '../common/clock';
import { badRequest, forbidden, unprocessable } from '../common/domain-error';
import { isRegionCode } from '../common/regions';
import { Transactions } from '../database/transactions';

export const MAX_IMPORT_ROWS = 100_000;
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

  async import(user: AuthUser, body: string, contentType: string): Promise<ImportResult> {
    const enterprise = user.organizationId
      ? await this.tx.manager.findOneBy(Organization, { id: user.organizationId, kind: 'enterprise' })
      : null;
    if (!enterprise?.industry) throw forbidden('WORKERS.NOT_AN_ENTERPRISE', 'workers are registered by their enterprise');
    const lines = this.parse(body, contentType);
    if (lines.length > MAX_IMPORT_ROWS) throw unprocessable('WORKERS.TOO_MANY_ROWS', `at most ${MAX_IMPORT_ROWS} rows per request, got ${lines.length}`);

    const rejected: ImportResult['rejected'] = [];
    const firstLine = new Map<string, number>();
    const now = this.clock.now().toISOString();
    const good: Worker[] = [];
    for (const { line, row, error } of lines) {
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
    await this.tx.run(async (m) => {
      for (let i = 0; i < good.length; i += 500)
        await m
          .createQueryBuilder()
          .insert()
          .into(Worker)
          .values(good.slice(i, i + 500))
          .orUpdate(['region', 'category', 'display_name'], ['enterprise_id', 'external_id'])
          .execute();
    });
    return { accepted: good.length, rejected };
  }

  /** Rows with their 1-based line numbers (a CSV header line counts as line 1). */
  private parse(body: string, contentType: string): Array<{ line: number; row?: Record<string, unknown>; error?: string }> {
    if (typeof body !== 'string' || body.trim() === '') throw badRequest('WORKERS.EMPTY', 'send CSV (text/csv) or JSON lines (application/x-ndjson) with at least one row');
    if (contentType.startsWith('text/csv')) {
      let records: string[][];
      try {
        records = parse(body, { relax_column_count: true, skip_empty_lines: false, bom: true });
      } catch (error) {
        throw badRequest('WORKERS.BAD_CSV', `CSV: ${(error as Error).message}`);
      }
      const hasHeader = records[0]?.[0]?.trim() === 'externalId';
      return records
        .map((cells, i) => ({ cells, line: i + 1 }))
        .filter(({ cells, line }) => !(hasHeader && line === 1) && !(cells.length === 1 && cells[0].trim() === ''))
        .map(({ cells, line }) =>
          cells.length === COLUMNS.length
            ? { line, row: Object.fromEntries(COLUMNS.map((c, j) => [c, cells[j]])) }
            : { line, error: `expected ${COLUMNS.length} columns (${COLUMNS.join(', ')}), got ${cells.length}` },
        );
    }
    return body
      .split(/\r?\n/)
      .map((text, i) => ({ text, line: i + 1 }))
      .filter(({ text }) => text.trim() !== '')
      .map(({ text, line }) => {
        try {
          const row = JSON.parse(text);
          return row && typeof row === 'object' && !Array.isArray(row) ? { line, row } : { line, error: 'each line must be a JSON object' };
        } catch {
          return { line, error: 'not valid JSON' };
        }
      });
  }
}
