import { BASIS_POINTS_WHOLE, Terms } from '../terms/terms';
import { orderRate, ordersPayFen } from '../terms/earnings';
import type { Counts } from './sample-pack';

/**
 * What a set of terms means in riders' pockets over a sample of real rider-days: hourly
 * earnings (pay ÷ online time) weighted by rider-hours, the share of rider-hours paid below the
 * hourly minimum wage, and what the platform would pay in all.
 */
export interface CostingFigures {
  riders: number;
  riderHours: number;
  hourlyFen: { p10: number; p50: number; p90: number; mean: number };
  /** Share (0–1) of rider-hours whose hourly pay is below the region's hourly minimum wage. */
  belowMinimumWageShare: number;
  platformCostFen: number;
}

/**
 * Rider-days laid out in columns for costing one offer after another in a tight loop (10⁵–10⁶
 * days; objects per day would spend the time in the garbage collector). A day with 0 online
 * minutes has no online time in the sample: its orders count in the platform's cost, not in
 * the hourly figures. A day online without a single order earns 0 an hour (`idleMinutes`).
 */
export interface DaySet {
  size: number;
  /** Riders with at least one day online. */
  riders: number;
  /** The online minutes of each rider-day online without orders. */
  idleMinutes?: Uint16Array;
  orders: Counts;
  night: Counts;
  badWeather: Counts;
  onlineMinutes: Uint16Array;
  /** Day i's buckets are bucket[start[i]] … bucket[start[i + 1] − 1], ascending. */
  start: Uint32Array;
  bucket: Counts;
  bucketOrders: Counts;
  /** Distances in units of 1 / kmScale km. */
  bucketKm: Counts | Float64Array;
  kmScale: number;
}

/** Hourly pay is counted in whole-fen bins up to this; the rare day above it is sorted on its own. */
const HISTOGRAM_TOP_FEN = 100_000;

/**
 * The figures of one set of terms. Each day's pay is the formula (earnings.ts ordersPayFen,
 * as dayPayFen in rider-day.ts) over the day's columns; quantiles are weighted by online
 * minutes (nearest rank, to the fen). `platformCostFen` pays every order of the sample.
 */
export function costTerms(set: DaySet, terms: Terms, hourlyMinimumFen: number): CostingFigures {
  const rate = orderRate(terms);
  const k = rate.kmIncluded ?? 0;
  const minutesAt = new Float64Array(HISTOGRAM_TOP_FEN + 1);
  const above: Array<{ value: number; weight: number }> = [];
  let cost = 0;
  let pay = 0;
  let minutes = 0;
  let belowMinutes = 0;
  const { kmScale } = set;
  const kUnits = k * kmScale;
  const totals = { orders: 0, paidKm: 0, night: 0, badWeather: 0 };
  const addHours = (dayPay: number, online: number) => {
    const perHour = Math.round((dayPay * 60) / online);
    pay += dayPay;
    minutes += online;
    if ((dayPay * 60) / online < hourlyMinimumFen) belowMinutes += online;
    if (perHour <= HISTOGRAM_TOP_FEN) minutesAt[perHour] += online;
    else above.push({ value: perHour, weight: online });
  };
  for (let i = 0; i < set.size; i++) {
    let km = 0;
    // a day's buckets ascend: those paid per km are at its end
    for (let b = set.start[i + 1] - 1; b >= set.start[i] && set.bucket[b] > k; b--) km += set.bucketKm[b] - kUnits * set.bucketOrders[b];
    totals.orders = set.orders[i];
    totals.paidKm = km / kmScale;
    totals.night = set.night[i];
    totals.badWeather = set.badWeather[i];
    const dayPay = ordersPayFen(rate, totals);
    cost += dayPay;
    if (set.onlineMinutes[i] > 0) addHours(dayPay, set.onlineMinutes[i]);
  }
  for (const online of set.idleMinutes ?? []) if (online > 0) addHours(0, online);
  above.sort((a, b) => a.value - b.value);
  const quantile = (share: number) => {
    const target = share * minutes;
    let seen = 0;
    for (let fen = 0; fen <= HISTOGRAM_TOP_FEN; fen++) if (minutesAt[fen] && (seen += minutesAt[fen]) >= target) return fen;
    for (const item of above) if ((seen += item.weight) >= target) return item.value;
    return above.at(-1)?.value ?? 0;
  };
  return {
    riders: set.riders,
    riderHours: Math.round((minutes / 60) * 100) / 100,
    hourlyFen: {
      p10: quantile(0.1),
      p50: quantile(0.5),
      p90: quantile(0.9),
      mean: minutes ? Math.round((pay * 60) / minutes) : 0,
    },
    // a ratio, so basis points (API.md's conventions, DESIGN §3): 7825 is 78.25 %
    belowMinimumWageShare: minutes ? Math.round((belowMinutes / minutes) * BASIS_POINTS_WHOLE) : 0,
    platformCostFen: Math.round(cost),
  };
}

/** The change of the platform's cost against the current rules, in percent (one decimal). */
export function deltaPercent(cost: number, current: number): number | null {
  return current ? Math.round(((cost - current) / current) * 1000) / 10 : null;
}
