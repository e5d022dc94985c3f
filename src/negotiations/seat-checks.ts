import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { DomainError } from '../common/domain-error';
import { Negotiation } from './negotiation.entity';
import { Side } from './negotiation.types';
import { Representative } from './representative.entity';
import { Seats, seatProblems, seatsOf, tableProblems } from './representatives-rules';
import { seatsView } from './negotiation-view';

const ROLE_OF_SIDE = { union: 'union_negotiator', enterprise: 'enterprise_rep' } as const;

/** Who may sit at the table, checked against the people on record (422 when not). */
@Injectable()
export class SeatChecks {
  /** One side's seats: the art. 19 count, and every seat a negotiator of that side's organisation. */
  async checkSide(manager: EntityManager, side: Side, organizationId: string, seats: Seats): Promise<void> {
    const problems = seatProblems(side, seats);
    const ids = seatsOf(seats);
    const people = await manager.find(User, { where: { id: In(ids) } });
    for (const id of ids) {
      const person = people.find((p) => p.id === id);
      if (!person) problems.push(`${side}: no person ${id}`);
      else if (person.role !== ROLE_OF_SIDE[side] || person.organizationId !== organizationId)
        problems.push(`${side}: ${person.username} is not a ${ROLE_OF_SIDE[side]} of the ${side} party`);
    }
    if (problems.length) throw new DomainError(422, 'REPRESENTATIVES.INVALID', problems);
  }

  /** The enterprise's answer to a request: its seats, equal in number to the union's, nobody on both. */
  async checkEnterpriseAnswer(manager: EntityManager, n: Negotiation, seats: Seats): Promise<void> {
    const union = seatsView(await manager.find(Representative, { where: { negotiationId: n.id, side: 'union' } }), 'union');
    const problems = tableProblems({ chief: union.chief!, members: union.members }, seats);
    if (problems.length) throw new DomainError(422, 'REPRESENTATIVES.INVALID', problems);
    await this.checkSide(manager, 'enterprise', n.enterpriseOrgId, seats);
  }

  async seat(manager: EntityManager, negotiationId: string, side: Side, seats: Seats): Promise<void> {
    await manager.insert(
      Representative,
      seatsOf(seats).map((userId) => ({ negotiationId, userId, side, chief: userId === seats.chief })),
    );
  }
}
