import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OrganizationKind = 'union' | 'enterprise' | 'employer_association' | 'bureau';
export const ORGANIZATION_KINDS: OrganizationKind[] = ['union', 'enterprise', 'employer_association', 'bureau'];

/**
 * An industry union (行业工会; a federation, 总工会, is one too), a platform enterprise, an
 * employer association (行业协会 / 企业代表组织) of enterprises, or a labour bureau (人社局).
 */
@Entity('organizations')
export class Organization {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: OrganizationKind;

  @Column({ type: 'varchar', length: 64, nullable: true })
  industry!: string | null;

  @Column({ type: 'varchar', length: 6, nullable: true })
  region!: string | null;

  /** Where publications covering this enterprise's workers are pushed (signed with the secret). */
  @Column({ name: 'webhook_url', type: 'varchar', length: 500, nullable: true })
  webhookUrl!: string | null;

  @Column({ name: 'webhook_secret', type: 'varchar', length: 200, nullable: true })
  webhookSecret!: string | null;

  /**
   * A union's chief (its chair, 工会主席): the one person who acts for the union in a rule
   * change's consultation. Named by an administrator (PUT /api/organizations/:id/chief).
   */
  @Column({ name: 'chief_user_id', type: 'varchar', length: 36, nullable: true })
  chiefUserId!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
