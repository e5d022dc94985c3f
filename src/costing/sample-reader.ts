import { parse as parseCsvLine } from 'csv-parse/sync';
import { createHash } from 'node:crypto';

/**
 * Reads an order or online-time sample as it streams in (CSV with a header line, or JSON
 * lines), one line at a time in bounded memory: each good row goes to `onRow`, each bad one is
 * reported with its line number, and the SHA-256 of the exact bytes received is computed on
 * the way. Plain CSV lines are split on commas (csv-parse is ~6× slower at 10⁷ rows, measured);
 * a line with a quote goes through csv-parse so quoting still works.
 */
export const SAMPLE_KINDS = ['orders', 'online_time'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

export interface OrderRow {
  riderHash: string;
  day: string;
  km: number;
  minutes: number;
  night: boolean;
  badWeather: boolean;
}

export interface OnlineTimeRow {
  riderHash: string;
  day: string;
  onlineMinutes: number;
}

export type SampleRow<K extends SampleKind> = K extends 'orders' ? OrderRow : OnlineTimeRow;

export const SAMPLE_COLUMNS: Record<SampleKind, readonly string[]> = {
  orders: ['riderHash', 'day', 'km', 'minutes', 'night', 'badWeather'],
  online_time: ['riderHash', 'day', 'onlineMinutes'],
};

/** Longest line read; a longer one is a rejected row, skipped without being held in memory. */
export const MAX_SAMPLE_LINE_CHARS = 2048;
/** Rejections listed in the answer; the count covers them all. */
export const MAX_LISTED_REJECTIONS = 1000;
const MAX_ORDER_KM = 500;
const MINUTES_PER_DAY = 1440;

export interface SampleReadResult {
  rows: number;
  rejected: Array<{ line: number; message: string }>;
  rejectedCount: number;
  sha256: string;
}

export class SampleFormatError extends Error {}

/**
 * Why a value cannot be a rider hash, or null. The platform must send a pseudonym (a hex or
 * base64url digest of 16–128 characters), never the phone or ID-card number it hashes: an
 * all-digit value, or anything shaped like a mainland mobile number or resident ID, is refused.
 */
export function riderHashProblem(value: string): string | null {
  const compact = value.replace(/[\s+-]/g, '');
  if (/^(86)?1[3-9]\d{9}$/.test(compact)) return 'riderHash looks like a phone number: send a hash of the rider id, never the number';
  if (/^\d{17}[\dXx]$|^\d{15}$/.test(compact)) return 'riderHash looks like an ID-card number: send a hash of the rider id, never the number';
  if (/^\d+$/.test(compact)) return 'riderHash is all digits: send a hash (hex or base64url), not a number';
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(value)) return 'riderHash must be a hash: 16–128 hex or base64url characters';
  return null;
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const flag = (value: unknown): boolean | null => {
  if (value === true || value === 1 || value === '1' || value === 'true') return true;
  if (value === false || value === 0 || value === '0' || value === 'false') return false;
  return null;
};
const numberOf = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN);

/**
 * A sample repeats the same riders and days millions of times: their checks are remembered
 * (bounded, so a sample of unique junk cannot grow it without limit).
 */
class Remembered<T> {
  private readonly seen = new Map<string, T>();
  constructor(private readonly check: (value: string) => T) {}
  get(value: string): T {
    let result = this.seen.get(value);
    if (result === undefined) {
      result = this.check(value);
      if (this.seen.size < 1_000_000) this.seen.set(value, result);
    }
    return result;
  }
}

type Checks = { hash: Remembered<string | null>; day: Remembered<boolean> };
const newChecks = (): Checks => ({ hash: new Remembered(riderHashProblem), day: new Remembered(isCalendarDate) });

/**
 * Checks one record, read field by field through `get` (no object per CSV line: at 10⁷ rows
 * allocation is the cost), into `into` — one row object reused for every line, so a consumer
 * copies what it keeps. Returns the row, or the problems.
 */
export function sampleRow<K extends SampleKind>(
  kind: K,
  get: (column: string) => unknown,
  checks: Checks = newChecks(),
  into: Partial<OrderRow & OnlineTimeRow> = {},
): SampleRow<K> | string {
  let problems: string[] | null = null;
  const problem = (text: string) => (problems ??= []).push(text);
  const riderHash = get('riderHash');
  const hashProblem = checks.hash.get(typeof riderHash === 'string' ? riderHash : '');
  if (hashProblem) problem(hashProblem);
  const day = get('day');
  if (typeof day !== 'string' || !checks.day.get(day)) problem('day must be a date YYYY-MM-DD');
  if (kind === 'orders') {
    const km = numberOf(get('km'));
    const minutes = numberOf(get('minutes'));
    const night = flag(get('night'));
    const badWeather = flag(get('badWeather'));
    if (!(km >= 0 && km <= MAX_ORDER_KM)) problem(`km must be a number from 0 to ${MAX_ORDER_KM}`);
    if (!(Number.isInteger(minutes) && minutes >= 0 && minutes <= MINUTES_PER_DAY)) problem('minutes must be a whole number from 0 to 1440');
    if (night === null) problem('night must be 0/1 or true/false');
    if (badWeather === null) problem('badWeather must be 0/1 or true/false');
    if (problems) return (problems as string[]).join('; ');
    Object.assign(into, { riderHash, day, km, minutes, night, badWeather });
    return into as SampleRow<K>;
  }
  const onlineMinutes = numberOf(get('onlineMinutes'));
  if (!(Number.isInteger(onlineMinutes) && onlineMinutes >= 1 && onlineMinutes <= MINUTES_PER_DAY))
    problem('onlineMinutes must be a whole number from 1 to 1440 (a day without online time cannot be costed)');
  if (problems) return (problems as string[]).join('; ');
  Object.assign(into, { riderHash, day, onlineMinutes });
  return into as SampleRow<K>;
}

