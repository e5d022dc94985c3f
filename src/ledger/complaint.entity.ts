import { Column, Entity, PrimaryColumn } from 'typeorm';

/** open → answered → accepted, or → escalated (to the union) → referred (to the bureau). */
export type ComplaintStatus = 'open' | 'answered' | 'accepted' | 'escalated' | 'referred';

/**
 * A covered worker's complaint (申诉) against a published agreement. The worker's account is
 * kept to show them their own and to check coverage; it leaves this module only where the
 * worker chose to share it.
 */
@Entity('complaints')
export class Complaint {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'agreement_id', type: 'varchar', length: 36 })
  agreementId!: string;

  @Column({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  @Column({ name: 'worker_user_id', type: 'varchar', length: 36 })
  workerUserId!: string;

  @Column({ name: 'share_identity', type: 'boolean' })
  shareIdentity!: boolean;

  @Column({ name: 'clause_index', type: 'int', nullable: true })
  clauseIndex!: number | null;

  @Column({ name: 'order_id', type: 'varchar', length: 64, nullable: true })
  orderId!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ComplaintStatus;

  @Column({ name: 'filed_at', type: 'varchar', length: 30 })
  filedAt!: string;

  @Column({ name: 'answer_due_at', type: 'varchar', length: 30 })
  answerDueAt!: string;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column({ name: 'answered_at', type: 'varchar', length: 30, nullable: true })
  answeredAt!: string | null;

  @Column({ name: 'escalation_reason', type: 'text', nullable: true })
  escalationReason!: string | null;

  @Column({ name: 'closed_at', type: 'varchar', length: 30, nullable: true })
  closedAt!: string | null;

  @Column({ name: 'referred_at', type: 'varchar', length: 30, nullable: true })
  referredAt!: string | null;
}
