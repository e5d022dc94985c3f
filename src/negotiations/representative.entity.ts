import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Side } from './negotiation.types';

/** A seat at the table (集体合同规定 art. 19–24, 31): equal numbers, ≥ 3 per side, one chief. */
@Entity('representatives')
export class Representative {
  @PrimaryColumn({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  side!: Side;

  @Column({ type: 'boolean' })
  chief!: boolean;

  /** An outside expert (art. 23): at most a third of the side's seats, never its chief. */
  @Column({ type: 'boolean', default: false })
  expert!: boolean;

  /** When the seat fell vacant (art. 31); the row stays until someone is seated in it. */
  @Column({ name: 'vacated_at', type: 'varchar', length: 30, nullable: true })
  vacatedAt!: string | null;
}
