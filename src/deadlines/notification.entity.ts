import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A message to one person: a deadline coming up (3 days, 1 day) or one that passed. */
@Entity('notifications')
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  /** deadline_warning | deadline_overdue */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'varchar', length: 1000 })
  message!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'read_at', type: 'varchar', length: 30, nullable: true })
  readAt!: string | null;
}
