import { and, assign, setup } from 'xstate';
import { Side, otherSide } from './negotiation.types';
import { VoteTally, isRatified } from './ratification';

/**
 * The statutory procedure of 集体合同规定 (2004) and 劳动合同法 art. 51–56 (DESIGN §1a).
 * Who may send an event (role, chief) is decided by negotiation-permissions.ts; this machine
 * decides what the procedure allows now: state, turn, signatures. Deadlines arrive as the
 * system events below, sent by the sweeper — never XState `after` (delays are not restored
 * from a persisted snapshot).
 */
export interface CollectiveContractContext {
  /** Number of offers made; the union's opening proposal is round 1. */
  round: number;
  /** The side that must offer next; null when either may (after a rejected vote or an objection). */
  turn: Side | null;
  /** Whose offer is on the table, waiting for an answer. */
  lastOfferBy: Side | null;
  signatures: Side[];
  coordinationExtended: boolean;
  /** Why talks went back to bargaining (a failed vote's tally, the bureau's objection). */
  returnedBecause: string | null;
  /** The date the contract came into force (approval, or the review period's silence). */
  effectiveFrom: string | null;
  expiresOn: string | null;
  renewalOpensAt: string | null;
  /** Clocks that ran out without changing the state (filing, publication, coordination overdue). */
  lapsedDeadlines: string[];
  /** The enterprise has answered and taken its seats (art. 19): talks can only proceed after that. */
  enterpriseSeated: boolean;
  /** A renewal negotiation was opened from this contract (once). */
  renewalRequested: boolean;

  // — the table (集体合同规定 art. 31, 33, 35) —
  /** One entry per vacant seat, by side (art. 31): while any is open, nobody offers or accepts. */
  vacantSeats: Side[];
  /** The recorder both chiefs named (art. 33), and a naming waiting for the other chief. */
  recorder: string | null;
  recorderProposal: { by: Side; userId: string } | null;
  /** art. 35: one chief's SUSPEND waits for the other's, with the same date. */
  pendingSuspension: { by: Side; resumeOn: string } | null;
  // ballots (art. 36 by the workers themselves)
  /** A ballot of the workers is open on the draft: no second ballot, no vote recorded by hand meanwhile. */
  ballotOpen: boolean;
  /** The latest vote on a draft, and how it was taken: a ballot, or a count sheet from a hall. */
  vote: RecordedVote | null;
}

/** A vote as the record keeps it: the tally, and whether the workers' ballot or a count sheet gave it. */
export type RecordedVote = VoteTally & { method: 'ballot' | 'count_sheet' };

/** The tally of a closed ballot, counted by the ballots module; `everyoneVoted`: nobody on the roll can still vote. */
type BallotClose = VoteTally & { everyoneVoted: boolean };

export type CollectiveContractEvent =
  | { type: 'RESPOND'; accept: boolean; reason?: string }
  | { type: 'OFFER'; side: Side }
  | { type: 'ACCEPT'; side: Side }
  | { type: 'SUSPEND'; side: Side; resumeOn: string; reason?: string }
  | { type: 'RESUME' }
  | { type: 'DISPUTE'; reason: string }
  | { type: 'WITHDRAW'; reason: string }
  | { type: 'COORDINATE'; outcome: 'resume' | 'terminate'; opinion?: string }
  | { type: 'EXTEND'; days: number }
  | { type: 'COMMENT' }
  | ({ type: 'RECORD_VOTE' } & VoteTally)
  | { type: 'SIGN'; side: Side }
  | { type: 'FILE' }
  | { type: 'REVIEW'; decision: 'approve' | 'object'; opinion?: string; on: string }
  | { type: 'PUBLISH'; expiresOn: string; renewalOpensAt: string }
  /** `on`: today's date in the configured zone. */
  | { type: 'REQUEST_RENEWAL'; on: string }
  // costing (001 §12): the union asks for the order data, the enterprise hands it over and declares today's rules
  | { type: 'REQUEST_INFORMATION' }
  | { type: 'PROVIDE_INFORMATION' }
  | { type: 'DECLARE_CURRENT_TERMS' }
  // — the table: seats and the recorder —
  /** `side`: the side whose seat falls vacant. */
  | { type: 'VACATE_SEAT'; side: Side }
  /** `side`: the seat's side; `fillsVacancy`: the seat given up was vacant. */
  | { type: 'REPLACE_SEAT'; side: Side; fillsVacancy: boolean }
  | { type: 'NAME_RECORDER'; side: Side; userId: string }
  // ballots
  | { type: 'OPEN_BALLOT' }
  | ({ type: 'CLOSE_BALLOT' } & BallotClose)
  // sent by the deadline sweeper (actor `system`)
  | { type: 'RESPONSE_OVERDUE' }
  | { type: 'RESUMPTION_DUE' }
  | { type: 'REVIEW_PERIOD_ELAPSED'; on: string }
  | { type: 'TERM_ENDED' }
  | { type: 'DEADLINE_PASSED'; deadline: string }
  // ballots: the end of the ballot's last day
  | ({ type: 'BALLOT_PERIOD_ENDED' } & VoteTally);

