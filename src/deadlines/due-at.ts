import { DateTime, Duration, DurationLike } from 'luxon';

/**
 * When a period that starts at `from` runs out. Periods counted in days, months or years run
 * in calendar days of the configured zone and end at the end of their last day; a period of
 * hours, minutes or seconds (a demo pack's PT5S) runs exactly.
 */
export function dueAt(from: Date, period: Duration, zone: string): Date {
  // read the units as written: P2D counts calendar days, PT48H runs 48 hours exactly
  const { years, months, weeks, days } = period.toObject();
  const calendar = Boolean(years || months || weeks || days);
  const start = DateTime.fromJSDate(from, { zone });
  return (calendar ? start.plus(period).endOf('day') : start.plus(period)).toJSDate();
}

/** The first instant of a calendar date (YYYY-MM-DD) in the zone: when a date "arrives". */
export function startOfDate(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/** The last instant of a calendar date in the zone: when a period ending "on" that date runs out. */
export function endOfDate(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).endOf('day').toJSDate();
}

/** The calendar date (YYYY-MM-DD) of an instant in the zone. */
export function dateIn(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

export function addToDate(date: string, period: DurationLike, zone: string): string {
  return DateTime.fromISO(date, { zone }).plus(period).toISODate()!;
}

export function subtractFromDate(date: string, period: Duration, zone: string): string {
  return DateTime.fromISO(date, { zone }).minus(period).toISODate()!;
}
