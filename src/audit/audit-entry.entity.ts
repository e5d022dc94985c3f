import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One link of a negotiation's hash chain (DESIGN §2). Never updated, never deleted. */
@Entity('audit_entries')
export class AuditEntry {
  @PrimaryColumn({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 40 })
  type!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 36 })
  actorId!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: string;

  @Column({ type: 'varchar', length: 30 })
  at!: string;

  /** RFC 8785 canonical JSON of the event's payload, exactly as hashed. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