export async function readSample<K extends SampleKind>(
  source: AsyncIterable<Buffer | string>,
  kind: K,
  format: 'csv' | 'jsonl',
  onRow: (row: SampleRow<K>) => string | null | void,
): Promise<SampleReadResult> {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8');
  const result: SampleReadResult = { rows: 0, rejected: [], rejectedCount: 0, sha256: '' };
  let header: string[] | null = null;
  let lineNo = 0;
  let partial = '';
  let overlong = false;
  const checks = newChecks();
  const reused: Partial<OrderRow & OnlineTimeRow> = {};
  let column: Record<string, number> = {};

  const reject = (line: number, message: string) => {
    result.rejectedCount++;
    if (result.rejected.length < MAX_LISTED_REJECTIONS) result.rejected.push({ line, message });
  };
  const take = (line: string) => {
    lineNo++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') return;
    if (line.length > MAX_SAMPLE_LINE_CHARS) return reject(lineNo, `line longer than ${MAX_SAMPLE_LINE_CHARS} characters`);
    let get: (name: string) => unknown;
    if (format === 'jsonl') {
      let record: Record<string, unknown>;
      try {
        const value: unknown = JSON.parse(line);
        if (!value || typeof value !== 'object' || Array.isArray(value)) return reject(lineNo, 'a line must be one JSON object');
        record = value as Record<string, unknown>;
      } catch {
        return reject(lineNo, 'not valid JSON');
      }
      const unknown = Object.keys(record).filter((k) => !SAMPLE_COLUMNS[kind].includes(k));
      if (unknown.length) return reject(lineNo, `unknown field ${unknown.join(', ')}`);
      get = (name) => record[name];
    } else {
      let fields: string[];
      if (line.includes('"')) {
        try {
          fields = (parseCsvLine(line) as string[][])[0] ?? [];
        } catch (error) {
          return reject(lineNo, `not valid CSV: ${(error as Error).message.split('\n')[0]}`);
        }
      } else fields = line.split(',');
      if (!header) {
        header = fields.map((f) => f.trim());
        const missing = SAMPLE_COLUMNS[kind].filter((c) => !header!.includes(c));
        const unknown = header.filter((c) => !SAMPLE_COLUMNS[kind].includes(c));
        if (missing.length || unknown.length)
          throw new SampleFormatError(
            `the first line must name the columns ${SAMPLE_COLUMNS[kind].join(', ')}` +
              (missing.length ? `; missing ${missing.join(', ')}` : '') +
              (unknown.length ? `; unknown ${unknown.join(', ')}` : ''),
          );
        column = Object.fromEntries(header.map((name, i) => [name, i]));
        return;
      }
      if (fields.length !== header.length) return reject(lineNo, `expected ${header.length} fields, got ${fields.length}`);
      get = (name) => fields[column[name]]?.trim();
    }
    const row = sampleRow(kind, get, checks, reused);
    if (typeof row === 'string') return reject(lineNo, row);
    const problem = onRow(row);
    if (problem) return reject(lineNo, problem);
    result.rows++;
  };

  for await (const chunk of source) {
    hash.update(chunk);
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (overlong) {
        reject(lineNo + 1, `line longer than ${MAX_SAMPLE_LINE_CHARS} characters`);
        lineNo++;
        overlong = false;
      } else take(partial + text.slice(start, nl));
      partial = '';
      start = nl + 1;
    }
    if (!overlong) partial += text.slice(start);
    if (partial.length > MAX_SAMPLE_LINE_CHARS) {
      overlong = true;
      partial = '';
    }
  }
  partial += decoder.decode();
  if (overlong) reject(lineNo + 1, `line longer than ${MAX_SAMPLE_LINE_CHARS} characters`);
  else if (partial) take(partial);
  if (format === 'csv' && !header) throw new SampleFormatError(`the sample is empty: the first line must name the columns ${SAMPLE_COLUMNS[kind].join(', ')}`);
  result.sha256 = hash.digest('hex');
  return result;
}
