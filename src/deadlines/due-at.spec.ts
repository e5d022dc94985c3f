import { DateTime } from 'luxon';
import { Duration } from 'luxon';
import { RestDays, restDays } from './calendar';
import { addToDate, dateIn, dueAt, periodEnd, startOfDate, subtractFromDate } from './due-at';

const SHANGHAI = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);
/** Counting alone (民法典 art. 201–202): a calendar on which every day is a working day. */
const everyDayWorks: RestDays = { rollOver: (date) => ({ date, calendar: 'statutory' }) };
const due = (from: string, period: string, zone = SHANGHAI) => dueAt(at(from), Duration.fromISO(period), zone, everyDayWorks).toISOString();

describe('dueAt', () => {
  it('a 20-day period from 09:00 on 4 January runs to the end of 24 January, Shanghai time', () => {
    expect(due('2027-01-04T01:00:00Z', 'P20D')).toBe('2027-01-24T15:59:59.999Z');
  });

  it('counts days in the zone, not in UTC: 17:00 UTC on 4 January is already 5 January in Shanghai', () => {
    expect(due('2027-01-04T17:00:00Z', 'P20D')).toBe('2027-01-25T15:59:59.999Z');
  });

  it('a period starting in the last second of a day still counts that day as its day zero', () => {
    expect(due('2027-01-04T15:59:59Z', 'P20D')).toBe('2027-01-24T15:59:59.999Z');
  });

  it('the same instant in another zone has its own calendar', () => {
    expect(due('2027-01-04T17:00:00Z', 'P20D', 'UTC')).toBe('2027-01-24T23:59:59.999Z');
  });

  it('a period in seconds runs exactly, without rounding to the end of the day', () => {
    expect(due('2027-01-04T01:00:00Z', 'PT5S')).toBe('2027-01-04T01:00:05.000Z');
  });

  it('a period in minutes runs exactly', () => {
    expect(due('2027-01-04T01:00:00Z', 'PT90M')).toBe('2027-01-04T02:30:00.000Z');
  });

  it('a period of 48 hours runs exactly 48 hours', () => {
    expect(due('2027-01-04T01:00:00Z', 'PT48H')).toBe('2027-01-06T01:00:00.000Z');
  });

  it('a period in months runs in calendar months to the end of the corresponding day', () => {
    expect(due('2027-01-04T01:00:00Z', 'P3M')).toBe('2027-04-04T15:59:59.999Z');
  });

  it('a month period from a day the last month lacks ends on that month’s last day (民法典 art. 202)', () => {
    expect(due('2027-01-31T01:00:00Z', 'P1M')).toBe('2027-02-28T15:59:59.999Z');
  });

  it('a period in years runs in calendar years, from 29 February to 28 February', () => {
    expect(due('2028-01-04T01:00:00Z', 'P1Y')).toBe('2029-01-04T15:59:59.999Z');
    expect(due('2028-02-29T01:00:00Z', 'P1Y')).toBe('2029-02-28T15:59:59.999Z');
  });

  it('a period in weeks is a calendar period', () => {
    expect(due('2027-01-04T01:00:00Z', 'P1W')).toBe('2027-01-11T15:59:59.999Z');
  });
});

