import { DateTime, Duration, DurationLike } from 'luxon';
import { CalendarBasis, RestDays, restDays } from './calendar';

export interface Due {
  dueAt: Date;
  /** Only for periods counted in days: `weekends_only` when the holiday data did not know the year. */
  calendar?: CalendarBasis;
}

/**
 * When a period that starts at `from` runs out. Periods counted in days, months or years run
 * in calendar days of the configured zone and end at the end of their last day, moved to the
 * next working day when that day is a rest day (民法典 art. 203, calendar.ts); a period of
 * hours, minutes or seconds (a demo pack's PT5S) runs exactly.
 */
export function periodEnd(from: Date, period: Duration, zone: string, days: RestDays = restDays()): Due {
  // read the units as written: P2D counts calendar days, PT48H runs 48 hours exactly
  const { years, months, weeks, days: d } = period.toObject();
  const start = DateTime.fromJSDate(from, { zone });
  if (!(years || months || weeks || d)) return { dueAt: start.plus(period).toJSDate() };
  const last = days.rollOver(start.plus(period).toISODate()!);
  return { dueAt: DateTime.fromISO(last.date, { zone }).endOf('day').toJSDate(), calendar: last.calendar };
}

export function dueAt(from: Date, period: Duration, zone: string, days: RestDays = restDays()): Date {
  return periodEnd(from, period, zone, days).dueAt;
}

/** The first instant of a calendar date (YYYY-MM-DD) in the zone: when a date "arrives". */
export function startOfDate(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/** The last instant of a calendar date in the zone: when a period ending "on" that date runs out. */
export function endOfDate(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).endOf('day').toJSDate();
}

const dayFormats = new Map<string, { format: Intl.DateTimeFormat; second: number; date: string }>();

/**
 * The calendar date (YYYY-MM-DD) of an instant in the zone. Asked several times by every event:
 * one formatter per zone (en-CA writes dates as YYYY-MM-DD), not a luxon DateTime each time,
 * and the last answer per zone is kept for its second (formatting was 2 % of an OFFER's CPU).
 * Every UTC offset in the tz database is whole seconds, so a date never changes within one.
 */
export function dateIn(at: Date, zone: string): string {
  let day = dayFormats.get(zone);
  if (!day) dayFormats.set(zone, (day = { format: new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }), second: NaN, date: '' }));
  const second = Math.floor(at.getTime() / 1000);
  if (second === day.second) return day.date;
  const date = day.format.format(at);
  // years before 1000 are written with fewer digits: luxon's ISO date then
  day.date = date.length === 10 ? date : DateTime.fromJSDate(at, { zone }).toISODate()!;
  day.second = second;
  return day.date;
}

export function addToDate(date: string, period: DurationLike, zone: string): string {
  return DateTime.fromISO(date, { zone }).plus(period).toISODate()!;
}

export function subtractFromDate(date: string, period: Duration, zone: string): string {
  return DateTime.fromISO(date, { zone }).minus(period).toISODate()!;
}
