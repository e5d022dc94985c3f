import { RulePack, DeadlineKind } from './rule-pack';
import { CalendarBasis } from './calendar';
import { addToDate, periodEnd, startOfDate, subtractFromDate } from './due-at';

/**
 * Which clocks run in which state (DESIGN §1). Entering a state starts its clocks; leaving it
 * clears them. Kinds that act change the state through an ordinary machine event sent by
 * actor `system`; the others only warn (marked overdue, on the chain, people notified).
 */
export const DEADLINE_EVENTS: Partial<Record<DeadlineKind, string>> = {
  response: 'RESPONSE_OVERDUE',
  resumption: 'RESUMPTION_DUE',
  review: 'REVIEW_PERIOD_ELAPSED',
  consultationWindow: 'CONSULTATION_WINDOW_CLOSED',
  termEnd: 'TERM_ENDED',
  ballotClose: 'BALLOT_PERIOD_ENDED',
};

export interface PlannedDeadline {
  kind: DeadlineKind;
  dueAt: Date;
  /** Periods in days: the calendar their end was counted on (calendar.ts). */
  calendar?: CalendarBasis;
}

export interface PlanInput {
  kind: 'collective_contract' | 'rule_change';
  state: string;
  at: Date;
  pack: RulePack;
  zone: string;
  /** SUSPEND's agreed resumption date. */
  resumeOn?: string;
  /** PUBLISH's term, as the machine recorded it. */
  term?: ContractTerm | null;
}

/** What an event agreed that the clocks of the state it enters need. */
export type AgreedDates = Pick<PlanInput, 'resumeOn' | 'term'>;

/** A published contract's term: its last day and the day renewal may first be requested. */
export interface ContractTerm {
  expiresOn: string;
  renewalOpensAt: string;
}

export function deadlinesOnEntering(input: PlanInput): PlannedDeadline[] {
  const { at, pack, zone } = input;
  const after = (kind: DeadlineKind & keyof RulePack): PlannedDeadline => ({ kind, ...periodEnd(at, pack[kind], zone) });
  switch (`${input.kind}:${input.state}`) {
    case 'collective_contract:requested':
      return [after('response')];
    case 'collective_contract:suspended':
      return input.resumeOn ? [{ kind: 'resumption', dueAt: startOfDate(input.resumeOn, zone) }] : [];
    case 'collective_contract:disputed':
      return [after('coordination')];
    case 'collective_contract:signed':
      return [after('filing')];
    case 'collective_contract:under_review':
      return [after('review')];
    case 'collective_contract:effective':
      return [after('publication')];
    case 'collective_contract:published': {
      const planned = [after('annualRound')];
      if (input.term) {
        planned.push({ kind: 'termEnd', dueAt: startOfDate(input.term.expiresOn, zone) });
        planned.push({ kind: 'renewalWindow', dueAt: startOfDate(input.term.renewalOpensAt, zone) });
      }
      return planned;
    }
    case 'rule_change:consultation':
      return [after('consultationWindow')];
    case 'rule_change:published':
      return [after('annualRound')];
    default:
      return [];
  }
}

/**
 * The day a contract expires: the same date `termMonths` later. Its term is in force until the
 * start of that day (the termEnd clock), so its last day is the day before.
 */
export function termExpiry(effectiveFrom: string, termMonths: number, zone: string): string {
  return addToDate(effectiveFrom, { months: termMonths }, zone);
}

/**
 * The one computation of a term's dates, at PUBLISH: the machine records them, the clocks
 * (termEnd, renewalWindow) and the publication read them from there.
 */
export function contractTerm(effectiveFrom: string, termMonths: number, pack: RulePack, zone: string): ContractTerm {
  const expiresOn = termExpiry(effectiveFrom, termMonths, zone);
  return { expiresOn, renewalOpensAt: subtractFromDate(expiresOn, pack.renewalWindow, zone) };
}
