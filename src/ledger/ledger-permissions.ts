import { Relation } from '../negotiations/negotiation-permissions';
import { Side } from '../negotiations/negotiation.types';

/**
 * Who may act on what a published agreement left to do (→ 403 otherwise). Whether it may be
 * done now — a second answer, a report on a done commitment — is decided by the services (409).
 */
export type LedgerAction =
  | 'REPORT_PROGRESS'
  | 'VERIFY'
  | 'READ_COMPLAINTS'
  | 'ANSWER_COMPLAINT'
  | 'REFER_COMPLAINT'
  | 'OPEN_SURVEY'
  | 'READ_SURVEY_RESULTS';

/** Acts for a side: holds a seat on it, or is its organisation's negotiator while it has none. */
const actsFor = (side: Side) => (r: Relation) => r.party === side && (r.representative || r.chief);
const chiefOf = (side: Side) => (r: Relation) => r.party === side && r.chief;
const representative = (r: Relation) => actsFor('union')(r) || actsFor('enterprise')(r);
const bureau = (r: Relation) => r.party === 'bureau';

const WHO_MAY: Record<Exclude<LedgerAction, 'REPORT_PROGRESS' | 'VERIFY'>, (r: Relation) => boolean> = {
  READ_COMPLAINTS: (r) => representative(r) || bureau(r),
  ANSWER_COMPLAINT: actsFor('enterprise'),
  REFER_COMPLAINT: actsFor('union'),
  OPEN_SURVEY: chiefOf('union'),
  READ_SURVEY_RESULTS: (r) => representative(r) || bureau(r),
};

export const otherSide = (side: Side): Side => (side === 'union' ? 'enterprise' : 'union');

/** The responsible side reports; the other side's chief verifies. */
export function mayActOnCommitment(action: 'REPORT_PROGRESS' | 'VERIFY', relation: Relation, responsible: Side): boolean {
  return action === 'REPORT_PROGRESS' ? actsFor(responsible)(relation) : chiefOf(otherSide(responsible))(relation);
}

export function mayDo(action: keyof typeof WHO_MAY, relation: Relation | null): boolean {
  return relation !== null && WHO_MAY[action](relation);
}
