import { CLAUSE_TOPICS, Terms } from '../terms/terms';
import { basisPointsToPercentNumber, fenToYuanNumber, minutesToHoursNumber } from './format';
import { Lang, label, translator } from './i18n';
import { field } from './web-params';

/**
 * The offer form: terms shown in the units people bargain in (元, %, hours) and read back into
 * the API's units (fen, basis points, minutes). The form only converts; whether the terms are
 * allowed (ranges, minimum wage) is the service's to say, with the same messages as the API.
 */
export class FormError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('; '));
  }
}

/** 元 and percentages: a basis point is a hundredth of a percent, a fen a hundredth of a 元. */
const TWO_DECIMALS = /^\d+(\.\d{1,2})?$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const WHOLE = /^\d+$/;
/** Form rows for piece rates and clauses: the existing ones plus one blank row to add. */
export const MAX_ROWS = 20;

export function termsFormModel(terms: Terms | null, lang: Lang) {
  const rates = (terms?.pieceRates ?? []).map((r, index) => ({
    index,
    task: r.task,
    taskLabel: label('task', r.task, lang),
    base: fenToYuanNumber(r.baseFen),
    perKm: r.perKmFen === undefined ? '' : fenToYuanNumber(r.perKmFen),
    km: r.kmIncluded ?? '',
    night: r.nightSurchargeFen === undefined ? '' : fenToYuanNumber(r.nightSurchargeFen),
    weather: r.badWeatherSurchargeFen === undefined ? '' : fenToYuanNumber(r.badWeatherSurchargeFen),
  }));
  const rest = terms?.restSchedule ?? {};
  return {
    rates,
    newRate: rates.length,
    commission: terms?.commission ? basisPointsToPercentNumber(terms.commission.maxBasisPoints) : '',
    rest: {
      continuous: rest.maxContinuousMinutes === undefined ? '' : minutesToHoursNumber(rest.maxContinuousMinutes),
      break: rest.minBreakMinutes ?? '',
      daily: rest.maxDailyMinutes === undefined ? '' : minutesToHoursNumber(rest.maxDailyMinutes),
      days: rest.restDaysPerMonth ?? '',
      holiday: rest.holidayPayPercent ?? '',
    },
    quota: terms?.laborQuota?.standardTasksPerHour ?? '',
    termMonths: terms?.termMonths ?? '',
    clauses: (terms?.clauses ?? []).map((c, index) => ({ index, topic: c.topic, text: c.text })),
    newClause: terms?.clauses?.length ?? 0,
    topics: CLAUSE_TOPICS.map((code) => ({ code, name: label('topic', code, lang) })),
  };
}

/** Reads the offer form back into terms; every unreadable field is named at once. */
export function termsFromForm(form: Record<string, unknown>, lang: Lang): Terms {
  const t = translator(lang);
  const problems: string[] = [];
  const read = (name: string, pattern: RegExp, what: string, scale: (n: number) => number): number | undefined => {
    const raw = field(form, name);
    if (raw === '') return undefined;
    if (!pattern.test(raw)) {
      problems.push(t('form.invalid', { field: what }));
      return undefined;
    }
    return Math.round(scale(Number(raw)));
  };
  const required = <T>(value: T | undefined, what: string): T | undefined => {
    if (value === undefined && !problems.some((p) => p.startsWith(what))) problems.push(t('form.required', { field: what }));
    return value;
  };
  const fieldLabel = (key: string) => label('field', key, lang);

  const pieceRates: Terms['pieceRates'] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const task = field(form, `rate.${i}.task`);
    const baseRaw = field(form, `rate.${i}.base`);
    if (!task && !baseRaw) continue;
    const name = `${task ? label('task', task, lang) : t('form.task')}·`;
    if (!task) problems.push(t('form.required', { field: t('form.task') }));
    const baseFen = required(read(`rate.${i}.base`, TWO_DECIMALS, name + fieldLabel('baseFen'), (n) => n * 100), name + fieldLabel('baseFen'));
    const rate = {
      task,
      baseFen: baseFen ?? 0,
      perKmFen: read(`rate.${i}.perKm`, TWO_DECIMALS, name + fieldLabel('perKmFen'), (n) => n * 100),
      kmIncluded: read(`rate.${i}.km`, WHOLE, name + fieldLabel('kmIncluded'), (n) => n),
      nightSurchargeFen: read(`rate.${i}.night`, TWO_DECIMALS, name + fieldLabel('nightSurchargeFen'), (n) => n * 100),
      badWeatherSurchargeFen: read(`rate.${i}.weather`, TWO_DECIMALS, name + fieldLabel('badWeatherSurchargeFen'), (n) => n * 100),
    };
    pieceRates.push(withoutUndefined(rate));
  }

  const commission = read('commission', TWO_DECIMALS, fieldLabel('commission.maxBasisPoints'), (n) => n * 100);
  const restSchedule = withoutUndefined({
    maxContinuousMinutes: read('rest.continuous', DECIMAL, fieldLabel('restSchedule.maxContinuousMinutes'), (n) => n * 60),
    minBreakMinutes: read('rest.break', WHOLE, fieldLabel('restSchedule.minBreakMinutes'), (n) => n),
    maxDailyMinutes: read('rest.daily', DECIMAL, fieldLabel('restSchedule.maxDailyMinutes'), (n) => n * 60),
    restDaysPerMonth: read('rest.days', WHOLE, fieldLabel('restSchedule.restDaysPerMonth'), (n) => n),
    holidayPayPercent: read('rest.holiday', WHOLE, fieldLabel('restSchedule.holidayPayPercent'), (n) => n),
  });
  const quotaLabel = fieldLabel('laborQuota.standardTasksPerHour');
  const standardTasksPerHour = required(read('quota', WHOLE, quotaLabel, (n) => n), quotaLabel);
  const termMonths = read('termMonths', WHOLE, fieldLabel('termMonths'), (n) => n);

  const clauses: NonNullable<Terms['clauses']> = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const text = field(form, `clause.${i}.text`);
    if (text) clauses.push({ topic: field(form, `clause.${i}.topic`) || 'other', text });
  }

  if (problems.length) throw new FormError(problems);
  return withoutUndefined({
    pieceRates,
    commission: commission === undefined ? undefined : { maxBasisPoints: commission },
    restSchedule: Object.keys(restSchedule).length ? restSchedule : undefined,
    laborQuota: { standardTasksPerHour: standardTasksPerHour! },
    clauses: clauses.length ? clauses : undefined,
    termMonths,
  }) as Terms;
}

/** Drops blank optional fields, so the API sees them as absent rather than as null. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
