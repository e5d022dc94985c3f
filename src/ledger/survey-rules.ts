import { SurveyQuestion } from './survey.entity';

/** A satisfaction scale runs 1 (very dissatisfied) to 5 (very satisfied). */
export const SCALE = { min: 1, max: 5 } as const;
export const MAX_TEXT_ANSWER = 2000;

export type Answer = { questionId: string; scale: number | null; text: string | null };

/** Checks a worker's answers against the questions: every problem named, nothing clamped (400). */
export function readAnswers(questions: SurveyQuestion[], raw: Record<string, unknown>): { answers: Answer[]; problems: string[] } {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const problems: string[] = [];
  const answers: Answer[] = [];
  for (const [id, value] of Object.entries(raw)) {
    const question = byId.get(id);
    if (!question) problems.push(`answers.${id}: no such question`);
    else if (question.kind === 'scale') {
      if (typeof value === 'number' && Number.isInteger(value) && value >= SCALE.min && value <= SCALE.max) answers.push({ questionId: id, scale: value, text: null });
      else problems.push(`answers.${id} must be a whole number from ${SCALE.min} to ${SCALE.max}`);
    } else if (typeof value === 'string' && value.trim() && value.length <= MAX_TEXT_ANSWER) answers.push({ questionId: id, scale: null, text: value.trim() });
    else problems.push(`answers.${id} must be text of 1 to ${MAX_TEXT_ANSWER} characters`);
  }
  if (Object.keys(raw).length === 0) problems.push('answers must answer at least one question');
  return { answers, problems };
}

export type QuestionResult = { id: string; mean: number | null; distribution: Record<string, number> } | { id: string; texts: string[] };

/** A scale question's counts per point → its mean (two decimals) and full distribution. */
export function scaleResult(id: string, counts: Array<{ scale: number; n: number }>): QuestionResult {
  const distribution: Record<string, number> = {};
  for (let point = SCALE.min; point <= SCALE.max; point++) distribution[String(point)] = 0;
  let total = 0;
  let sum = 0;
  for (const { scale, n } of counts) {
    distribution[String(scale)] += n;
    total += n;
    sum += scale * n;
  }
  return { id, mean: total ? Math.round((sum * 100) / total) / 100 : null, distribution };
}
