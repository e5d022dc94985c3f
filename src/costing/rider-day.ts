import { PieceRate, orderRate, ordersPayFen } from '../terms/earnings';
import { Terms } from '../terms/terms';
import { OnlinePack, OrdersPack, narrow } from './sample-pack';
import { SampleNames, sampleNames } from './sample-reader';

/**
 * One rider's day of orders, reduced to what the piece-rate formula needs, so that costing an
 * offer never re-reads orders. Distances are kept in whole-kilometre buckets — bucket b holds
 * the orders with b − 1 < km ≤ b, with their count and their kilometres summed — which is exact
 * for every whole-kilometre `kmIncluded` (the terms allow no other): an order of bucket b has
 * km > k exactly when b > k, and then pays km − k.
 */
export interface RiderDay {
  orders: number;
  night: number;
  badWeather: number;
  /** [bucket, orders, km summed], buckets ascending. */
  buckets: Array<[number, number, number]>;
}

export const kmBucket = (km: number): number => Math.ceil(km);

/** Kilometres paid per km over the day's orders: Σ max(0, km − kmIncluded). */
export function paidKmOfDay(day: RiderDay, rate: PieceRate): number {
  const k = rate.kmIncluded ?? 0;
  let km = 0;
  for (const [bucket, orders, sum] of day.buckets) if (bucket > k) km += sum - k * orders;
  return km;
}

/**
 * The day's pay under the terms' order rate: the formula (earnings.ts) over the day's totals,
 * its paid kilometres from the buckets (the spec proves it equals taskPayFen order by order).
 * In fen, unrounded.
 */
export function dayPayFen(day: RiderDay, terms: Terms): number {
  const rate = orderRate(terms);
  return ordersPayFen(rate, { orders: day.orders, paidKm: paidKmOfDay(day, rate), night: day.night, badWeather: day.badWeather });
}

/** Rider-day numbers: rider × 65 536 + day (MAX_SAMPLE_DAYS). */
export const riderDayKey = (rider: number, date: number): number => rider * 65_536 + date;

