import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DateTime } from 'luxon';
import { fixturePath } from '../common/fixture-path';

/**
 * 民法典 art. 203: a period whose last day is a statutory rest day ends on the first working
 * day after it (art. 201–202: days, months and years are counted from the next day). Rest
 * days are weekends and public holidays, except the make-up working days (调休) the State
 * Council moves onto weekends; the data is `chinese-days` (the State Council's notices, per
 * year), and fixtures/holidays/<year>.json adds a year or replaces one.
 */
export type CalendarBasis = 'statutory' | 'weekends_only';

export interface YearOfDays {
  /** Public holidays, YYYY-MM-DD. */
  holidays: string[];
  /** Weekend days that are working days (调休上班). */
  workdays: string[];
}

export interface RolledOver {
  /** The last day of the period, moved past rest days. */
  date: string;
  /** `weekends_only` when a day looked at lies in a year the calendar has no data for. */
  calendar: CalendarBasis;
}

/** What counting a period needs of a calendar. */
export interface RestDays {
  rollOver(lastDay: string): RolledOver;
}

const yearOf = (date: string) => Number(date.slice(0, 4));
const isWeekend = (date: string) => DateTime.fromISO(date).weekday >= 6;

export class RestDayCalendar implements RestDays {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();

  constructor(private readonly years: Map<number, YearOfDays>) {
    for (const year of years.values()) {
      year.holidays.forEach((d) => this.holidays.add(d));
      year.workdays.forEach((d) => this.workdays.add(d));
    }
  }

  /** The package's years, each replaced by fixtures/holidays/<year>.json where there is one. */
  static load(overridesDir?: string): RestDayCalendar {
    const years = packageYears();
    if (overridesDir && existsSync(overridesDir))
      for (const file of readdirSync(overridesDir).filter((f) => /^\d{4}\.json$/.test(f))) {
        const path = join(overridesDir, file);
        years.set(Number(file.slice(0, 4)), parseYear(JSON.parse(readFileSync(path, 'utf8')), Number(file.slice(0, 4)), path));
      }
    return new RestDayCalendar(years);
  }

  knows(year: number): boolean {
    return this.years.has(year);
  }

  isRestDay(date: string): boolean {
    if (!this.knows(yearOf(date))) return isWeekend(date);
    return this.holidays.has(date) || (isWeekend(date) && !this.workdays.has(date));
  }

  /** art. 203: the last day, or the first working day after it. */
  rollOver(lastDay: string): RolledOver {
    let date = lastDay;
    let calendar: CalendarBasis = this.knows(yearOf(date)) ? 'statutory' : 'weekends_only';
    while (this.isRestDay(date)) {
      date = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;
      if (!this.knows(yearOf(date))) calendar = 'weekends_only';
    }
    return { date, calendar };
  }
}

/** chinese-days' data: `holidays` and make-up `workdays`, keyed by date, for the years it covers. */
function packageYears(): Map<number, YearOfDays> {
  const path = join(dirname(require.resolve('chinese-days/package.json')), 'dist', 'chinese-days.json');
  const data = JSON.parse(readFileSync(path, 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
  const years = new Map<number, YearOfDays>();
  const entry = (date: string) => {
    const year = yearOf(date);
    if (!years.has(year)) years.set(year, { holidays: [], workdays: [] });
    return years.get(year)!;
  };
  for (const date of Object.keys(data.holidays)) entry(date).holidays.push(date);
  for (const date of Object.keys(data.workdays)) entry(date).workdays.push(date);
  return years;
}

/** A fixture year: `{ "holidays": [dates], "workdays": [dates], "source"? }`, every date inside that year. */
export function parseYear(raw: unknown, year: number, origin: string): YearOfDays {
  const problems: string[] = [];
  const dates = (key: 'holidays' | 'workdays'): string[] => {
    const value = (raw as Record<string, unknown> | null)?.[key] ?? [];
    if (!Array.isArray(value)) {
      problems.push(`${key} must be a list of dates`);
      return [];
    }
    return value.filter((d) => {
      const ok = typeof d === 'string' && DateTime.fromISO(d).isValid && /^\d{4}-\d{2}-\d{2}$/.test(d) && yearOf(d) === year;
      if (!ok) problems.push(`${key}: ${String(d)} is not a date in ${year}`);
      return ok;
    });
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) problems.push('must be a JSON object');
  const days = { holidays: dates('holidays'), workdays: dates('workdays') };
  if (problems.length) throw new Error(`holiday calendar ${origin}: ${problems.join('; ')}`);
  return days;
}

let standard: RestDayCalendar | undefined;

/** The deployment's calendar: the package plus fixtures/holidays/, loaded once. */
export function restDays(): RestDayCalendar {
  standard ??= RestDayCalendar.load(holidayFixtures());
  return standard;
}

function holidayFixtures(): string | undefined {
  try {
    return fixturePath('holidays');
  } catch {
    return undefined;
  }
}