const isVote = (e: CollectiveContractEvent): e is Extract<CollectiveContractEvent, VoteTally> =>
  e.type === 'RECORD_VOTE' || e.type === 'CLOSE_BALLOT' || e.type === 'BALLOT_PERIOD_ENDED';

/** A clock that only warns (filing, publication, coordination overdue) goes on the record; the state stays. */
const recordsLapses = { DEADLINE_PASSED: { actions: 'recordLapse' } } as const;

/** The enterprise's data for costing may arrive while talks are open, suspended or not; the state stays. */
const informationForCosting = <S extends string>(state: S) =>
  ({ PROVIDE_INFORMATION: { target: state }, DECLARE_CURRENT_TERMS: { target: state } }) as const;
/** Seats change in any state in which the table still sits (art. 31): a vacancy, a replacement. */
const seatChanges = {
  VACATE_SEAT: { actions: 'recordVacancy' },
  REPLACE_SEAT: { actions: 'recordReplacement' },
} as const;

const reopenBargaining = (because: string) =>
  ({ turn: null, lastOfferBy: null, returnedBecause: because }) as const;

export const collectiveContractMachine = setup({
  types: {
    context: {} as CollectiveContractContext,
    events: {} as CollectiveContractEvent,
  },
  guards: {
    isAcceptance: ({ event }) => event.type === 'RESPOND' && event.accept,
    isSidesTurn: ({ context, event }) =>
      event.type === 'OFFER' && (context.turn === null || context.turn === event.side),
    answersOfferOnTable: ({ context, event }) =>
      event.type === 'ACCEPT' && context.lastOfferBy !== null && context.lastOfferBy !== event.side,
    isRatifiedByVote: ({ event }) => isVote(event) && isRatified(event),
    // ballots
    hasNoBallotOpen: ({ context }) => !context.ballotOpen,
    hasBallotOpen: ({ context }) => context.ballotOpen,
    hasEveryoneVoted: ({ event }) => event.type === 'CLOSE_BALLOT' && event.everyoneVoted,
    isCoordinatedBackToTalks: ({ context, event }) =>
      event.type === 'COORDINATE' && event.outcome === 'resume' && context.enterpriseSeated,
    // a request the enterprise refused or ignored goes back to it: nobody bargains without its seats
    isCoordinatedBackToRequest: ({ context, event }) =>
      event.type === 'COORDINATE' && event.outcome === 'resume' && !context.enterpriseSeated,
    isCoordinatedToEnd: ({ event }) => event.type === 'COORDINATE' && event.outcome === 'terminate',
    canStillExtend: ({ context }) => !context.coordinationExtended,
    completesSignatures: ({ context, event }) =>
      event.type === 'SIGN' && !context.signatures.includes(event.side) && context.signatures.length === 1,
    hasNotSigned: ({ context, event }) => event.type === 'SIGN' && !context.signatures.includes(event.side),
    isApproval: ({ event }) => event.type === 'REVIEW' && event.decision === 'approve',
    isObjection: ({ event }) => event.type === 'REVIEW' && event.decision === 'object',
    // — the table —
    hasNoVacantSeat: ({ context }) => context.vacantSeats.length === 0,
    confirmsSuspension: ({ context, event }) =>
      event.type === 'SUSPEND' &&
      context.pendingSuspension !== null &&
      context.pendingSuspension.by !== event.side &&
      context.pendingSuspension.resumeOn === event.resumeOn,
    isInRenewalWindow: ({ context, event }) =>
      event.type === 'REQUEST_RENEWAL' &&
      !context.renewalRequested &&
      context.renewalOpensAt !== null &&
      context.expiresOn !== null &&
      event.on >= context.renewalOpensAt &&
      event.on < context.expiresOn,
  },
  actions: {
    recordOffer: assign(({ context, event }) => {
      if (event.type !== 'OFFER') return {};
      return { round: context.round + 1, lastOfferBy: event.side, turn: otherSide(event.side), returnedBecause: null };
    }),
    recordSignature: assign({
      signatures: ({ context, event }) => (event.type === 'SIGN' ? [...context.signatures, event.side] : context.signatures),
    }),
    clearSignatures: assign({ signatures: [] }),
    recordVoteFailure: assign(({ event }) =>
      isVote(event) ? reopenBargaining(`vote failed: ${event.present}/${event.eligible} present, ${event.inFavour} in favour`) : {},
    ),
    // ballots
    recordVote: assign(({ event }) => {
      if (!isVote(event)) return {};
      const { eligible, present, inFavour, against, abstained } = event;
      return { ballotOpen: false, vote: { method: event.type === 'RECORD_VOTE' ? 'count_sheet' : 'ballot', eligible, present, inFavour, against, abstained } } as const;
    }),
    recordBallotOpening: assign({ ballotOpen: true }),
    recordObjection: assign(({ event }) =>
      event.type === 'REVIEW' ? reopenBargaining(`bureau objected: ${event.opinion ?? ''}`.trim()) : {},
    ),
    recordExtension: assign({ coordinationExtended: true }),
    recordEnterpriseSeats: assign({ enterpriseSeated: true }),
    recordRenewalRequest: assign({ renewalRequested: true }),
    recordLapse: assign({
      lapsedDeadlines: ({ context, event }) =>
        event.type === 'DEADLINE_PASSED' ? [...context.lapsedDeadlines, event.deadline] : context.lapsedDeadlines,
    }),
    recordEntryIntoForce: assign(({ event }) =>
      event.type === 'REVIEW' || event.type === 'REVIEW_PERIOD_ELAPSED' ? { effectiveFrom: event.on } : {},
    ),
    recordTerm: assign(({ event }) =>
      event.type === 'PUBLISH' ? { expiresOn: event.expiresOn, renewalOpensAt: event.renewalOpensAt } : {},
    ),
    // — the table —
    recordVacancy: assign({
      vacantSeats: ({ context, event }) => (event.type === 'VACATE_SEAT' ? [...context.vacantSeats, event.side] : context.vacantSeats),
    }),
    recordReplacement: assign({
      vacantSeats: ({ context, event }) => {
        if (event.type !== 'REPLACE_SEAT' || !event.fillsVacancy) return context.vacantSeats;
        const i = context.vacantSeats.indexOf(event.side);
        return i < 0 ? context.vacantSeats : context.vacantSeats.filter((_, j) => j !== i);
      },
    }),
    nameRecorder: assign(({ context, event }) => {
      if (event.type !== 'NAME_RECORDER') return {};
      const p = context.recorderProposal;
      // the second chief naming the same person determines the recorder jointly (art. 33)
      if (p && p.by !== event.side && p.userId === event.userId) return { recorder: event.userId, recorderProposal: null };
      return { recorderProposal: { by: event.side, userId: event.userId } };
    }),
    proposeSuspension: assign({
      pendingSuspension: ({ event }) => (event.type === 'SUSPEND' ? { by: event.side, resumeOn: event.resumeOn } : null),
    }),
    withdrawSuspensionProposal: assign({ pendingSuspension: null }),
  },
}).createMachine({
  id: 'collective_contract',
  context: {
    round: 1,
    turn: 'enterprise',
    lastOfferBy: 'union',
    signatures: [],
    coordinationExtended: false,
    returnedBecause: null,
    effectiveFrom: null,
    expiresOn: null,
    renewalOpensAt: null,
    lapsedDeadlines: [],
    enterpriseSeated: false,
    renewalRequested: false,
    vacantSeats: [],
    recorder: null,
    recorderProposal: null,
    pendingSuspension: null,
    ballotOpen: false,
    vote: null,
  },
  initial: 'requested',
  states: {
    requested: {
      on: {
        ...recordsLapses,
        ...seatChanges,
        RESPOND: [{ guard: 'isAcceptance', target: 'bargaining', actions: 'recordEnterpriseSeats' }, { target: 'disputed' }],
        RESPONSE_OVERDUE: { target: 'disputed' },
        WITHDRAW: { target: 'withdrawn' },
      },
    },
    bargaining: {
      // a proposed suspension does not survive the talks it would have suspended
      exit: 'withdrawSuspensionProposal',
      on: {
        ...recordsLapses,
        ...seatChanges,
        // art. 31: nobody offers or accepts while a seat is vacant; an offer or acceptance withdraws a proposed suspension
        OFFER: { guard: and(['isSidesTurn', 'hasNoVacantSeat']), target: 'bargaining', actions: ['recordOffer', 'withdrawSuspensionProposal'] },
        ACCEPT: { guard: and(['answersOfferOnTable', 'hasNoVacantSeat']), target: 'consultation', actions: 'withdrawSuspensionProposal' },
        // art. 35: suspended by agreement, when the other chief confirms the same date
        SUSPEND: [
          { guard: 'confirmsSuspension', target: 'suspended', actions: 'withdrawSuspensionProposal' },
          { target: 'bargaining', actions: 'proposeSuspension' },
        ],
        NAME_RECORDER: { actions: 'nameRecorder' },
        DISPUTE: { target: 'disputed' },
        WITHDRAW: { target: 'withdrawn' },
        ...informationForCosting('bargaining'),
        REQUEST_INFORMATION: { target: 'bargaining' },
      },
    },
    suspended: {
      on: {
        ...recordsLapses,
        ...informationForCosting('suspended'),
        ...seatChanges,
        NAME_RECORDER: { actions: 'nameRecorder' },
        RESUME: { target: 'bargaining' },
        RESUMPTION_DUE: { target: 'bargaining' },
        WITHDRAW: { target: 'withdrawn' },
      },
    },
    disputed: {
      on: {
        ...recordsLapses,
        ...seatChanges,
        COORDINATE: [
          { guard: 'isCoordinatedBackToTalks', target: 'bargaining' },
          { guard: 'isCoordinatedBackToRequest', target: 'requested' },
          { guard: 'isCoordinatedToEnd', target: 'terminated' },
        ],
        EXTEND: { guard: 'canStillExtend', target: 'disputed', actions: 'recordExtension' },
        WITHDRAW: { target: 'withdrawn' },
      },
    },
    consultation: {
      on: {
        ...recordsLapses,
        ...seatChanges,
        COMMENT: { target: 'consultation' },
        RECORD_VOTE: [
          { guard: and(['hasNoBallotOpen', 'isRatifiedByVote']), target: 'ratified', actions: 'recordVote' },
          { guard: 'hasNoBallotOpen', target: 'bargaining', actions: ['recordVote', 'recordVoteFailure'] },
        ],
        // ballots
        OPEN_BALLOT: { guard: 'hasNoBallotOpen', target: 'consultation', actions: 'recordBallotOpening' },
        CLOSE_BALLOT: [
          { guard: and(['hasBallotOpen', 'hasEveryoneVoted', 'isRatifiedByVote']), target: 'ratified', actions: 'recordVote' },
          { guard: and(['hasBallotOpen', 'hasEveryoneVoted']), target: 'bargaining', actions: ['recordVote', 'recordVoteFailure'] },
        ],
        BALLOT_PERIOD_ENDED: [
          { guard: and(['hasBallotOpen', 'isRatifiedByVote']), target: 'ratified', actions: 'recordVote' },
          { guard: 'hasBallotOpen', target: 'bargaining', actions: ['recordVote', 'recordVoteFailure'] },
        ],
      },
    },
    ratified: {
      entry: 'clearSignatures',
      on: {
        ...recordsLapses,
        ...seatChanges,
        SIGN: [
          { guard: 'completesSignatures', target: 'signed', actions: 'recordSignature' },
          { guard: 'hasNotSigned', target: 'ratified', actions: 'recordSignature', reenter: false },
        ],
      },
    },
    signed: { on: { ...recordsLapses, ...seatChanges, FILE: { target: 'under_review' } } },
    under_review: {
      on: {
        ...recordsLapses,
        ...seatChanges,
        REVIEW: [
          { guard: 'isApproval', target: 'effective', actions: 'recordEntryIntoForce' },
          { guard: 'isObjection', target: 'bargaining', actions: 'recordObjection' },
        ],
        REVIEW_PERIOD_ELAPSED: { target: 'effective', actions: 'recordEntryIntoForce' },
      },
    },
    effective: { on: { ...recordsLapses, ...seatChanges, PUBLISH: { target: 'published', actions: 'recordTerm' } } },
    published: {
      on: {
        ...recordsLapses,
        ...seatChanges,
        REQUEST_RENEWAL: { guard: 'isInRenewalWindow', target: 'published', actions: 'recordRenewalRequest' },
        TERM_ENDED: { target: 'expired' },
      },
    },
    withdrawn: { type: 'final' },
    terminated: { type: 'final' },
    expired: { type: 'final' },
  },
});

export type CollectiveContractState = keyof typeof collectiveContractMachine.config.states;
