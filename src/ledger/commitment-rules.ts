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
