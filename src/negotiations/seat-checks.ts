import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Associations } from '../accounts/associations';
import { User } from '../accounts/user.entity';
import { DomainError } from '../common/domain-error';
import { Negotiation } from './negotiation.entity';
import { Side } from './negotiation.types';
import { Representative } from './representative.entity';
import { MIN_SEATS_PER_SIDE, Seats, seatProblems, seatsOf, tableProblems } from './representatives-rules';

const ROLE_OF_SIDE = { union: 'union_negotiator', enterprise: 'enterprise_rep' } as const;
/** Who can never be an outside expert: workers (they are the represented), the bureau (it reviews and coordinates), administrators. */
const NEVER_EXPERTS = new Set(['worker', 'bureau_reviewer', 'admin']);

export interface Parties {
  unionOrgId: string;
  enterpriseOrgId: string;
}

/** Who may sit at the table, checked against the people on record (422 when not). */
@Injectable()
export class SeatChecks {
  constructor(private readonly associations: Associations) {}

  /**
   * The organisations a side's negotiators come from: the union; the enterprise, or an
   * employer association and its member enterprises.
   */
  async organizationsOf(manager: EntityManager, side: Side, parties: Parties): Promise<string[]> {
    if (side === 'union') return [parties.unionOrgId];
    return [parties.enterpriseOrgId, ...(await this.associations.membersOf(manager, parties.enterpriseOrgId))];
  }

  /**
   * One side's seats: the art. 19 count and the art. 23 share, every chief and member a
   * negotiator of that side's organisations, every expert a person from outside both parties.
   */
  async checkSide(manager: EntityManager, side: Side, parties: Parties, seats: Seats): Promise<void> {
    const problems = seatProblems(side, seats);
    const own = await this.organizationsOf(manager, side, parties);
    const other = await this.organizationsOf(manager, side === 'union' ? 'enterprise' : 'union', parties);
    const people = await manager.find(User, { where: { id: In(seatsOf(seats)) } });
    const experts = new Set(seats.experts ?? []);
    for (const id of seatsOf(seats)) {
      const person = people.find((p) => p.id === id);
      if (!person) problems.push(`${side}: no person ${id}`);
      else if (experts.has(id)) problems.push(...expertProblems(side, person, own, other));
      else if (person.role !== ROLE_OF_SIDE[side] || !own.includes(person.organizationId ?? ''))
        problems.push(`${side}: ${person.username} is not a ${ROLE_OF_SIDE[side]} of the ${side} party`);
    }
    if (problems.length) throw new DomainError(422, 'REPRESENTATIVES.INVALID', problems);
  }

  /**
   * The smallest table art. 19 allows for a side: the chief and the first others of its
   * negotiators by username (MIN_SEATS_PER_SIDE in all). Fewer when the side has fewer
   * negotiators, which `checkSide` then refuses, saying so.
   */
  async fewestSeats(manager: EntityManager, side: Side, parties: Parties, chief: string): Promise<Seats> {
    const others = await manager.find(User, {
      where: { role: ROLE_OF_SIDE[side], organizationId: In(await this.organizationsOf(manager, side, parties)), id: Not(chief) },
      order: { username: 'ASC' },
      take: MIN_SEATS_PER_SIDE - 1,
      select: { id: true },
    });
    return { chief, members: others.map((u) => u.id) };
  }

  /** The enterprise's answer to a request: its seats, equal in number to the union's, nobody on both. */
  async checkEnterpriseAnswer(manager: EntityManager, n: Negotiation, seats: Seats): Promise<void> {
    const union = await this.seatsOf(manager, n.id, 'union');
    const problems = tableProblems(union, seats);
    if (problems.length) throw new DomainError(422, 'REPRESENTATIVES.INVALID', problems);
    await this.checkSide(manager, 'enterprise', n, seats);
  }

  /** A person who could take the seat `seat` leaves: of the same kind (negotiator or expert), not at the table already. */
  async checkNewcomer(manager: EntityManager, n: Negotiation, seat: Representative, userId: string): Promise<void> {
    const problems: string[] = [];
    if (await manager.existsBy(Representative, { negotiationId: n.id, userId, vacatedAt: IsNull() }))
      problems.push(`${userId} already holds a seat in this negotiation (art. 24)`);
    if ((n.context as { recorder?: string | null }).recorder === userId)
      problems.push(`${userId} is the recorder both chiefs named: the recorder represents neither side (art. 33)`);
    const person = await manager.findOneBy(User, { id: userId });
    const own = await this.organizationsOf(manager, seat.side, n);
    const other = await this.organizationsOf(manager, seat.side === 'union' ? 'enterprise' : 'union', n);
    if (!person) problems.push(`no person ${userId}`);
    else if (seat.expert) problems.push(...expertProblems(seat.side, person, own, other));
    else if (person.role !== ROLE_OF_SIDE[seat.side] || !own.includes(person.organizationId ?? ''))
      problems.push(`${person.username} is not a ${ROLE_OF_SIDE[seat.side]} of the ${seat.side} party`);
    if (problems.length) throw new DomainError(422, 'REPRESENTATIVES.INVALID', problems);
  }

  /** A side's seats as they stand, vacant ones included (a vacant seat is still a seat of art. 19). */
  async seatsOf(manager: EntityManager, negotiationId: string, side: Side): Promise<Seats> {
    const rows = await manager.find(Representative, { where: { negotiationId, side } });
    return {
      chief: rows.find((r) => r.chief)?.userId ?? '',
      members: rows.filter((r) => !r.chief && !r.expert).map((r) => r.userId),
      experts: rows.filter((r) => r.expert).map((r) => r.userId),
    };
  }

  async seat(manager: EntityManager, negotiationId: string, side: Side, seats: Seats): Promise<void> {
    const experts = new Set(seats.experts ?? []);
    await manager.insert(
      Representative,
      seatsOf(seats).map((userId) => ({ negotiationId, userId, side, chief: userId === seats.chief, expert: experts.has(userId), vacatedAt: null })),
    );
  }
}

/** art. 23: an expert comes from outside the side's organisation — and from neither party. */
function expertProblems(side: Side, person: User, own: string[], other: string[]): string[] {
  if (NEVER_EXPERTS.has(person.role)) return [`${side}: ${person.username} (${person.role}) cannot sit as an expert`];
  if (own.includes(person.organizationId ?? '')) return [`${side}: ${person.username} belongs to the ${side} party: seat them as a member, not as an expert (art. 23)`];
  if (other.includes(person.organizationId ?? '')) return [`${side}: ${person.username} belongs to the other party (art. 24)`];
  return [];
}
