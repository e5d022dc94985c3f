import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A worker's or representative's opinion on a draft, and the enterprise's answer to it. */
@Entity('comments')
export class Comment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  @Column({ name: 'author_id', type: 'varchar', length: 36 })
  authorId!: string;

  @Column({ name: 'author_role', type: 'varchar', length: 20 })
  authorRole!: string;

  @Column({ type: 'varchar', length: 4000 })
  text!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ type: 'boolean', nullable: true })
  adopted!: boolean | null;

  @Column({ name: 'answer_reason', type: 'varchar', length: 4000, nullable: true })
  answerReason!: string | null;

  @Column({ name: 'answered_at', type: 'varchar', length: 30, nullable: true })
  answeredAt!: string | null;
}
