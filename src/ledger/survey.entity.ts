import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface SurveyQuestion {
  id: string;
  kind: 'scale' | 'text';
  text: string;
}

/** A satisfaction survey (满意度调查) the union opens among an agreement's covered workers. */
@Entity('surveys')
export class Survey {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'agreement_id', type: 'varchar', length: 36 })
  agreementId!: string;

  @Column({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'simple-json' })
  questions!: SurveyQuestion[];

  /** The last day answers are taken. */
  @Column({ name: 'closes_on', type: 'varchar', length: 10 })
  closesOn!: string;

  @Column({ name: 'opened_by', type: 'varchar', length: 36 })
  openedBy!: string;

  @Column({ name: 'opened_at', type: 'varchar', length: 30 })
  openedAt!: string;
}

/** That a worker answered (once), without what they answered. */
@Entity('survey_participants')
export class SurveyParticipant {
  @PrimaryColumn({ name: 'survey_id', type: 'varchar', length: 36 })
  surveyId!: string;

  @PrimaryColumn({ name: 'worker_user_id', type: 'varchar', length: 36 })
  workerUserId!: string;
}

/** One answer to one question, with a random id and no link to who gave it. */
@Entity('survey_answers')
export class SurveyAnswer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'survey_id', type: 'varchar', length: 36 })
  surveyId!: string;

  @Column({ name: 'question_id', type: 'varchar', length: 64 })
  questionId!: string;

  @Column({ type: 'int', nullable: true })
  scale!: number | null;

  @Column({ type: 'text', nullable: true })
  text!: string | null;
}
