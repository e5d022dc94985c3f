import { Column, Entity, PrimaryColumn } from 'typeorm';
import { NegotiationKind, Scope } from './negotiation.types';

/**
 * One negotiation: its persisted machine snapshot (state + context) and the version that
 * guards every write (`UPDATE … WHERE id = ? AND version = ?`, written by hand: typeorm#2848).
 */
@Entity('negotiations')
export class Negotiation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: NegotiationKind;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 64 })
  industry!: string;

  @Column({ type: 'varchar', length: 6 })
  region!: string;

  @Column({ type: 'simple-json' })
  scope!: Scope;

  @Column({ type: 'varchar', length: 32 })
  state!: string;

  /** The machine's context, restored with machine.resolveState({ value: state, context }). */
  @Column({ type: 'simple-json' })
  context!: Record<string, unknown>;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'union_org_id', type: 'varchar', length: 36 })
  unionOrgId!: string;

  @Column({ name: 'enterprise_org_id', type: 'varchar', length: 36 })
  enterpriseOrgId!: string;

  @Column({ name: 'requested_by', type: 'varchar', length: 36 })
  requestedBy!: string;

  /** The rule change or expiring contract this negotiation was opened from. */
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @Column({ name: 'audit_seq', type: 'int' })
  auditSeq!: number;

  @Column({ name: 'audit_head', type: 'varchar', length: 64 })
  auditHead!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
