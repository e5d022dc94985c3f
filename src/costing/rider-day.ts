import { PieceRate, orderRate } from '../terms/earnings';
import { Terms } from '../terms/terms';

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
 * The day's pay under the terms' order rate: taskPayFen (earnings.ts) summed over the day's
 * orders, computed from the buckets (the spec proves the two agree). In fen, unrounded.
 */
export function dayPayFen(day: RiderDay, terms: Terms): number {
  const rate = orderRate(terms);
  return (
    rate.baseFen * day.orders +
    (rate.perKmFen ?? 0) * paidKmOfDay(day, rate) +
    (rate.nightSurchargeFen ?? 0) * day.night +
    (rate.badWeatherSurchargeFen ?? 0) * day.badWeather
  );
}

/**
 * Folds orders into rider-days as they stream in: memory grows with rider-days, not orders.
 * Riders and dates are numbered as they first appear so that the per-order lookup is by number.
 */
export class RiderDays {
  private readonly riders = new Map<string, number>();
  private readonly riderNames: string[] = [];
  private readonly dates = new Map<string, number>();
  private readonly dateNames: string[] = [];
  /** buckets flat as [bucket, orders, km, bucket, orders, km, …]: a day has few, and Maps cost memory. */
  private readonly days = new Map<number, { orders: number; night: number; badWeather: number; buckets: number[] }>();

  private static number(names: Map<string, number>, list: string[], name: string): number {
    let n = names.get(name);
    if (n === undefined) {
      n = list.push(name) - 1;
      names.set(name, n);
    }
    return n;
  }

  add(riderHash: string, date: string, order: { km: number; night: boolean; badWeather: boolean }): void {
    const key = RiderDays.number(this.riders, this.riderNames, riderHash) * 100_000 + RiderDays.number(this.dates, this.dateNames, date);
    let day = this.days.get(key);
    if (!day) this.days.set(key, (day = { orders: 0, night: 0, badWeather: 0, buckets: [] }));
    day.orders++;
    if (order.night) day.night++;
    if (order.badWeather) day.badWeather++;
    const b = kmBucket(order.km);
    const buckets = day.buckets;
    let i = 0;
    while (i < buckets.length && buckets[i] !== b) i += 3;
    if (i < buckets.length) {
      buckets[i + 1]++;
      buckets[i + 2] += order.km;
    } else buckets.push(b, 1, order.km);
  }

  get size(): number {
    return this.days.size;
  }

  *entries(): Generator<{ riderHash: string; day: string; value: RiderDay }> {
    for (const [key, d] of this.days) {
      const buckets: Array<[number, number, number]> = [];
      for (let i = 0; i < d.buckets.length; i += 3) buckets.push([d.buckets[i], d.buckets[i + 1], d.buckets[i + 2]]);
      buckets.sort((a, b) => a[0] - b[0]);
      yield {
        riderHash: this.riderNames[Math.floor(key / 100_000)],
        day: this.dateNames[key % 100_000],
        value: { orders: d.orders, night: d.night, badWeather: d.badWeather, buckets },
      };
    }
  }
}
