import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CalendarBasis } from './calendar';
import { DeadlineKind } from './rule-pack';

/**
 * A statutory clock as a row (DESIGN §4): written in the transaction of the event that starts
 * it, cleared by the event that stops it, fired at most once by the sweeper.
 */
@Entity('deadlines')
export class Deadline {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: DeadlineKind;

  /** The one commitment or complaint this clock belongs to; null for the negotiation's own clocks. */
  @Column({ name: 'subject_id', type: 'varchar', length: 36, nullable: true })
  subjectId!: string | null;

  @Column({ name: 'due_at', type: 'varchar', length: 30 })
  dueAt!: string;

  @Column({ name: 'fired_at', type: 'varchar', length: 30, nullable: true })
  firedAt!: string | null;

  @Column({ name: 'cleared_at', type: 'varchar', length: 30, nullable: true })
  clearedAt!: string | null;

  /** Which advance warnings (days before) have gone out, e.g. [3, 1]. */
  @Column({ name: 'warnings_sent', type: 'simple-json' })
  warningsSent!: number[];

  /** `weekends_only` when the holiday calendar did not know the year its period ended in (calendar.ts). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  calendar!: CalendarBasis | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
