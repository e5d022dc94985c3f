import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
}

/**
 * One publication to push to one enterprise's webhook. Written in the publication's
 * transaction, so none is lost; sent and retried with back-off by the dispatcher, every
 * attempt recorded. A failing webhook never touches the publication itself.
 */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'agreement_id', type: 'varchar', length: 36 })
  agreementId!: string;

  @Column({ name: 'enterprise_id', type: 'varchar', length: 36 })
  enterpriseId!: string;

  /** pending → delivered | failed (gave up after the last attempt). */
  @Column({ type: 'varchar', length: 16 })
  status!: 'pending' | 'delivered' | 'failed';

  @Column({ name: 'next_attempt_at', type: 'varchar', length: 30 })
  nextAttemptAt!: string;

  @Column({ type: 'simple-json' })
  attempts!: DeliveryAttempt[];

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
