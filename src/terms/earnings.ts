import { Terms } from './terms';

/**
 * What a rider is paid under a piece-rate formula (计件单价), the one place the formula lives:
 * the minimum-wage floor (terms-rules.ts) and the costing of offers against the platform's
 * order data (src/costing) both call it. Pay is base + per km beyond `kmIncluded` + the night
 * and bad-weather surcharges, and nothing the terms do not say. Kilometres are decimals, so pay
 * is exact (fractional fen) until a total is rounded.
 */
export type PieceRate = Terms['pieceRates'][number];

export interface OrderFacts {
  km: number;
  night: boolean;
  badWeather: boolean;
}

/** Kilometres paid per km: those beyond what the base pay includes. */
export function paidKm(rate: PieceRate, km: number): number {
  return Math.max(0, km - (rate.kmIncluded ?? 0));
}

/** What a number of orders add up to: how many, their paid kilometres, how many at night and in bad weather. */
export interface OrderTotals {
  orders: number;
  paidKm: number;
  night: number;
  badWeather: number;
}

/** The formula, over the totals of any number of orders (one order, a rider's day, a sample). */
export function ordersPayFen(rate: PieceRate, totals: OrderTotals): number {
  return (
    rate.baseFen * totals.orders +
    (rate.perKmFen ?? 0) * totals.paidKm +
    (rate.nightSurchargeFen ?? 0) * totals.night +
    (rate.badWeatherSurchargeFen ?? 0) * totals.badWeather
  );
}

export function taskPayFen(rate: PieceRate, order: OrderFacts): number {
  return ordersPayFen(rate, { orders: 1, paidKm: paidKm(rate, order.km), night: order.night ? 1 : 0, badWeather: order.badWeather ? 1 : 0 });
}

/** The standard task of the labour quota (劳动定员定额): within the included distance, by day, in fair weather. */
export const STANDARD_TASK: OrderFacts = { km: 0, night: false, badWeather: false };

/** Hourly pay of a worker doing the quota's standard tasks at the quota's pace. */
export function standardHourlyPayFen(rate: PieceRate, standardTasksPerHour: number): number {
  return taskPayFen(rate, STANDARD_TASK) * standardTasksPerHour;
}

/**
 * Orders carry no task name, so they are paid by the `delivery` rate, or by the first rate
 * where the terms name no delivery.
 */
export function orderRate(terms: Terms): PieceRate {
  return terms.pieceRates.find((rate) => rate.task === 'delivery') ?? terms.pieceRates[0];
}
