import { EventType } from './dto/events.dto';
import { NegotiationKind, Side } from './negotiation.types';

/**
 * How the caller stands to a negotiation. `chief` means acts for its side: the chief's seat,
 * or — while a side has no seats (an enterprise answering a request) — a negotiator of that
 * side's organisation. In a rule change the union's one seat is its chief for that
 * consultation (the union's named chief when it opened); its other negotiators are party
 * without acting for it.
 */
export interface Relation {
  party: Side | 'bureau' | 'worker' | 'admin';
  chief: boolean;
  representative: boolean;
}

const chiefOf = (side: Side) => (r: Relation) => r.party === side && r.chief;
const eitherChief = (r: Relation) => (r.party === 'union' || r.party === 'enterprise') && r.chief;
const bureau = (r: Relation) => r.party === 'bureau';
/** The side that opened the procedure: the union requests bargaining; the enterprise proposes a rule. */
export const requesterSide = (kind: NegotiationKind): Side => (kind === 'collective_contract' ? 'union' : 'enterprise');

/** Who may send which event (API.md's "who" column); the machine then decides whether now. */
const WHO_MAY: Record<EventType, (r: Relation, kind: NegotiationKind) => boolean> = {
  RESPOND: chiefOf('enterprise'),
  OFFER: eitherChief,
  ACCEPT: eitherChief,
  SUSPEND: eitherChief,
  RESUME: eitherChief,
  DISPUTE: eitherChief,
  WITHDRAW: (r, kind) => chiefOf(requesterSide(kind))(r),
  COORDINATE: bureau,
  EXTEND: bureau,
  COMMENT: (r) => r.party === 'worker' || r.party === 'union' || r.party === 'enterprise',
  RECORD_VOTE: chiefOf('union'),
  SIGN: eitherChief,
  FILE: chiefOf('enterprise'),
  REVIEW: bureau,
  PUBLISH: (r, kind) => (kind === 'rule_change' ? chiefOf('enterprise')(r) : eitherChief(r)),
  CLOSE_CONSULTATION: chiefOf('union'),
  RESPOND_TO_OPINIONS: chiefOf('enterprise'),
  REQUEST_BARGAINING: chiefOf('union'),
  REQUEST_RENEWAL: eitherChief,
  REQUEST_INFORMATION: chiefOf('union'),
  PROVIDE_INFORMATION: chiefOf('enterprise'),
  DECLARE_CURRENT_TERMS: chiefOf('enterprise'),
  // — the table: who among them, for which seat, is checked with the seat (seat-events.ts) —
  REPLACE_SEAT: (r) => (eitherChief(r) && r.representative) || bureau(r),
  VACATE_SEAT: (r) => (r.party === 'union' || r.party === 'enterprise') && r.representative,
  NAME_RECORDER: eitherChief,
  // ballots
  OPEN_BALLOT: chiefOf('union'),
  CLOSE_BALLOT: chiefOf('union'),
};

export function mayCallerSend(type: EventType, relation: Relation, kind: NegotiationKind): boolean {
  return WHO_MAY[type](relation, kind);
}

/**
 * Events that carry data another route receives (a sample's file, the current rules): they go
 * through the same pipeline, but only from that route, never from POST /events.
 */
export const ROUTE_ONLY_EVENTS: ReadonlySet<EventType> = new Set(['PROVIDE_INFORMATION', 'DECLARE_CURRENT_TERMS']);

/** Events a client may send for each kind (system events are the sweeper's alone). */
export const EVENTS_BY_KIND: Record<NegotiationKind, EventType[]> = {
  collective_contract: [
    'RESPOND',
    'OFFER',
    'ACCEPT',
    'SUSPEND',
    'RESUME',
    'DISPUTE',
    'WITHDRAW',
    'COORDINATE',
    'EXTEND',
    'COMMENT',
    'RECORD_VOTE',
    'SIGN',
    'FILE',
    'REVIEW',
    'PUBLISH',
    'REQUEST_RENEWAL',
    'REQUEST_INFORMATION',
    'PROVIDE_INFORMATION',
    'DECLARE_CURRENT_TERMS',
    // — the table —
    'REPLACE_SEAT',
    'VACATE_SEAT',
    'NAME_RECORDER',
    // ballots
    'OPEN_BALLOT',
    'CLOSE_BALLOT',
  ],
  rule_change: ['COMMENT', 'CLOSE_CONSULTATION', 'REQUEST_BARGAINING', 'RESPOND_TO_OPINIONS', 'PUBLISH', 'WITHDRAW'],
};
