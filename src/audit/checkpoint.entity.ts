import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed checkpoint: the RFC 6962 Merkle root over every negotiation's chain head at one
 * moment. `leaves` keeps the heads it committed to, so inclusion proofs can be given later and
 * `audit:verify --checkpoint` can find what to compare; a saved copy's root and signature
 * prove them.
 */
@Entity('checkpoints')
export class Checkpoint {
  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 30 })
  at!: string;

  /** Hex SHA-256 Merkle root. */
  @Column({ type: 'varchar', length: 64 })
  root!: string;

  /** How many chain heads (leaves) the tree has. */
  @Column({ type: 'int' })
  heads!: number;

  /** The leaves in tree order: [negotiationId, seq, head]. */
  @Column({ type: 'simple-json' })
  leaves!: Array<[string, number, string]>;

  /** Base64 Ed25519 signature over the canonical JSON of { at, heads, root, seq }. */
  @Column({ type: 'varchar', length: 100 })
  signature!: string;

  /** `interval` or `publication`. */
  @Column({ type: 'varchar', length: 16 })
  reason!: string;
}
