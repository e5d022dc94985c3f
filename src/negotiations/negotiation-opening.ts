import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuthUser } from '../accounts/auth-user';
import { Associations } from '../accounts/associations';
import { Organization } from '../accounts/organization.entity';
import { GENESIS_HASH } from '../audit/audit-chain';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { unprocessable } from '../common/domain-error';
import { regionContains } from '../common/regions';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { MinimumWageTable } from '../terms/minimum-wage';
import { Terms } from '../terms/terms';
import { diffTerms } from '../terms/terms-comparison';
import { checkTerms } from '../terms/terms-rules';
import { CreateNegotiationDto } from './dto/create-negotiation.dto';
import { initial } from './negotiation-machines';
import { requesterSide } from './negotiation-permissions';
import { Negotiation } from './negotiation.entity';
import { NegotiationKind, Scope, Side } from './negotiation.types';
import { Round } from './round.entity';
import { SeatChecks } from './seat-checks';
import { Seats } from './representatives-rules';

/** What a linked negotiation brings of its own; the rest comes from the one it is opened from. */
export interface LinkedOpening {
  title: string;
  proposal: Terms;
  seats: Seats & { side: Side };
  reason: string;
}

/** Everything a new negotiation is opened with. */
export interface Opening extends LinkedOpening {
  id: string;
  kind: NegotiationKind;
  scope: Scope;
  unionOrgId: string;
  enterpriseOrgId: string;
  parentId: string | null;
  /** A rule change: the union's chief for this consultation (its organisation's chief, seated at opening). */
  unionChief?: string;
}

/**
 * How a negotiation comes to be, the one way for all three entry points — `POST
 * /api/negotiations`, REQUEST_BARGAINING (from a rule change) and REQUEST_RENEWAL (from a
 * published contract): build an Opening (requested(), linked()), check() what is new in it,
 * then open() it — row, seats, the opening proposal as round 1, clocks, the chain's first link.
 */
@Injectable()
export class NegotiationOpening {
  constructor(
    private readonly clock: Clock,
    private readonly seats: SeatChecks,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlinesService,
    private readonly wages: MinimumWageTable,
    private readonly associations: Associations,
  ) {}

  /** A negotiation asked for directly: its parties found and the scope checked, then check(). */
  async requested(m: EntityManager, user: AuthUser, dto: CreateNegotiationDto): Promise<Opening> {
    const parties = await this.parties(m, user, dto);
    const opening: Opening = {
      id: randomUUID(),
      kind: dto.kind,
      title: dto.title,
      ...parties,
      parentId: null,
      proposal: dto.proposal,
      seats: { side: requesterSide(dto.kind), ...dto.representatives },
      reason: '',
    };
    await this.check(m, opening);
    return opening;
  }

  /** A collective negotiation opened from another: the same parties and scope. */
  linked(parent: Negotiation, own: LinkedOpening): Opening {
    return {
      ...own,
      id: randomUUID(),
      kind: 'collective_contract',
      scope: parent.scope,
      unionOrgId: parent.unionOrgId,
      enterpriseOrgId: parent.enterpriseOrgId,
      parentId: parent.id,
    };
  }

  /** The opening proposal (terms rules, 422) and the opening side's seats (art. 19, 422). */
  async check(m: EntityManager, o: Opening): Promise<void> {
    checkTerms(o.proposal, o.kind, o.scope.region, this.wages);
    await this.seats.checkSide(m, o.seats.side, o, o.seats);
  }

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
          ...(o.unionChief ? { unionChief: o.unionChief } : {}),
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
    if (o.unionChief) await this.seats.seat(m, o.id, 'union', { chief: o.unionChief, members: [] });
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
    await this.deadlines.enter(m, row, start.state, at);
    return row;
  }

  /** The organisations on each side, and the scope as it will bind. */
  private async parties(m: EntityManager, user: AuthUser, dto: CreateNegotiationDto) {
    const scope: Scope = { ...dto.scope };
    const organizations = m.getRepository(Organization);
    // with a counterparty named, any other id is simply not at the table (below), whatever it names
    if (scope.enterpriseIds.length && !(dto.kind === 'collective_contract' && dto.counterpartyId)) {
      const found = await organizations.find({ where: { id: In(scope.enterpriseIds), kind: 'enterprise' } });
      const unknown = scope.enterpriseIds.filter((id) => !found.some((o) => o.id === id));
      if (unknown.length) throw unprocessable('SCOPE.UNKNOWN_ENTERPRISE', unknown.map((id) => `scope.enterpriseIds: no enterprise ${id}`));
    }
    if (dto.kind === 'collective_contract') {
      const enterpriseOrgId = dto.counterpartyId ?? (scope.enterpriseIds.length === 1 ? scope.enterpriseIds[0] : undefined);
      if (!enterpriseOrgId)
        throw unprocessable('NEGOTIATION.NO_COUNTERPARTY', 'name the enterprise party: counterpartyId, or exactly one scope.enterpriseIds');
      const counterparty = await organizations.findOne({ where: { id: enterpriseOrgId, kind: In(['enterprise', 'employer_association']) } });
      if (!counterparty) throw unprocessable('NEGOTIATION.NO_COUNTERPARTY', `no enterprise or employer association ${enterpriseOrgId}`);
      if (counterparty.industry !== scope.industry)
        throw unprocessable('NEGOTIATION.COUNTERPARTY_OUTSIDE_SCOPE', `the enterprise party is of ${counterparty.industry}, the scope of ${scope.industry}`);
      // 劳动合同法 art. 53–54: an association's contract binds its members; nobody binds an enterprise that is not at the table
      const atTable = counterparty.kind === 'employer_association' ? await this.associations.membersOf(m, counterparty.id) : [counterparty.id];
      const outside = scope.enterpriseIds.filter((id) => !atTable.includes(id));
      if (outside.length)
        throw unprocessable(
          'SCOPE.ENTERPRISE_NOT_AT_TABLE',
          outside.map((id) => `scope.enterpriseIds: ${id} is neither the enterprise party nor one of its members`),
        );
      if (!scope.enterpriseIds.length) scope.enterpriseIds = atTable;
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
    if (!union)
      throw unprocessable(
        'NEGOTIATION.NO_COUNTERPARTY',
        dto.counterpartyId ? `counterpartyId ${dto.counterpartyId} is not a ${scope.industry} union` : `no ${scope.industry} union covers region ${scope.region}`,
      );
    // one named person acts for the union in the consultation: its chief, fixed for this rule change
    if (!union.chiefUserId)
      throw unprocessable('NEGOTIATION.UNION_WITHOUT_CHIEF', `${union.name} has not named its chief (PUT /api/organizations/${union.id}/chief)`);
    return { scope, unionOrgId: union.id, enterpriseOrgId: user.organizationId!, unionChief: union.chiefUserId };
  }
}
