import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One principal's Idempotency-Key: what the request was (a fingerprint of its method, path and
 * body) and, once it has been acted upon, the first answer. `status` is null while the first
 * request is still running.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  /** SHA-256 (hex) of the method, the URL and the body (RFC 8785 canonical JSON, or the raw text). */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @Column({ type: 'int', nullable: true })
  status!: number | null;

  /** The first answer's body exactly as it was sent. */
  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
