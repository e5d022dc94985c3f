import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrganizationMember } from './organization-member.entity';

/** What other modules may ask of employer associations: who their members are. */
@Injectable()
export class Associations {
  async membersOf(manager: EntityManager, associationId: string): Promise<string[]> {
    const rows = await manager.find(OrganizationMember, { where: { associationId }, order: { enterpriseId: 'ASC' } });
    return rows.map((r) => r.enterpriseId);
  }
}
