import { Duration } from 'luxon';
import { CalendarBasis, RestDays, restDays } from '../deadlines/calendar';
import { dateIn, periodEnd, startOfDate } from '../deadlines/due-at';

/**
 * What a commitment's record means (API.md "After publication"). `done` needs both halves of
 * the proof: the responsible side says 100 %, and the other side confirms it. Until then a
 * commitment past its due date is overdue; a dispute of the latest report stands until the
 * next report.
 */
export type CommitmentStatus = 'pending' | 'in_progress' | 'done' | 'overdue' | 'disputed';

export const FULL_PROGRESS = 100;

export interface CommitmentFacts {
  progress: number;
  verdict: 'confirmed' | 'disputed' | null;
  dueAt: string;
  doneAt: string | null;
}

/** 100 % reported and that report confirmed by the other side. */
export function isDone(progress: number, verdict: CommitmentFacts['verdict']): boolean {
  return progress === FULL_PROGRESS && verdict === 'confirmed';
}

export function commitmentStatus(c: CommitmentFacts, now: Date): CommitmentStatus {
  if (c.doneAt) return 'done';
  if (c.dueAt < now.toISOString()) return 'overdue';
  if (c.verdict === 'disputed') return 'disputed';
  return c.progress > 0 ? 'in_progress' : 'pending';
}

/** Met on time (红榜): done no later than the end of its due day. */
export function isMetOnTime(c: Pick<CommitmentFacts, 'doneAt' | 'dueAt'>): boolean {
  return c.doneAt !== null && c.doneAt <= c.dueAt;
}

/**
 * When a commitment falls due: `dueInDays` days after the contract enters into force, counted
 * as every period in days is (民法典 art. 201–203, due-at.ts): to the end of the last day, moved
 * to the next working day when that is a rest day. `dueOn` is the day the deadline runs out on,
 * so the ledger, the status and the deadline name the same day.
 */
export function commitmentDue(effectiveFrom: string, dueInDays: number, zone: string, days: RestDays = restDays()): { dueOn: string; dueAt: string; calendar?: CalendarBasis } {
  const end = periodEnd(startOfDate(effectiveFrom, zone), Duration.fromObject({ days: dueInDays }), zone, days);
  return { dueOn: dateIn(end.dueAt, zone), dueAt: end.dueAt.toISOString(), calendar: end.calendar };
}
