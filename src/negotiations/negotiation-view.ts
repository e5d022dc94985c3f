import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { selectRow, selectRows } from '../database/rows';
import { DeadlinesService, DeadlineView } from '../deadlines/deadlines.service';
import { Terms } from '../terms/terms';
import { TermGap, compareLatest } from '../terms/terms-comparison';
import { Negotiation } from './negotiation.entity';
import { NegotiationKind, Scope, Side } from './negotiation.types';
import { Representative } from './representative.entity';
import { Round } from './round.entity';
import { EventType } from './dto/events.dto';
import { BallotsService } from '../ballots/ballots.service';
import { RecordedVote } from './collective-contract.machine';
import { Evidence, EvidenceService } from '../ledger/evidence.service';
import { UnitRounds } from './unit-rounds';

export interface SeatsView {
  chief: string | null;
  members: string[];
  /** Outside experts (art. 23). */
  experts: string[];
  /** Seats fallen vacant (art. 31), by who last held them: filled with REPLACE_SEAT. */
  vacant: string[];
}

export interface NegotiationView {
  id: string;
  kind: NegotiationKind;
  title: string;
  scope: Scope;
  state: string;
  version: number;
  round: number | null;
  turn: Side | null;
  can: EventType[];
  representatives: Record<Side, SeatsView>;
  latestOffers: Record<Side, { terms: Terms; round: number } | null>;
  gap: TermGap[];
  /** Paths on which both latest offers agree (tentatively settled). */
  settled: string[];
  /** The terms both sides accepted, once one side accepted the other's offer. */
  agreedTerms: Terms | null;
  signatures: Side[];
  returnedBecause: string | null;
  deadlines: DeadlineView[];
  /** The recorder both chiefs named (art. 33), and a naming the other chief has yet to confirm. */
  recorder: string | null;
  recorderProposal: { by: Side; userId: string } | null;
  /** A suspension one chief proposed, waiting for the other's agreement (art. 35). */
  pendingSuspension: { by: Side; resumeOn: string } | null;
  parentId: string | null;
  /** How many workers the scope covers now (the roll of an all_workers ballot opened now). */
  covered: number;
  /** A workers' ballot is open on the draft. */
  ballotOpen: boolean;
  /** The latest vote on the draft and how it was taken: `ballot` (the workers' own) or `count_sheet` (recorded by hand). */
  vote: RecordedVote | null;
  unionOrganizationId: string;
  enterpriseOrganizationId: string;
  auditHead: string;
  /** What earlier agreements of the same scope left behind (surveys, complaints, commitments); null if none. */
  evidence: Evidence | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Who sits for a side: the chief, members and experts in their seats now; a seat given up
 * (art. 31) is under `vacant`, by who last held it, and its holder nowhere else — they no longer
 * speak for the side (their chief's seat too: `chief` is null until it is filled).
 */
export function seatsView(rows: Representative[], side: Side): SeatsView {
  const seats = rows.filter((r) => r.side === side);
  const seated = seats.filter((r) => r.vacatedAt === null);
  return {
    chief: seated.find((r) => r.chief)?.userId ?? null,
    members: seated.filter((r) => !r.chief && !r.expert).map((r) => r.userId),
    experts: seated.filter((r) => r.expert).map((r) => r.userId),
    vacant: seats.filter((r) => r.vacatedAt !== null).map((r) => r.userId),
  };
}

/**
 * The states in which the draft the signatures are on is the one on the table: from its
 * ratification on. After the bureau's objection the talks reopen on a new draft, and the
 * machine keeps the old signatures until that one is ratified (the chain's record of them).
 */
const SIGNED_DRAFT_STATES = new Set(['ratified', 'signed', 'under_review', 'effective', 'published', 'expired']);

/** The latest accepted round's terms: what the parties agreed (and what is published). */
export function agreedTerms(rounds: Round[]): Terms | null {
  const accepted = [...rounds].reverse().find((r) => r.answerType === 'ACCEPT');
  return accepted?.terms ?? null;
}

@Injectable()
export class NegotiationViews {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly ballots: BallotsService,
    private readonly evidence: EvidenceService,
  ) {}

  /** `rounds`: what the event's unit of work already holds of the rounds (the offer it answered, the one it made). */
  async build(manager: EntityManager, n: Negotiation, can: EventType[], rounds = new UnitRounds(manager, n.id)): Promise<NegotiationView> {
    // one after another: inside a transaction the manager holds a single PostgreSQL connection
    const seats = await selectRows(manager, Representative, 'negotiation_id = ?', [n.id]);
    // the latest round of each side and the latest accepted one, not every round (an OFFER
    // answers with this view: reading them all made each offer slower than the last)
    const latestRound = { union: await rounds.latestOf('union'), enterprise: await rounds.latestOf('enterprise') };
    const deadlines = await this.deadlines.running(n.id, manager);
    const covered = await this.ballots.coveredForView(manager, n.scope);
    const latest = (side: Side) => {
      const r = latestRound[side];
      return r ? { terms: r.terms, round: r.round } : null;
    };
    const latestOffers = { union: latest('union'), enterprise: latest('enterprise') };
    const { gap, settled } = compareLatest(latestOffers.union?.terms ?? null, latestOffers.enterprise?.terms ?? null);
    const agreed = n.state === 'bargaining' ? null : ((await selectRow(manager, Round, 'negotiation_id = ? AND answer_type = ?', [n.id, 'ACCEPT'], { orderBy: 'round DESC' }))?.terms ?? null);
    const ctx = n.context as {
      round?: number;
      turn?: Side | null;
      signatures?: Side[];
      returnedBecause?: string | null;
      recorder?: string | null;
      recorderProposal?: NegotiationView['recorderProposal'];
      pendingSuspension?: NegotiationView['pendingSuspension'];
      ballotOpen?: boolean;
      vote?: RecordedVote | null;
    };
    const open = n.kind === 'collective_contract' && (n.state === 'bargaining' || n.state === 'requested');
    return {
      id: n.id,
      kind: n.kind,
      title: n.title,
      scope: n.scope,
      state: n.state,
      version: n.version,
      round: n.kind === 'collective_contract' ? (ctx.round ?? null) : null,
      turn: open ? (ctx.turn ?? null) : null,
      can,
      representatives: { union: seatsView(seats, 'union'), enterprise: seatsView(seats, 'enterprise') },
      latestOffers,
      gap: agreed ? [] : gap,
      settled,
      agreedTerms: agreed,
      signatures: SIGNED_DRAFT_STATES.has(n.state) ? (ctx.signatures ?? []) : [],
      returnedBecause: ctx.returnedBecause ?? null,
      deadlines,
      recorder: ctx.recorder ?? null,
      recorderProposal: ctx.recorderProposal ?? null,
      pendingSuspension: ctx.pendingSuspension ?? null,
      parentId: n.parentId,
      covered,
      ballotOpen: ctx.ballotOpen ?? false,
      vote: ctx.vote ?? null,
      unionOrganizationId: n.unionOrgId,
      enterpriseOrganizationId: n.enterpriseOrgId,
      auditHead: n.auditHead,
      evidence: await this.evidence.forNegotiation(manager, n),
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
    };
  }
}
