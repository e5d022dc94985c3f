import { randomInt, randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** As in src/ledger/survey-box.ts, when this migration was written. */
const TEXTS_PER_CHUNK = 100;
const POINTS = [1, 2, 3, 4, 5];

/**
 * Surveys keep their answers as the ballot box keeps votes (src/ledger/survey.entity.ts):
 * counters per scale question, free texts in chunks at random places, participants WITHOUT
 * ROWID on SQLite. A row per answer lined up with its author: by rowid (SQLite) or by the
 * xmin of the transaction that wrote both (PostgreSQL). The answers already given move into
 * the box, their texts shuffled, and the rows that held them one each are dropped.
 */
export class SurveyBox1766500000000 implements MigrationInterface {
  name = 'SurveyBox1766500000000';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.options.type === 'better-sqlite3';
    const p = (n: number) => (sqlite ? '?' : `$${n}`);
    await q.query('ALTER TABLE surveys ADD COLUMN texts_kept integer NOT NULL DEFAULT 0');
    await q.query(
      `CREATE TABLE survey_scale_counts (survey_id varchar(36) NOT NULL, question_id varchar(64) NOT NULL, ${POINTS.map((n) => `n${n} integer NOT NULL`).join(', ')}, PRIMARY KEY (survey_id, question_id))`,
    );
    await q.query(`CREATE TABLE survey_text_chunks (survey_id varchar(36) NOT NULL, chunk integer NOT NULL, texts text NOT NULL, PRIMARY KEY (survey_id, chunk))${sqlite ? ' WITHOUT ROWID' : ''}`);

    for (const { id, questions } of (await q.query('SELECT id, questions FROM surveys')) as Array<{ id: string; questions: string }>) {
      for (const question of (JSON.parse(questions) as Array<{ id: string; kind: string }>).filter((x) => x.kind === 'scale')) {
        const rows = (await q.query(`SELECT scale, COUNT(*) AS n FROM survey_answers WHERE survey_id = ${p(1)} AND question_id = ${p(2)} AND scale IS NOT NULL GROUP BY scale`, [id, question.id])) as Array<{ scale: number; n: number | string }>;
        const counts = POINTS.map((point) => Number(rows.find((r) => Number(r.scale) === point)?.n ?? 0));
        await q.query(`INSERT INTO survey_scale_counts VALUES (${[1, 2, 3, 4, 5, 6, 7].map(p).join(', ')})`, [id, question.id, ...counts]);
      }
      const texts = (await q.query(`SELECT question_id, text FROM survey_answers WHERE survey_id = ${p(1)} AND text IS NOT NULL`, [id])) as Array<{ question_id: string; text: string }>;
      const shuffled = texts.map((t) => ({ questionId: t.question_id, text: t.text }));
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = randomInt(i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      for (let chunk = 0; chunk * TEXTS_PER_CHUNK < shuffled.length; chunk++)
        await q.query(`INSERT INTO survey_text_chunks VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [id, chunk, JSON.stringify(shuffled.slice(chunk * TEXTS_PER_CHUNK, (chunk + 1) * TEXTS_PER_CHUNK))]);
      await q.query(`UPDATE surveys SET texts_kept = ${p(1)} WHERE id = ${p(2)}`, [shuffled.length, id]);
    }
    await q.query('DROP TABLE survey_answers');

    if (sqlite) {
      await q.query('CREATE TABLE survey_participants_box (survey_id varchar(36) NOT NULL, worker_user_id varchar(36) NOT NULL, PRIMARY KEY (survey_id, worker_user_id)) WITHOUT ROWID');
      await q.query('INSERT INTO survey_participants_box SELECT survey_id, worker_user_id FROM survey_participants');
      await q.query('DROP TABLE survey_participants');
      await q.query('ALTER TABLE survey_participants_box RENAME TO survey_participants');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.options.type === 'better-sqlite3';
    const p = (n: number) => (sqlite ? '?' : `$${n}`);
    await q.query('CREATE TABLE survey_answers (id varchar(36) NOT NULL PRIMARY KEY, survey_id varchar(36) NOT NULL, question_id varchar(64) NOT NULL, scale integer, text text)');
    await q.query('CREATE INDEX survey_answers_question ON survey_answers (survey_id, question_id)');
    const insert = `INSERT INTO survey_answers VALUES (${[1, 2, 3, 4, 5].map(p).join(', ')})`;
    for (const row of (await q.query('SELECT * FROM survey_scale_counts')) as Array<Record<string, string | number>>)
      for (const point of POINTS) for (let i = 0; i < Number(row[`n${point}`]); i++) await q.query(insert, [randomUUID(), row.survey_id, row.question_id, point, null]);
    for (const row of (await q.query('SELECT * FROM survey_text_chunks')) as Array<{ survey_id: string; texts: string }>)
      for (const t of JSON.parse(row.texts) as Array<{ questionId: string; text: string }>) await q.query(insert, [randomUUID(), row.survey_id, t.questionId, null, t.text]);
    await q.query('DROP TABLE survey_text_chunks');
    await q.query('DROP TABLE survey_scale_counts');
    await q.query('ALTER TABLE surveys DROP COLUMN texts_kept');
  }
}
