import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeadlinesService, DeadlineView } from '../deadlines/deadlines.service';
import { Terms } from '../terms/terms';
import { TermGap, gapBetween, settledPaths } from '../terms/terms-comparison';
import { Negotiation } from './negotiation.entity';
import { NegotiationKind, Scope, Side } from './negotiation.types';
import { Representative } from './representative.entity';
import { Round } from './round.entity';
import { EventType } from './dto/events.dto';
import { Evidence, EvidenceService } from '../ledger/evidence.service';

export interface SeatsView {
  chief: string | null;
  members: string[];
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
  parentId: string | null;
  unionOrganizationId: string;
  enterpriseOrganizationId: string;
  auditHead: string;
  /** What earlier agreements of the same scope left behind (surveys, complaints, commitments); null if none. */
  evidence: Evidence | null;
  createdAt: string;
  updatedAt: string;
}

export function seatsView(rows: Representative[], side: Side): SeatsView {
  const seats = rows.filter((r) => r.side === side);
  return { chief: seats.find((r) => r.chief)?.userId ?? null, members: seats.filter((r) => !r.chief).map((r) => r.userId) };
}

/** The latest accepted round's terms: what the parties agreed (and what is published). */
export function agreedTerms(rounds: Round[]): Terms | null {
  const accepted = [...rounds].reverse().find((r) => r.answerType === 'ACCEPT');
  return accepted?.terms ?? null;
}

@Injectable()
export class NegotiationViews {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly evidence: EvidenceService,
  ) {}

  async build(manager: EntityManager, n: Negotiation, can: EventType[]): Promise<NegotiationView> {
    // one after another: inside a transaction the manager holds a single PostgreSQL connection
    const seats = await manager.find(Representative, { where: { negotiationId: n.id } });
    const rounds = await manager.find(Round, { where: { negotiationId: n.id }, order: { round: 'ASC' } });
    const deadlines = await this.deadlines.running(n.id, manager);
    const latest = (side: Side) => {
      const r = [...rounds].reverse().find((x) => x.proposer === side);
      return r ? { terms: r.terms, round: r.round } : null;
    };
    const latestOffers = { union: latest('union'), enterprise: latest('enterprise') };
    const agreed = n.state === 'bargaining' ? null : agreedTerms(rounds);
    const ctx = n.context as { round?: number; turn?: Side | null; signatures?: Side[]; returnedBecause?: string | null };
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
      gap: agreed ? [] : gapBetween(latestOffers.union?.terms ?? null, latestOffers.enterprise?.terms ?? null),
      settled: settledPaths(latestOffers.union?.terms ?? null, latestOffers.enterprise?.terms ?? null),
      agreedTerms: agreed,
      signatures: ctx.signatures ?? [],
      returnedBecause: ctx.returnedBecause ?? null,
      deadlines,
      parentId: n.parentId,
      unionOrganizationId: n.unionOrgId,
      enterpriseOrganizationId: n.enterpriseOrgId,
      auditHead: n.auditHead,
      evidence: await this.evidence.forNegotiation(manager, n),
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
    };
  }
}