const grow = <T extends Uint16Array | Uint32Array | Int32Array | Float64Array>(array: T, needed: number): T => {
  if (needed <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
};

/**
 * Folds orders into rider-days as they stream in: memory grows with rider-days (and their
 * distance buckets), not orders, and lives in typed arrays rather than an object per day. Rows
 * arrive with their rider's and day's numbers (sample-reader `Names`); consecutive orders of
 * the same rider-day, the usual order of an export, skip even the lookup of the day.
 */
export class RiderDays {
  size = 0;
  private readonly index = new Map<number, number>();
  private lastKey = -1;
  private last = -1;
  private rider = new Uint32Array(1024);
  private date = new Uint16Array(1024);
  private orders = new Uint32Array(1024);
  private night = new Uint32Array(1024);
  private badWeather = new Uint32Array(1024);
  /** The day's first bucket in the pool, −1 for none; each bucket links to the next of its day. */
  private head = new Int32Array(1024);
  private buckets = 0;
  private bucket = new Uint16Array(4096);
  private bucketOrders = new Uint32Array(4096);
  private bucketKm = new Float64Array(4096);
  /** The same sums in metres, exact while every order's km has at most 3 decimals (`exactKm`). */
  private bucketMetres = new Float64Array(4096);
  private next = new Int32Array(4096);
  private exactKm = true;
  /** Most decimals of any order's km, while exact. */
  private decimals = 0;

  constructor(readonly names: SampleNames = sampleNames()) {}

  /** By name, for tests and small samples; the reader calls addNumbered. */
  add(riderHash: string, date: string, order: { km: number; night: boolean; badWeather: boolean }): void {
    this.addNumbered(this.names.riders.number(riderHash), this.names.dates.number(date), order.km, order.night, order.badWeather);
  }

  addNumbered(rider: number, date: number, km: number, night: boolean, badWeather: boolean): void {
    const key = riderDayKey(rider, date);
    let i = this.last;
    if (key !== this.lastKey) {
      const found = this.index.get(key);
      i = found === undefined ? this.newDay(key, rider, date) : found;
      this.lastKey = key;
      this.last = i;
    }
    this.orders[i]++;
    if (night) this.night[i]++;
    if (badWeather) this.badWeather[i]++;
    const b = kmBucket(km);
    let at = this.head[i];
    while (at >= 0 && this.bucket[at] !== b) at = this.next[at];
    if (at < 0) {
      at = this.buckets++;
      if (at === this.bucket.length) {
        this.bucket = grow(this.bucket, at + 1);
        this.bucketOrders = grow(this.bucketOrders, at + 1);
        this.bucketKm = grow(this.bucketKm, at + 1);
        this.bucketMetres = grow(this.bucketMetres, at + 1);
        this.next = grow(this.next, at + 1);
      }
      this.bucket[at] = b;
      this.next[at] = this.head[i];
      this.head[i] = at;
    }
    this.bucketOrders[at]++;
    this.bucketKm[at] += km;
    if (this.exactKm) {
      const metres = Math.round(km * 1000);
      if (metres / 1000 !== km) this.exactKm = false;
      else if (this.decimals < 3 && metres % 10 ** (3 - this.decimals) !== 0) this.decimals = metres % 10 ? 3 : metres % 100 ? 2 : 1;
      this.bucketMetres[at] += metres;
    }
  }

  private newDay(key: number, rider: number, date: number): number {
    const i = this.size++;
    if (i === this.orders.length) {
      this.rider = grow(this.rider, i + 1);
      this.date = grow(this.date, i + 1);
      this.orders = grow(this.orders, i + 1);
      this.night = grow(this.night, i + 1);
      this.badWeather = grow(this.badWeather, i + 1);
      this.head = grow(this.head, i + 1);
    }
    this.rider[i] = rider;
    this.date[i] = date;
    this.head[i] = -1;
    this.index.set(key, i);
    return i;
  }

  *entries(): Generator<{ riderHash: string; day: string; value: RiderDay }> {
    yield* riderDaysOf(this.pack());
  }

  /**
   * The folded sample, each day's buckets contiguous and ascending, every count in the
   * narrowest unsigned type that holds it and the distances as whole units of 10^−decimals km
   * where the sample's distances allow it (they do when exported to the metre or coarser):
   * what is stored, and what a cold costing must bring into memory.
   */
  pack(): OrdersPack {
    const n = this.size;
    const total = this.buckets;
    const start = new Uint32Array(n + 1);
    const bucket = new Uint16Array(total);
    const bucketOrders = new Uint32Array(total);
    const bucketKm = new Float64Array(total);
    const unit = this.exactKm ? 10 ** (3 - this.decimals) : 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      start[i] = b;
      const first = b;
      for (let at = this.head[i]; at >= 0; at = this.next[at]) {
        // insertion into the day's few buckets, ascending
        let j = b++;
        while (j > first && bucket[j - 1] > this.bucket[at]) {
          bucket[j] = bucket[j - 1];
          bucketOrders[j] = bucketOrders[j - 1];
          bucketKm[j] = bucketKm[j - 1];
          j--;
        }
        bucket[j] = this.bucket[at];
        bucketOrders[j] = this.bucketOrders[at];
        bucketKm[j] = unit ? this.bucketMetres[at] / unit : this.bucketKm[at];
      }
    }
    start[n] = b;
    return {
      kind: 'orders',
      riders: this.names.riders.list,
      dates: this.names.dates.list,
      size: n,
      rider: narrow(this.rider.subarray(0, n)),
      date: this.date.subarray(0, n),
      orders: narrow(this.orders.subarray(0, n)),
      night: narrow(this.night.subarray(0, n)),
      badWeather: narrow(this.badWeather.subarray(0, n)),
      start,
      bucket: narrow(bucket),
      bucketOrders: narrow(bucketOrders),
      kmScale: unit ? 10 ** this.decimals : 1,
      bucketKm: unit ? narrow(bucketKm) : bucketKm,
    };
  }
}

/** A packed sample's rider-days by name, for tests and the migration from rows. */
export function* riderDaysOf(pack: OrdersPack): Generator<{ riderHash: string; day: string; value: RiderDay }> {
  for (let i = 0; i < pack.size; i++) {
    const buckets: Array<[number, number, number]> = [];
    for (let b = pack.start[i]; b < pack.start[i + 1]; b++) buckets.push([pack.bucket[b], pack.bucketOrders[b], pack.bucketKm[b] / pack.kmScale]);
    yield {
      riderHash: pack.riders[pack.rider[i]],
      day: pack.dates[pack.date[i]],
      value: { orders: pack.orders[i], night: pack.night[i], badWeather: pack.badWeather[i], buckets },
    };
  }
}

/** Online minutes per rider-day, as an online-time sample streams in. */
export class OnlineDays {
  size = 0;
  private readonly index = new Set<number>();
  private rider = new Uint32Array(1024);
  private date = new Uint16Array(1024);
  private minutes = new Uint16Array(1024);

  constructor(readonly names: SampleNames = sampleNames()) {}

  /** A problem when the rider-day already has its online time. */
  addNumbered(rider: number, date: number, minutes: number): string | null {
    const key = riderDayKey(rider, date);
    if (this.index.has(key)) return 'this rider-day already has its online time';
    this.index.add(key);
    const i = this.size++;
    if (i === this.rider.length) {
      this.rider = grow(this.rider, i + 1);
      this.date = grow(this.date, i + 1);
      this.minutes = grow(this.minutes, i + 1);
    }
    this.rider[i] = rider;
    this.date[i] = date;
    this.minutes[i] = minutes;
    return null;
  }

  pack(): OnlinePack {
    const n = this.size;
    return { kind: 'online_time', riders: this.names.riders.list, dates: this.names.dates.list, size: n, rider: this.rider.subarray(0, n), date: this.date.subarray(0, n), minutes: this.minutes.subarray(0, n) };
  }
}
