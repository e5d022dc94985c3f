import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Side } from '../negotiations/negotiation.types';

/**
 * A commitment of a published agreement (落实台账): one per clause that carries one, owed by
 * one side by a date. Progress and the other side's verification are kept here; each report
 * is a CommitmentReport, and every change is also on the negotiation's audit chain.
 */
@Entity('commitments')
export class Commitment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'agreement_id', type: 'varchar', length: 36 })
  agreementId!: string;

  @Column({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  @Column({ name: 'clause_index', type: 'int' })
  clauseIndex!: number;

  @Column({ type: 'varchar', length: 16 })
  responsible!: Side;

  @Column({ name: 'responsible_org_id', type: 'varchar', length: 36 })
  responsibleOrgId!: string;

  /** Copied from the agreement: the board filters on them. */
  @Column({ type: 'varchar', length: 6 })
  region!: string;

  @Column({ type: 'varchar', length: 64 })
  industry!: string;

  @Column({ name: 'due_on', type: 'varchar', length: 10 })
  dueOn!: string;

  /** The end of dueOn in the deployment's zone. */
  @Column({ name: 'due_at', type: 'varchar', length: 30 })
  dueAt!: string;

  /** The latest report's progress, 0–100. */
  @Column({ type: 'int' })
  progress!: number;

  /** The other side's verdict on the latest report; a new report clears it. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  verdict!: 'confirmed' | 'disputed' | null;

  @Column({ name: 'verification_note', type: 'text', nullable: true })
  verificationNote!: string | null;

  @Column({ name: 'verified_by', type: 'varchar', length: 36, nullable: true })
  verifiedBy!: string | null;

  @Column({ name: 'verified_at', type: 'varchar', length: 30, nullable: true })
  verifiedAt!: string | null;

  /** When it became done (100 % and confirmed); never changes after. */
  @Column({ name: 'done_at', type: 'varchar', length: 30, nullable: true })
  doneAt!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}

@Entity('commitment_reports')
export class CommitmentReport {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'commitment_id', type: 'varchar', length: 36 })
  commitmentId!: string;

  @Column({ name: 'reported_by', type: 'varchar', length: 36 })
  reportedBy!: string;

  @Column({ type: 'int' })
  progress!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'reported_at', type: 'varchar', length: 30 })
  reportedAt!: string;
}
