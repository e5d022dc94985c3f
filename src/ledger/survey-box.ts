import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { rawRows, selectRow, updateRows } from '../database/rows';
import { Answer, SCALE } from './survey-rules';
import { Survey, SurveyScaleCount, SurveyTextChunk } from './survey.entity';

/**
 * A chunk of free texts holds up to this many: the last worker to write into a chunk is, on
 * PostgreSQL (the row's xmin), one of this many authors. Larger chunks hide better and cost
 * more to rewrite (a hundred texts of at most 2 000 characters: 200 kB at worst).
 */
export const TEXTS_PER_CHUNK = 100;

/** The counter column of each point of the scale. */
const POINT_COLUMNS: Record<number, 'n1' | 'n2' | 'n3' | 'n4' | 'n5'> = { 1: 'n1', 2: 'n2', 3: 'n3', 4: 'n4', 5: 'n5' };
if (SCALE.min !== 1 || SCALE.max !== 5) throw new Error('survey_scale_counts has a column for each point from 1 to 5');

/** The box of a new survey: a zeroed counter row for each scale question. */
export async function openBox(m: EntityManager, survey: Pick<Survey, 'id' | 'questions'>): Promise<void> {
  const scales = survey.questions.filter((q) => q.kind === 'scale');
  const zero = Object.fromEntries(Object.values(POINT_COLUMNS).map((column) => [column, 0])) as Record<(typeof POINT_COLUMNS)[number], number>;
  if (scales.length) await m.insert(SurveyScaleCount, scales.map((q) => ({ surveyId: survey.id, questionId: q.id, ...zero })));
}

/**
 * Puts one worker's answers in the box: each scale answer adds one to its point's counter; the
 * texts go, each at a random place, into the survey's current chunk. Counting the texts on the
 * survey's row comes first: on PostgreSQL it takes that row's lock, so workers answering at
 * once go one after another — nobody rewrites a chunk over another, and no two lock counters
 * in opposite orders (SQLite's units run one at a time anyway).
 */
export async function putInBox(m: EntityManager, survey: Pick<Survey, 'id'>, answers: Answer[]): Promise<void> {
  const texts = answers.filter((a) => a.text !== null).map((a) => ({ questionId: a.questionId, text: a.text! }));
  await rawRows(m, 'UPDATE surveys SET texts_kept = texts_kept + ? WHERE id = ?', [texts.length, survey.id]);
  for (const a of answers) {
    if (a.scale === null) continue;
    const column = POINT_COLUMNS[a.scale];
    await rawRows(m, `UPDATE survey_scale_counts SET ${column} = ${column} + 1 WHERE survey_id = ? AND question_id = ?`, [survey.id, a.questionId]);
  }
  if (!texts.length) return;
  const { textsKept } = (await selectRow(m, Survey, 'id = ?', [survey.id], { properties: ['textsKept'] }))!;
  const chunk = Math.floor((textsKept - texts.length) / TEXTS_PER_CHUNK);
  const row = await selectRow(m, SurveyTextChunk, 'survey_id = ? AND chunk = ?', [survey.id, chunk]);
  const kept = row?.texts ?? [];
  for (const text of texts) kept.splice(randomInt(kept.length + 1), 0, text);
  if (row) await updateRows(m, SurveyTextChunk, { texts: kept }, 'survey_id = ? AND chunk = ?', [survey.id, chunk]);
  else await m.insert(SurveyTextChunk, { surveyId: survey.id, chunk, texts: kept });
}

/** What the box holds: each scale question's counts per point, each text question's texts (sorted: their order says nothing). */
export async function readBox(m: EntityManager, surveyId: string): Promise<{ counts: Map<string, Array<{ scale: number; n: number }>>; texts: Map<string, string[]> }> {
  const counts = new Map<string, Array<{ scale: number; n: number }>>();
  for (const row of await m.find(SurveyScaleCount, { where: { surveyId } }))
    counts.set(row.questionId, Object.entries(POINT_COLUMNS).map(([point, column]) => ({ scale: Number(point), n: row[column] })));
  const texts = new Map<string, string[]>();
  for (const chunk of await m.find(SurveyTextChunk, { where: { surveyId } }))
    for (const { questionId, text } of chunk.texts) {
      const list = texts.get(questionId);
      if (list) list.push(text);
      else texts.set(questionId, [text]);
    }
  for (const list of texts.values()) list.sort();
  return { counts, texts };
}
