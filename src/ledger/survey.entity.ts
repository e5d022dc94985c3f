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

  /** How many free texts its box holds: which chunk the next goes to (survey_text_chunks). */
  @Column({ name: 'texts_kept', type: 'int', default: 0 })
  textsKept!: number;
}

/*
 * The survey box. Who answered and what was answered are stored apart so that nothing joins
 * them, as in the ballot box (ballots/ballot-box.entity.ts):
 *  - survey_participants says who has answered: (survey, worker), no time, no other column;
 *  - survey_scale_counts holds, per scale question, a counter for each point, updated in
 *    place: no row per answer, so no key, time or order to match against a participant;
 *  - survey_text_chunks holds the free texts, up to TEXTS_PER_CHUNK to a row, each put at a
 *    random place in its row. A row per text would carry, on PostgreSQL, the xmin of the
 *    transaction that wrote it — the transaction that wrote its author's participant row.
 *    A chunk's xmin names only the last worker to write into it, as one of up to a hundred.
 * On SQLite the per-worker and per-chunk tables are WITHOUT ROWID: rows sit in key order,
 * not in the order they were written.
 */

/** That a worker answered (once), without what they answered. */
@Entity('survey_participants', { withoutRowid: true })
export class SurveyParticipant {
  @PrimaryColumn({ name: 'survey_id', type: 'varchar', length: 36 })
  surveyId!: string;

  @PrimaryColumn({ name: 'worker_user_id', type: 'varchar', length: 36 })
  workerUserId!: string;
}

/** How many answers gave each point of one scale question (SCALE: 1 to 5). */
@Entity('survey_scale_counts')
export class SurveyScaleCount {
  @PrimaryColumn({ name: 'survey_id', type: 'varchar', length: 36 })
  surveyId!: string;

  @PrimaryColumn({ name: 'question_id', type: 'varchar', length: 64 })
  questionId!: string;

  @Column({ type: 'int' }) n1!: number;
  @Column({ type: 'int' }) n2!: number;
  @Column({ type: 'int' }) n3!: number;
  @Column({ type: 'int' }) n4!: number;
  @Column({ type: 'int' }) n5!: number;
}

/** Free texts of a survey's text questions, in no order. */
@Entity('survey_text_chunks', { withoutRowid: true })
export class SurveyTextChunk {
  @PrimaryColumn({ name: 'survey_id', type: 'varchar', length: 36 })
  surveyId!: string;

  @PrimaryColumn({ type: 'int' })
  chunk!: number;

  @Column({ type: 'simple-json' })
  texts!: Array<{ questionId: string; text: string }>;
}
