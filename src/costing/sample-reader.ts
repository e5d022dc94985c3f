import { parse as parseCsvLine } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { PlainCsvLine, RowSlot } from './plain-csv';
import { MAX_ORDER_KM, MINUTES_PER_DAY, isCalendarDate, riderHashProblem } from './sample-checks';

export { isCalendarDate, riderHashProblem };

/**
 * Reads an order or online-time sample as it streams in (CSV with a header line, or JSON
 * lines), one line at a time in bounded memory: each good row goes to `onRow`, each bad one is
 * reported with its line number, and the SHA-256 of the exact bytes received is computed on
 * the way. Lines are cut from the bytes as they arrive; a plain CSV line (ASCII, no quote, no
 * space) is read field by field from its bytes without making strings (plain-csv.ts); any other
 * line — quoted (csv-parse), JSON, or one the plain reader cannot vouch for — is decoded and
 * read by `sampleRow`, which also words every rejection.
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
export const MAX_SAMPLE_LINE_BYTES = 2048;
/** Rejections listed in the answer; the count covers them all. */
export const MAX_LISTED_REJECTIONS = 1000;
/** Distinct days in one sample: rider-days are numbered rider × 65 536 + day. */
export const MAX_SAMPLE_DAYS = 65_536;

export interface SampleReadResult {
  rows: number;
  rejected: Array<{ line: number; message: string }>;
  rejectedCount: number;
  sha256: string;
}

export class SampleFormatError extends Error {}

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


/**
 * Riders and days numbered as they first appear, so that folding a row is arithmetic on
 * numbers: a sample repeats the same few thousand riders and few dozen days millions of times.
 * Only names that passed their check are numbered.
 */
export class Names {
  readonly list: string[] = [];
  private readonly numbers = new Map<string, number>();
  constructor(private readonly max = Number.MAX_SAFE_INTEGER) {}
  find(name: string): number | undefined {
    return this.numbers.get(name);
  }
  /** The name's number, or −1 when the table is full. */
  number(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) {
      if (this.list.length >= this.max) return -1;
      n = this.list.push(name) - 1;
      this.numbers.set(name, n);
    }
    return n;
  }
}

export interface SampleNames {
  riders: Names;
  dates: Names;
}
export const sampleNames = (): SampleNames => ({ riders: new Names(), dates: new Names(MAX_SAMPLE_DAYS) });

/** A good row, with its rider's and day's numbers in `names`. One object is reused for every line. */
export type ReadRow<K extends SampleKind> = SampleRow<K> & { rider: number; date: number };

const NL = 10;
const CR = 13;
const TOO_MANY_DAYS = `a sample covers at most ${MAX_SAMPLE_DAYS} distinct days`;

export async function readSample<K extends SampleKind>(
  source: AsyncIterable<Buffer | string>,
  kind: K,
  format: 'csv' | 'jsonl',
  onRow: (row: ReadRow<K>) => string | null | void,
  names: SampleNames = sampleNames(),
): Promise<SampleReadResult> {
  const hash = createHash('sha256');
  const result: SampleReadResult = { rows: 0, rejected: [], rejectedCount: 0, sha256: '' };
  let header: string[] | null = null;
  let lineNo = 0;
  let carry: Buffer | null = null;
  let overlong = false;
  const checks = newChecks();
  const reused: RowSlot = {};
  let column: Record<string, number> = {};
  let plain: PlainCsvLine | null = null;

  const reject = (line: number, message: string) => {
    result.rejectedCount++;
    if (result.rejected.length < MAX_LISTED_REJECTIONS) result.rejected.push({ line, message });
  };
  const accept = () => {
    const problem = onRow(reused as ReadRow<K>);
    if (problem) return reject(lineNo, problem);
    result.rows++;
  };
  /** A line that is not plain CSV: decoded, then read as before there was a fast path. */
  const readText = (line: string) => {
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === '') return;
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
        plain = new PlainCsvLine(kind, header, names, reused);
        return;
      }
      if (fields.length !== header.length) return reject(lineNo, `expected ${header.length} fields, got ${fields.length}`);
      get = (name) => fields[column[name]]?.trim();
    }
    const row = sampleRow(kind, get, checks, reused);
    if (typeof row === 'string') return reject(lineNo, row);
    reused.rider = names.riders.number(reused.riderHash!);
    reused.date = names.dates.number(reused.day!);
    if (reused.date < 0) return reject(lineNo, TOO_MANY_DAYS);
    accept();
  };
  const take = (bytes: Buffer, start: number, end: number) => {
    lineNo++;
    if (end > start && bytes[end - 1] === CR) end--;
    if (end - start > MAX_SAMPLE_LINE_BYTES) return reject(lineNo, `line longer than ${MAX_SAMPLE_LINE_BYTES} bytes`);
    if (plain && plain.read(bytes, start, end)) return accept();
    readText(bytes.toString('utf8', start, end));
  };

  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    hash.update(bytes);
    let start = 0;
    let nl = bytes.indexOf(NL);
    if (carry && nl !== -1) {
      // the line begun in an earlier chunk (at most MAX_SAMPLE_LINE_BYTES of it held)
      const line = Buffer.concat([carry, bytes.subarray(0, nl)]);
      take(line, 0, line.length);
      carry = null;
      start = nl + 1;
      nl = bytes.indexOf(NL, start);
    } else if (overlong && nl !== -1) {
      lineNo++;
      reject(lineNo, `line longer than ${MAX_SAMPLE_LINE_BYTES} bytes`);
      overlong = false;
      start = nl + 1;
      nl = bytes.indexOf(NL, start);
    }
    for (; nl !== -1; nl = bytes.indexOf(NL, start)) {
      take(bytes, start, nl);
      start = nl + 1;
    }
    if (overlong || start === bytes.length) continue;
    const rest = bytes.subarray(start);
    if ((carry?.length ?? 0) + rest.length > MAX_SAMPLE_LINE_BYTES + 1) {
      overlong = true;
      carry = null;
    } else carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
  }
  if (overlong) reject(lineNo + 1, `line longer than ${MAX_SAMPLE_LINE_BYTES} bytes`);
  else if (carry) take(carry, 0, carry.length);
  if (format === 'csv' && !header) throw new SampleFormatError(`the sample is empty: the first line must name the columns ${SAMPLE_COLUMNS[kind].join(', ')}`);
  result.sha256 = hash.digest('hex');
  return result;
}
