import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Side } from './negotiation.types';

/** A seat at the table (集体合同规定 art. 19–24): equal numbers, ≥ 3 per side, one chief. */
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
}
