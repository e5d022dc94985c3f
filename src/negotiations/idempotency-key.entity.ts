import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to an event sent with `Idempotency-Key`; a repeat returns it unchanged. */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  /** The JSON body of the first answer. */
  @Column({ type: 'text' })
  response!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
