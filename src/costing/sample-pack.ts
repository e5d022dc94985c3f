import { endianness } from 'node:os';
import { DaySet } from './costing';

/**
 * A folded sample as it is stored: its typed arrays as blobs (`costing_sample_packs`, part 0
 * the header, then each array in one part or, for PostgreSQL, in parts of PG_PART_BYTES), so
 * that loading a sample of 500 000 rider-days is one query whose blobs become the arrays with
 * at most one copy — on these machines first touching memory costs ~9 ms per MiB, so the
 * volume is the cost. Rider
 * hashes stay in the header only so that an orders sample and an online-time sample can be
 * joined by rider-day and riders counted; they are never served.
 *
 * The header: `XSP1`, then JSON (kind, riders, dates, size, and each array's name, type and
 * length). Arrays are little-endian, as typed arrays are in memory.
 */
/** Counts in the narrowest unsigned type that holds them (`narrow`). */
export type Counts = Uint8Array | Uint16Array | Uint32Array;

export interface OrdersPack {
  kind: 'orders';
  riders: string[];
  dates: string[];
  /** Rider-days. */
  size: number;
  rider: Counts;
  date: Uint16Array;
  orders: Counts;
  night: Counts;
  badWeather: Counts;
  /** Day i's buckets are bucket[start[i]] … bucket[start[i + 1] − 1], ascending. */
  start: Uint32Array;
  bucket: Counts;
  bucketOrders: Counts;
  /** Each bucket's distance summed, in units of 1 / kmScale km (whole units when kmScale > 1). */
  bucketKm: Counts | Float64Array;
  kmScale: number;
}

/** Whole numbers ≥ 0 in the narrowest unsigned array that holds their maximum (the same one when none is narrower). */
export function narrow<T extends Uint32Array | Uint16Array | Float64Array>(values: T): Counts | T {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max < 2 ** 8 && !(values instanceof Uint8Array)) return Uint8Array.from(values);
  if (max < 2 ** 16 && !(values instanceof Uint16Array)) return Uint16Array.from(values);
  if (max < 2 ** 32 && values instanceof Float64Array) return Uint32Array.from(values);
  return values;
}

export interface OnlinePack {
  kind: 'online_time';
  riders: string[];
  dates: string[];
  size: number;
  rider: Uint32Array;
  date: Uint16Array;
  minutes: Uint16Array;
}

export type SamplePack = OrdersPack | OnlinePack;

const MAGIC = 'XSP1';
/**
 * PostgreSQL's parts: node-postgres collects a row in one buffer that doubles as it grows, so
 * a 30 MB row costs ~60 MB of fresh memory (measured: 1.7–2.9 s for a cold costing at 10⁷
 * orders); rows under 128 KiB reuse memory.
 */
export const PG_PART_BYTES = 96 * 1024;
type Typed = Counts | Float64Array;
const TYPES = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f64: Float64Array } as const;
const typeOf = (array: Typed): keyof typeof TYPES =>
  array instanceof Uint8Array ? 'u8' : array instanceof Uint16Array ? 'u16' : array instanceof Uint32Array ? 'u32' : 'f64';
const ARRAYS = { orders: ['rider', 'date', 'orders', 'night', 'badWeather', 'start', 'bucket', 'bucketOrders', 'bucketKm'], online_time: ['rider', 'date', 'minutes'] } as const;

function assertLittleEndian() {
  if (endianness() !== 'LE') throw new Error('sample packs are little-endian: this machine is not');
}

/**
 * The pack as the parts to store, in order: the header, then each array's bytes (views, not
 * copies), an array cut into parts of at most `partBytes` where the database wants small rows.
 */
export function encodePack(pack: SamplePack, partBytes = Infinity): Buffer[] {
  assertLittleEndian();
  const arrays = ARRAYS[pack.kind].map((name) => [name, (pack as unknown as Record<string, Typed>)[name]] as const);
  const parts: Buffer[] = [];
  const layout = arrays.map(([name, a]) => {
    const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const first = parts.length;
    for (let at = 0; at < bytes.length || at === 0; at += partBytes) parts.push(bytes.subarray(at, Math.min(bytes.length, at + partBytes)));
    return [name, typeOf(a), a.length, parts.length - first];
  });
  const kmScale = pack.kind === 'orders' ? pack.kmScale : undefined;
  const header = { kind: pack.kind, riders: pack.riders, dates: pack.dates, size: pack.size, kmScale, arrays: layout };
  return [Buffer.from(MAGIC + JSON.stringify(header)), ...parts];
}

