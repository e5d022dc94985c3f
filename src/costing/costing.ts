import { Terms } from '../terms/terms';
import { RiderDay, dayPayFen } from './rider-day';

/**
 * What a set of terms means in riders' pockets over a sample of real rider-days: hourly
 * earnings (pay ÷ online time) weighted by rider-hours, the share of rider-hours paid below the
 * hourly minimum wage, and what the platform would pay in all.
 */
export interface CostedDay extends RiderDay {
  riderHash: string;
  onlineMinutes: number;
}

export interface CostingFigures {
  riders: number;
  riderHours: number;
  hourlyFen: { p10: number; p50: number; p90: number; mean: number };
  /** Share (0–1) of rider-hours whose hourly pay is below the region's hourly minimum wage. */
  belowMinimumWageShare: number;
  platformCostFen: number;
}

/** The value below which `share` of the total weight lies (weighted nearest rank). */
export function weightedQuantile(sorted: Array<{ value: number; weight: number }>, total: number, share: number): number {
  const target = share * total;
  let seen = 0;
  for (const item of sorted) {
    seen += item.weight;
    if (seen >= target) return item.value;
  }
  return sorted.at(-1)?.value ?? 0;
}

export function costTerms(days: readonly CostedDay[], terms: Terms, hourlyMinimumFen: number): CostingFigures {
  const riders = new Set<string>();
  const hourly: Array<{ value: number; weight: number }> = [];
  let pay = 0;
  let minutes = 0;
  let belowMinutes = 0;
  for (const day of days) {
    const dayPay = dayPayFen(day, terms);
    const perHour = (dayPay * 60) / day.onlineMinutes;
    riders.add(day.riderHash);
    pay += dayPay;
    minutes += day.onlineMinutes;
    if (perHour < hourlyMinimumFen) belowMinutes += day.onlineMinutes;
    hourly.push({ value: perHour, weight: day.onlineMinutes });
  }
  hourly.sort((a, b) => a.value - b.value);
  const round = (fen: number) => Math.round(fen);
  return {
    riders: riders.size,
    riderHours: Math.round((minutes / 60) * 100) / 100,
    hourlyFen: {
      p10: round(weightedQuantile(hourly, minutes, 0.1)),
      p50: round(weightedQuantile(hourly, minutes, 0.5)),
      p90: round(weightedQuantile(hourly, minutes, 0.9)),
      mean: minutes ? round((pay * 60) / minutes) : 0,
    },
    belowMinimumWageShare: minutes ? Math.round((belowMinutes / minutes) * 10_000) / 10_000 : 0,
    platformCostFen: round(pay),
  };
}

/** The change of the platform's cost against the current rules, in percent (one decimal). */
export function deltaPercent(cost: number, current: number): number | null {
  return current ? Math.round(((cost - current) / current) * 1000) / 10 : null;
}
