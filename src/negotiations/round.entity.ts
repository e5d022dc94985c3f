import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Side } from './negotiation.types';
import { Terms } from '../terms/terms';
import { TermChange } from '../terms/terms-comparison';

/** One offer and the answer to it: a line of the 协商记录 (minutes). */
@Entity('rounds')
export class Round {
  @PrimaryColumn({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  @PrimaryColumn({ type: 'int' })
  round!: number;

  @Column({ type: 'varchar', length: 16 })
  proposer!: Side;

  @Column({ type: 'simple-json' })
  terms!: Terms;

  /** Against the previous offer on the table (the other side's, in alternating play). */
  @Column({ type: 'simple-json' })
  changes!: TermChange[];

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Column({ name: 'proposed_by', type: 'varchar', length: 36 })
  proposedBy!: string;

  @Column({ name: 'proposed_at', type: 'varchar', length: 30 })
  proposedAt!: string;

  @Column({ name: 'answer_type', type: 'varchar', length: 32, nullable: true })
  answerType!: string | null;

  @Column({ name: 'answer_by', type: 'varchar', length: 36, nullable: true })
  answerBy!: string | null;

  @Column({ name: 'answer_at', type: 'varchar', length: 30, nullable: true })
  answerAt!: string | null;
}