export function decodePack(parts: Uint8Array[]): SamplePack {
  assertLittleEndian();
  const head = Buffer.from(parts[0].buffer, parts[0].byteOffset, parts[0].byteLength);
  if (head.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a sample pack');
  const header = JSON.parse(head.toString('utf8', 4)) as {
    kind: SamplePack['kind'];
    riders: string[];
    dates: string[];
    size: number;
    kmScale?: number;
    arrays: Array<[string, keyof typeof TYPES, number, number]>;
  };
  const pack: Record<string, unknown> = { kind: header.kind, riders: header.riders, dates: header.dates, size: header.size, kmScale: header.kmScale };
  let next = 1;
  for (const [name, type, length, count] of header.arrays) {
    const Type = TYPES[type];
    const own = parts.slice(next, (next += count));
    const bytes = own.reduce((n, p) => n + p.byteLength, 0);
    if (bytes !== length * Type.BYTES_PER_ELEMENT) throw new Error(`sample pack: ${name} has ${bytes} bytes`);
    const [part] = own;
    if (count === 1 && part.byteOffset % Type.BYTES_PER_ELEMENT === 0) {
      // the blob's own memory: the database driver's buffers are aligned
      pack[name] = new Type(part.buffer as ArrayBuffer, part.byteOffset, length);
      continue;
    }
    const array = new Type(length);
    const into = new Uint8Array(array.buffer);
    let at = 0;
    for (const p of own) {
      into.set(p, at);
      at += p.byteLength;
    }
    pack[name] = array;
  }
  return pack as unknown as SamplePack;
}

/** Above this many riders × days the join goes through a Map instead of a dense grid. */
const DENSE_JOIN_CELLS = 2 ** 24;

/**
 * The rider-days of an orders sample with the online minutes of an online-time sample: the
 * DaySet costing runs over. Its arrays are the orders pack's own (no copy). A rider-day with
 * orders but no online time gets 0 minutes (its orders are paid, it has no hourly figure); a
 * rider-day online without orders is an idle day (`idleMinutes`): online, paid nothing — if
 * the orders sample covers it: its rider, and a day from its first to its last. Online time
 * beyond the orders sample (a longer export, riders it leaves out) is not costed. Riders are
 * counted over the rider-days costed.
 */
export function joinPacks(orders: OrdersPack, online: OnlinePack, denseCells = DENSE_JOIN_CELLS): DaySet {
  const riderOf = new Map(orders.riders.map((hash, i) => [hash, i]));
  const dateOf = new Map(orders.dates.map((day, i) => [day, i]));
  const onlineRider = Int32Array.from(online.riders, (hash) => riderOf.get(hash) ?? -1);
  const onlineDate = Int32Array.from(online.dates, (day) => dateOf.get(day) ?? -1);
  const columns = orders.dates.length;
  const minutes = new Uint16Array(orders.size);
  const idle: number[] = [];
  const cell = (j: number) => {
    const r = onlineRider[online.rider[j]];
    const d = onlineDate[online.date[j]];
    return r >= 0 && d >= 0 ? r * columns + d : -1;
  };
  // days are YYYY-MM-DD: as strings they sort as dates
  const [first, last] = orders.dates.reduce(([lo, hi], day) => [day < lo ? day : lo, day > hi ? day : hi], [orders.dates[0] ?? '', orders.dates[0] ?? '']);
  const covered = Uint8Array.from(online.dates, (day) => (day >= first && day <= last ? 1 : 0));
  const costed = new Uint8Array(online.size);
  const idleDay = (j: number) => {
    if (onlineRider[online.rider[j]] < 0 || !covered[online.date[j]]) return;
    idle.push(online.minutes[j]);
    costed[j] = 1;
  };
  if (orders.riders.length * columns <= denseCells) {
    // 0: no order that day; NO_TIME: an order day without online time yet (minutes stay ≤ 1 440)
    const NO_TIME = 0xffff;
    const grid = new Uint16Array(orders.riders.length * columns);
    for (let i = 0; i < orders.size; i++) grid[orders.rider[i] * columns + orders.date[i]] = NO_TIME;
    for (let j = 0; j < online.size; j++) {
      if (online.minutes[j] === 0) continue;
      const c = cell(j);
      if (c >= 0 && grid[c] !== 0) {
        grid[c] = online.minutes[j];
        costed[j] = 1;
      } else idleDay(j);
    }
    for (let i = 0; i < orders.size; i++) {
      const m = grid[orders.rider[i] * columns + orders.date[i]];
      minutes[i] = m === NO_TIME ? 0 : m;
    }
  } else {
    const dayAt = new Map<number, number>();
    for (let i = 0; i < orders.size; i++) dayAt.set(orders.rider[i] * columns + orders.date[i], i);
    for (let j = 0; j < online.size; j++) {
      if (online.minutes[j] === 0) continue;
      const c = cell(j);
      const i = c >= 0 ? dayAt.get(c) : undefined;
      if (i !== undefined) {
        minutes[i] = online.minutes[j];
        costed[j] = 1;
      } else idleDay(j);
    }
  }
  // riders with a costed day, by their number in the online-time sample
  const seen = new Uint8Array(online.riders.length);
  let riders = 0;
  for (let j = 0; j < online.size; j++)
    if (costed[j] && !seen[online.rider[j]]) {
      seen[online.rider[j]] = 1;
      riders++;
    }
  return {
    size: orders.size,
    riders,
    idleMinutes: Uint16Array.from(idle),
    orders: orders.orders,
    night: orders.night,
    badWeather: orders.badWeather,
    onlineMinutes: minutes,
    start: orders.start,
    bucket: orders.bucket,
    bucketOrders: orders.bucketOrders,
    bucketKm: orders.bucketKm,
    kmScale: orders.kmScale,
  };
}