describe('dueAt on the rest-day calendar (民法典 art. 203)', () => {
  const real = (from: string, period: string) => {
    const end = periodEnd(at(from), Duration.fromISO(period), SHANGHAI, restDays());
    return { dueAt: end.dueAt.toISOString(), calendar: end.calendar };
  };

  it('a 15-day period whose 15th day is a working day ends at the end of that 15th day', () => {
    // from Monday 2 March 2026: the 15th day is Tuesday 17 March
    expect(real('2026-03-02T01:00:00Z', 'P15D')).toEqual({ dueAt: '2026-03-17T15:59:59.999Z', calendar: 'statutory' });
  });

  it('a 15-day period whose 15th day is National Day ends on 8 October', () => {
    expect(real('2026-09-16T01:00:00Z', 'P15D')).toEqual({ dueAt: '2026-10-08T15:59:59.999Z', calendar: 'statutory' });
  });

  it('a 10-day period ending on the make-up working Saturday 28 February 2026 ends that day', () => {
    expect(real('2026-02-18T01:00:00Z', 'P10D')).toEqual({ dueAt: '2026-02-28T15:59:59.999Z', calendar: 'statutory' });
  });

  it('a 20-day period ending on a Sunday of 2027, a year the data does not know, ends on Monday and says weekends only', () => {
    expect(real('2027-01-04T01:00:00Z', 'P20D')).toEqual({ dueAt: '2027-01-25T15:59:59.999Z', calendar: 'weekends_only' });
  });

  it('periods in hours do not move: they run exactly, over rest days too', () => {
    const end = periodEnd(at('2026-10-01T01:00:00Z'), Duration.fromISO('PT48H'), SHANGHAI, restDays());
    expect(end).toEqual({ dueAt: new Date('2026-10-03T01:00:00Z') });
  });
});

describe('startOfDate', () => {
  it('a date arrives at its first instant in the zone: 1 March in Shanghai is 16:00 UTC on 28 February', () => {
    expect(startOfDate('2027-03-01', SHANGHAI).toISOString()).toBe('2027-02-28T16:00:00.000Z');
  });

  it('in UTC a date arrives at midnight UTC', () => {
    expect(startOfDate('2027-03-01', 'UTC').toISOString()).toBe('2027-03-01T00:00:00.000Z');
  });
});

describe('dateIn', () => {
  it('agrees with luxon on every hour of a year in several zones, and on years before 1000', () => {
    for (const zone of [SHANGHAI, 'UTC', 'America/New_York', 'Pacific/Kiritimati'])
      for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 3_600_000 * 7)
        expect(dateIn(new Date(t), zone)).toBe(DateTime.fromMillis(t, { zone }).toISODate());
    expect(dateIn(at('0999-06-01T00:00:00.000Z'), 'UTC')).toBe('0999-06-01');
  });

  it('gives the calendar date of an instant in the zone', () => {
    expect(dateIn(at('2027-01-04T15:59:59.999Z'), SHANGHAI)).toBe('2027-01-04');
    expect(dateIn(at('2027-01-04T16:00:00Z'), SHANGHAI)).toBe('2027-01-05');
    expect(dateIn(at('2027-01-04T16:00:00Z'), 'UTC')).toBe('2027-01-04');
  });

  it('answers each instant for itself when asked in turn about neighbouring instants and zones', () => {
    // Pacific/Kiritimati is UTC+14, Pacific/Niue UTC-11: the same second is two dates apart
    const midnight = Date.parse('2027-01-04T16:00:00Z');
    for (const [t, zone, date] of [
      [midnight - 1, SHANGHAI, '2027-01-04'],
      [midnight, SHANGHAI, '2027-01-05'],
      [midnight - 1, SHANGHAI, '2027-01-04'],
      [midnight + 999, SHANGHAI, '2027-01-05'],
      [midnight + 999, 'Pacific/Kiritimati', '2027-01-05'],
      [midnight + 999, 'Pacific/Niue', '2027-01-04'],
      [midnight + 999, SHANGHAI, '2027-01-05'],
    ] as const)
      expect(dateIn(new Date(t), zone)).toBe(date);
    expect(() => dateIn(new Date(NaN), SHANGHAI)).toThrow(RangeError);
  });

  it('is the inverse of startOfDate', () => {
    expect(dateIn(startOfDate('2027-03-01', SHANGHAI), SHANGHAI)).toBe('2027-03-01');
  });
});

describe('addToDate and subtractFromDate', () => {
  it('add and subtract calendar periods on dates', () => {
    expect(addToDate('2027-01-05', { months: 24 }, SHANGHAI)).toBe('2029-01-05');
    expect(subtractFromDate('2029-01-05', Duration.fromISO('P3M'), SHANGHAI)).toBe('2028-10-05');
  });

  it('clamp to the last day of a shorter month', () => {
    expect(subtractFromDate('2029-05-31', Duration.fromISO('P3M'), SHANGHAI)).toBe('2029-02-28');
  });
});
