import { endOfDate } from '../deadlines/due-at';
import { commitmentDue, commitmentStatus, isDone, isMetOnTime } from './commitment-rules';

const due = '2027-03-31T15:59:59.999Z';
const before = new Date('2027-03-31T15:59:59.998Z');
const after = new Date('2027-03-31T16:00:00.000Z');
const facts = (over: object = {}) => ({ progress: 0, verdict: null, dueAt: due, doneAt: null, ...over });

describe('isDone', () => {
  it('needs 100 % and a confirmation, not either alone', () => {
    expect(isDone(100, 'confirmed')).toBe(true);
    expect(isDone(99, 'confirmed')).toBe(false);
    expect(isDone(100, null)).toBe(false);
    expect(isDone(100, 'disputed')).toBe(false);
  });
});

describe('commitmentStatus', () => {
  it('is pending with no progress and in_progress with some, up to the last instant of the due day', () => {
    expect(commitmentStatus(facts(), before)).toBe('pending');
    expect(commitmentStatus(facts({ progress: 40 }), before)).toBe('in_progress');
  });
  it('is overdue from the first instant after the due day, whatever the progress', () => {
    expect(commitmentStatus(facts({ progress: 100 }), after)).toBe('overdue');
  });
  it('is disputed while the latest report is disputed and the due day has not passed', () => {
    expect(commitmentStatus(facts({ progress: 100, verdict: 'disputed' }), before)).toBe('disputed');
    expect(commitmentStatus(facts({ progress: 100, verdict: 'disputed' }), after)).toBe('overdue');
  });
  it('stays done once done, even read after the due day', () => {
    expect(commitmentStatus(facts({ progress: 100, verdict: 'confirmed', doneAt: '2027-03-01T00:00:00.000Z' }), after)).toBe('done');
  });
});

describe('isMetOnTime', () => {
  it('counts a commitment done at the last instant of its due day, not one done after', () => {
    expect(isMetOnTime({ doneAt: due, dueAt: due })).toBe(true);
    expect(isMetOnTime({ doneAt: '2027-03-31T16:00:00.000Z', dueAt: due })).toBe(false);
    expect(isMetOnTime({ doneAt: null, dueAt: due })).toBe(false);
  });
});

describe('commitmentDue', () => {
  const zone = 'Asia/Shanghai';

  it('counts dueInDays from the entry into force to the end of the last day', () => {
    // 2027-01-04 + 30 days = Wednesday 2027-02-03
    expect(commitmentDue('2027-01-04', 30, zone)).toMatchObject({ dueOn: '2027-02-03', dueAt: '2027-02-03T15:59:59.999Z' });
  });

  it('moves a due day on a rest day to the next working day, and dueOn says the day it runs out', () => {
    // 2026-10-18 + 90 days = Saturday 2027-01-16
    const due = commitmentDue('2026-10-18', 90, zone);
    expect(due.dueOn > '2027-01-16').toBe(true);
    expect(due.dueAt).toBe(endOfDate(due.dueOn, zone).toISOString());
    expect(due.calendar).toBeDefined();
  });
});
