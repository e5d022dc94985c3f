import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuthUser } from '../accounts/auth-user';
import { Organization } from '../accounts/organization.entity';
import { regionContains } from '../agreements/coverage';
import { GENESIS_HASH } from '../audit/audit-chain';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { unprocessable } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { deadlinesOnEntering } from '../deadlines/deadline-plan';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { RulePacks } from '../deadlines/rule-pack';
import { diffTerms } from '../terms/terms-comparison';
import { CreateNegotiationDto } from './dto/create-negotiation.dto';
import { LinkedOpening } from './negotiation-effects';
import { initial } from './negotiation-machines';
import { requesterSide } from './negotiation-permissions';
import { Negotiation } from './negotiation.entity';
import { NegotiationKind, Scope } from './negotiation.types';
import { Round } from './round.entity';
import { SeatChecks } from './seat-checks';

export interface Opening extends LinkedOpening {
  id: string;
  kind: NegotiationKind;
  scope: Scope;
  unionOrgId: string;
  enterpriseOrgId: string;
  parentId: string | null;
}

/**
 * How a negotiation comes to be: who the parties are and what the scope binds (checked), and
 * the first writes — row, seats, the opening proposal as round 1, clocks, the chain's first link.
 */
@Injectable()
export class NegotiationOpening {
  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly seats: SeatChecks,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlinesService,
    private readonly packs: RulePacks,
  ) {}

  /** Writes a new negotiation: row, seats, the opening proposal as round 1, clocks, and the chain's first link. */
  async open(m: EntityManager, user: AuthUser, o: Opening): Promise<Negotiation> {
    const at = this.clock.now();
    const start = initial(o.kind);
    const link = this.audit.link(
      { seq: 0, head: GENESIS_HASH },
      {
        negotiationId: o.id,
        type: 'OPENED',
        actorId: user.id,
        role: user.role,
        at: at.toISOString(),
        payload: {
          kind: o.kind,
          title: o.title,
          scope: o.scope,
          unionOrgId: o.unionOrgId,
          enterpriseOrgId: o.enterpriseOrgId,
          representatives: o.seats,
          proposal: o.proposal,
          parentId: o.parentId,
          ...(o.reason ? { reason: o.reason } : {}),
          to: start.state,
        },
      },
    );
    const row: Negotiation = {
      id: o.id,
      kind: o.kind,
      title: o.title,
      industry: o.scope.industry,
      region: o.scope.region,
      scope: o.scope,
      state: start.state,
      context: start.context,
      version: 1,
      unionOrgId: o.unionOrgId,
      enterpriseOrgId: o.enterpriseOrgId,
      requestedBy: user.id,
      parentId: o.parentId,
      auditSeq: link.seq,
      auditHead: link.hash,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    };
    await m.insert(Negotiation, row as never);
    await this.audit.append(m, link);
    await this.seats.seat(m, o.id, o.seats.side, o.seats);
    await m.insert(Round, {
      negotiationId: o.id,
      round: 1,
      proposer: requesterSide(o.kind),
      terms: o.proposal,
      changes: diffTerms(null, o.proposal),
      note: null,
      proposedBy: user.id,
      proposedAt: at.toISOString(),
      answerType: null,
      answerBy: null,
      answerAt: null,
    });
    const pack = this.packs.forRegion(o.scope.region);
    await this.deadlines.replace(m, o.id, deadlinesOnEntering({ kind: o.kind, state: start.state, at, pack, zone: this.config.TZ_NAME }));
    return row;
  }

  /** The organisations on each side, and the scope as it will bind. */
  async parties(m: EntityManager, user: AuthUser, dto: CreateNegotiationDto) {
    const scope: Scope = { ...dto.scope };
    const organizations = m.getRepository(Organization);
    if (scope.enterpriseIds.length) {
      const found = await organizations.find({ where: { id: In(scope.enterpriseIds), kind: 'enterprise' } });
      const unknown = scope.enterpriseIds.filter((id) => !found.some((o) => o.id === id));
      if (unknown.length) throw unprocessable('SCOPE.UNKNOWN_ENTERPRISE', unknown.map((id) => `scope.enterpriseIds: no enterprise ${id}`));
    }
    if (dto.kind === 'collective_contract') {
      const enterpriseOrgId = dto.counterpartyId ?? (scope.enterpriseIds.length === 1 ? scope.enterpriseIds[0] : undefined);
      if (!enterpriseOrgId)
        throw unprocessable('NEGOTIATION.NO_COUNTERPARTY', 'name the enterprise party: counterpartyId, or exactly one scope.enterpriseIds');
      const enterprise = await organizations.findOne({ where: { id: enterpriseOrgId, kind: 'enterprise' } });
      if (!enterprise) throw unprocessable('NEGOTIATION.NO_COUNTERPARTY', `no enterprise ${enterpriseOrgId}`);
      // the parties must be ones the contract binds (劳动合同法 art. 54)
      const bound = scope.enterpriseIds.length ? scope.enterpriseIds.includes(enterprise.id) : enterprise.industry === scope.industry;
      if (!bound) throw unprocessable('NEGOTIATION.COUNTERPARTY_OUTSIDE_SCOPE', 'the enterprise party must be one the scope binds');
      const union = await organizations.findOneByOrFail({ id: user.organizationId! });
      if (union.industry !== scope.industry || !union.region || !regionContains(union.region, scope.region))
        throw unprocessable('SCOPE.OUTSIDE_UNION', `scope ${scope.industry}/${scope.region} is outside the union's ${union.industry}/${union.region}`);
      return { scope, unionOrgId: union.id, enterpriseOrgId };
    }
    // a platform consults on its own rules: the scope is its own workers
    if (scope.enterpriseIds.some((id) => id !== user.organizationId))
      throw unprocessable('SCOPE.OTHER_ENTERPRISE', 'a rule change covers only the proposing enterprise');
    scope.enterpriseIds = [user.organizationId!];
    const unions = await organizations.find({ where: { kind: 'union', industry: scope.industry } });
    const union = dto.counterpartyId
      ? unions.find((u) => u.id === dto.counterpartyId)
      : unions.find((u) => u.region !== null && regionContains(u.region, scope.region));
    if (!union) throw unprocessable('NEGOTIATION.NO_COUNTERPARTY', `no ${scope.industry} union covers region ${scope.region}`);
    return { scope, unionOrgId: union.id, enterpriseOrgId: user.organizationId! };
  }
}
