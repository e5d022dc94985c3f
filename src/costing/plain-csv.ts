import type { SampleKind, SampleNames } from './sample-reader';
import { MAX_ORDER_KM, MINUTES_PER_DAY, isCalendarDate, riderHashProblem } from './sample-checks';

/** The one row object the reader fills for every line. */
export interface RowSlot {
  riderHash?: string;
  day?: string;
  km?: number;
  minutes?: number;
  night?: boolean;
  badWeather?: boolean;
  onlineMinutes?: number;
  rider?: number;
  date?: number;
}

const COMMA = 44;
const DOT = 46;
const ZERO = 48;
const ONE = 49;
/** 10⁰ … 10¹⁵, each exact as a double. */
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * The fast path of the sample reader: a plain CSV line — printable ASCII, no quote, no space —
 * read field by field from its bytes. A platform's export is millions of such lines, most of
 * them for the same rider and day as the line before, so the rider and the day are compared
 * with the previous line's bytes before any string is made, and numbers are parsed from the
 * digits. `read` says whether it could vouch for the line; when it cannot (anything unusual:
 * a quote, spaces, `true`, an exponent, a new rider whose hash fails its check, a bad value),
 * the line goes to the general reader, which accepts exactly what it accepted before and words
 * the rejection. The general reader is the definition; this is a shortcut to the same answers.
 */
export class PlainCsvLine {
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly fields: number;
  private readonly at: { riderHash: number; day: number; km: number; minutes: number; night: number; badWeather: number; onlineMinutes: number };
  private readonly lastRider = Buffer.alloc(128);
  private lastRiderLength = -1;
  private lastRiderNumber = -1;
  private readonly lastDay = Buffer.alloc(10);
  private lastDayNumber = -1;

  constructor(
    private readonly kind: SampleKind,
    header: string[],
    private readonly names: SampleNames,
    private readonly row: RowSlot,
  ) {
    this.fields = header.length;
    this.from = new Int32Array(this.fields);
    this.to = new Int32Array(this.fields);
    const at = (name: string) => header.indexOf(name);
    this.at = { riderHash: at('riderHash'), day: at('day'), km: at('km'), minutes: at('minutes'), night: at('night'), badWeather: at('badWeather'), onlineMinutes: at('onlineMinutes') };
  }

  /** Reads bytes[start, end) into the row; false when the general reader must have the line. */
  read(bytes: Buffer, start: number, end: number): boolean {
    const { from, to } = this;
    let field = 0;
    from[0] = start;
    for (let i = start; i < end; i++) {
      const c = bytes[i];
      if (c === COMMA) {
        if (++field === this.fields) return false;
        to[field - 1] = i;
        from[field] = i + 1;
      } else if (c <= 32 || c === 34 || c >= 127) return false; // space or control, quote, non-ASCII
    }
    if (field !== this.fields - 1) return false;
    to[field] = end;

    const rider = this.rider(bytes, from[this.at.riderHash], to[this.at.riderHash]);
    if (rider < 0) return false;
    const date = this.date(bytes, from[this.at.day], to[this.at.day]);
    if (date < 0) return false;
    const row = this.row;
    if (this.kind === 'orders') {
      const km = decimal(bytes, from[this.at.km], to[this.at.km]);
      const minutes = decimal(bytes, from[this.at.minutes], to[this.at.minutes]);
      const night = flag(bytes, from[this.at.night], to[this.at.night]);
      const badWeather = flag(bytes, from[this.at.badWeather], to[this.at.badWeather]);
      if (!(km <= MAX_ORDER_KM) || !Number.isInteger(minutes) || minutes > MINUTES_PER_DAY || night < 0 || badWeather < 0) return false;
      row.km = km;
      row.minutes = minutes;
      row.night = night === 1;
      row.badWeather = badWeather === 1;
    } else {
      const onlineMinutes = decimal(bytes, from[this.at.onlineMinutes], to[this.at.onlineMinutes]);
      if (!Number.isInteger(onlineMinutes) || onlineMinutes < 1 || onlineMinutes > MINUTES_PER_DAY) return false;
      row.onlineMinutes = onlineMinutes;
    }
    row.rider = rider;
    row.date = date;
    row.riderHash = this.names.riders.list[rider];
    row.day = this.names.dates.list[date];
    return true;
  }

  private rider(bytes: Buffer, start: number, end: number): number {
    const length = end - start;
    if (length === this.lastRiderLength && same(bytes, start, this.lastRider, length)) return this.lastRiderNumber;
    if (length < 16 || length > 128) return -1;
    const hash = bytes.toString('latin1', start, end);
    let n = this.names.riders.find(hash);
    if (n === undefined) {
      if (riderHashProblem(hash)) return -1;
      n = this.names.riders.number(hash);
    }
    bytes.copy(this.lastRider, 0, start, end);
    this.lastRiderLength = length;
    return (this.lastRiderNumber = n);
  }

  private date(bytes: Buffer, start: number, end: number): number {
    if (end - start !== 10) return -1;
    if (this.lastDayNumber >= 0 && same(bytes, start, this.lastDay, 10)) return this.lastDayNumber;
    const day = bytes.toString('latin1', start, end);
    let n = this.names.dates.find(day);
    if (n === undefined) {
      if (!isCalendarDate(day)) return -1;
      n = this.names.dates.number(day);
      if (n < 0) return -1;
    }
    bytes.copy(this.lastDay, 0, start, end);
    return (this.lastDayNumber = n);
  }
}

function same(bytes: Buffer, start: number, last: Buffer, length: number): boolean {
  for (let i = length - 1; i >= 0; i--) if (bytes[start + i] !== last[i]) return false;
  return true;
}

/**
 * `digits[.digits]` as Number() reads it, or NaN for anything else. At most 15 digits, so the
 * digits are an exact integer and one division by an exact power of ten rounds correctly —
 * the same double Number() gives.
 */
function decimal(bytes: Buffer, start: number, end: number): number {
  let value = 0;
  let digits = 0;
  let fraction = -1;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === DOT) {
      if (fraction >= 0) return NaN;
      fraction = 0;
      continue;
    }
    const d = c - ZERO;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
    digits++;
    if (fraction >= 0) fraction++;
  }
  if (digits === 0 || digits > 15 || fraction === 0) return NaN;
  return fraction > 0 ? value / POW10[fraction] : value;
}

/** 1 for `1`, 0 for `0`, −1 for anything else (the general reader takes true/false). */
function flag(bytes: Buffer, start: number, end: number): number {
  if (end - start !== 1) return -1;
  const c = bytes[start];
  return c === ONE ? 1 : c === ZERO ? 0 : -1;
}
