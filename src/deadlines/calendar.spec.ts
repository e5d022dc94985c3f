import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration } from 'luxon';
import { RestDayCalendar, parseYear, restDays } from './calendar';
import { periodEnd } from './due-at';

const SHANGHAI = 'Asia/Shanghai';
const calendar = restDays();
/** A period whose last day is `lastDay`: it starts the day before, 09:00 Shanghai. */
const ending = (lastDay: string, days = calendar) => {
  const from = new Date(`${lastDay}T01:00:00Z`);
  from.setUTCDate(from.getUTCDate() - 1);
  const due = periodEnd(from, Duration.fromISO('P1D'), SHANGHAI, days);
  return { dueAt: due.dueAt.toISOString(), calendar: due.calendar };
};

describe('RestDayCalendar (民法典 art. 203, State Council holidays from chinese-days)', () => {
  it('a period ending on National Day (国庆) runs to the first working day after the holiday, 8 October 2026', () => {
    expect(calendar.rollOver('2026-10-01')).toEqual({ date: '2026-10-08', calendar: 'statutory' });
    expect(ending('2026-10-01')).toEqual({ dueAt: '2026-10-08T15:59:59.999Z', calendar: 'statutory' });
  });

  it('the last day of the holiday moves one day; the first working day after it does not move', () => {
    expect(calendar.rollOver('2026-10-07').date).toBe('2026-10-08');
    expect(calendar.rollOver('2026-10-08').date).toBe('2026-10-08');
  });

  it('a period ending on a Saturday that is a make-up working day (调休上班, 28 February 2026) ends that Saturday', () => {
    expect(calendar.isRestDay('2026-02-28')).toBe(false);
    expect(ending('2026-02-28')).toEqual({ dueAt: '2026-02-28T15:59:59.999Z', calendar: 'statutory' });
  });

  it('an ordinary Saturday is a rest day: the period runs to Monday', () => {
    expect(calendar.rollOver('2026-03-07').date).toBe('2026-03-09');
  });

  it("New Year's Eve 2025 is a Wednesday and a working day: a period ending then does not move", () => {
    expect(ending('2025-12-31')).toEqual({ dueAt: '2025-12-31T15:59:59.999Z', calendar: 'statutory' });
  });

  it("a period ending on New Year's Day 2026 runs past the holiday to Sunday 4 January, a make-up working day", () => {
    expect(calendar.rollOver('2026-01-01')).toEqual({ date: '2026-01-04', calendar: 'statutory' });
  });

  it('in a year the data does not know, only weekends are rest days and the answer says so', () => {
    const unknown = new RestDayCalendar(new Map());
    expect(unknown.knows(2040)).toBe(false);
    // Saturday 5 May 2040 → Monday 7 May; a Tuesday stays
    expect(unknown.rollOver('2040-05-05')).toEqual({ date: '2040-05-07', calendar: 'weekends_only' });
    expect(unknown.rollOver('2040-05-08')).toEqual({ date: '2040-05-08', calendar: 'weekends_only' });
  });

  it('the package covers years up to its last State Council notice, and not beyond', () => {
    expect(calendar.knows(2026)).toBe(true);
    expect(calendar.knows(2099)).toBe(false);
    expect(ending('2099-01-03').calendar).toBe('weekends_only');
  });

  it('a rollover from a known year into an unknown one is counted on weekends only from there, and says so', () => {
    const days = new RestDayCalendar(new Map([[2030, { holidays: ['2030-12-31'], workdays: [] }]]));
    expect(days.rollOver('2030-12-30')).toEqual({ date: '2030-12-30', calendar: 'statutory' });
    expect(days.rollOver('2030-12-31')).toEqual({ date: '2031-01-01', calendar: 'weekends_only' });
  });

  it('fixtures/holidays/<year>.json adds a year the package lacks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
    writeFileSync(join(dir, '2099.json'), JSON.stringify({ holidays: ['2099-01-01', '2099-01-02'], workdays: ['2099-01-04'], source: 'test' }));
    const days = RestDayCalendar.load(dir);
    expect(days.rollOver('2099-01-01')).toEqual({ date: '2099-01-04', calendar: 'statutory' });
  });

  it('fixtures/holidays/<year>.json replaces what the package says of that year', () => {
    const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
    writeFileSync(join(dir, '2026.json'), JSON.stringify({ holidays: [], workdays: [] }));
    const days = RestDayCalendar.load(dir);
    expect(days.rollOver('2026-10-01')).toEqual({ date: '2026-10-01', calendar: 'statutory' });
    expect(days.isRestDay('2026-02-28')).toBe(true);
  });
});

describe('parseYear', () => {
  it('names every date that is not a date of its year', () => {
    expect(() => parseYear({ holidays: ['2026-13-01', '2025-10-01'], workdays: 'x' }, 2026, '2026.json')).toThrow(
      'holiday calendar 2026.json: holidays: 2026-13-01 is not a date in 2026; holidays: 2025-10-01 is not a date in 2026; workdays must be a list of dates',
    );
  });
});
