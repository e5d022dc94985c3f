import { Entity, PrimaryColumn } from 'typeorm';

/**
 * An enterprise that belongs to an employer association (行业协会 / 企业代表组织): what the
 * association signs binds its members (劳动合同法 art. 53–54).
 */
@Entity('organization_members')
export class OrganizationMember {
  @PrimaryColumn({ name: 'association_id', type: 'varchar', length: 36 })
  associationId!: string;

  @PrimaryColumn({ name: 'enterprise_id', type: 'varchar', length: 36 })
  enterpriseId!: string;
}
