import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeliveryAttempt } from '../agreements/webhook-delivery.entity';

/** One checkpoint to push to one bureau's webhook, retried as publication webhooks are. */
@Entity('checkpoint_deliveries')
export class CheckpointDelivery {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'checkpoint_seq', type: 'int' })
  checkpointSeq!: number;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'pending' | 'delivered' | 'failed';

  @Column({ name: 'next_attempt_at', type: 'varchar', length: 30 })
  nextAttemptAt!: string;

  @Column({ type: 'simple-json' })
  attempts!: DeliveryAttempt[];

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
