import { CLAUSE_TOPICS, Terms } from '../terms/terms';
import { basisPointsToPercentNumber, fenToYuanNumber } from './format';
import { Lang, label, translator } from './i18n';
import { field } from './web-params';

/**
 * The offer form: terms shown in the units people bargain in (元, %, hours and minutes) and read
 * back into the API's units (fen, basis points, minutes). The form only converts; whether the
 * terms are allowed (ranges, minimum wage) is the service's to say, in the API's own messages.
 */
export class FormError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('; '));
  }
}

/** 元 and percentages: a basis point is a hundredth of a percent, a fen a hundredth of a 元. */
const TWO_DECIMALS = /^\d+(\.\d{1,2})?$/;
const WHOLE = /^\d+$/;
/** Form rows for piece rates and clauses: the existing ones plus one blank row to add. */
export const MAX_ROWS = 20;
/** Durations the form asks as hours and minutes, so the figure read is the figure meant. */
const DURATIONS = { continuous: 'maxContinuousMinutes', daily: 'maxDailyMinutes' } as const;

type FormFields = Record<string, unknown>;

/** Terms as the offer form's fields: what a browser posts back when nobody changes anything. */
export function termsToForm(terms: Terms | null): Record<string, string> {
  if (!terms) return {};
  const form: Record<string, string | number | undefined> = {};
  terms.pieceRates.forEach((r, i) =>
    Object.assign(form, {
      [`rate.${i}.task`]: r.task,
      [`rate.${i}.base`]: fenToYuanNumber(r.baseFen),
      [`rate.${i}.perKm`]: r.perKmFen === undefined ? undefined : fenToYuanNumber(r.perKmFen),
      [`rate.${i}.km`]: r.kmIncluded,
      [`rate.${i}.night`]: r.nightSurchargeFen === undefined ? undefined : fenToYuanNumber(r.nightSurchargeFen),
      [`rate.${i}.weather`]: r.badWeatherSurchargeFen === undefined ? undefined : fenToYuanNumber(r.badWeatherSurchargeFen),
    }),
  );
  const rest = terms.restSchedule ?? {};
  for (const [name, key] of Object.entries(DURATIONS)) {
    const minutes = rest[key];
    if (minutes !== undefined) Object.assign(form, { [`rest.${name}.h`]: Math.floor(minutes / 60), [`rest.${name}.m`]: minutes % 60 });
  }
  Object.assign(form, {
    commission: terms.commission ? basisPointsToPercentNumber(terms.commission.maxBasisPoints) : undefined,
    'rest.break': rest.minBreakMinutes,
    'rest.days': rest.restDaysPerMonth,
    'rest.holiday': rest.holidayPayPercent,
    quota: terms.laborQuota.standardTasksPerHour,
    termMonths: terms.termMonths,
  });
  (terms.clauses ?? []).forEach((c, i) =>
    Object.assign(form, {
      [`clause.${i}.topic`]: c.topic,
      [`clause.${i}.text`]: c.text,
      [`clause.${i}.owner`]: c.commitment?.responsible,
      [`clause.${i}.days`]: c.commitment?.dueInDays,
    }),
  );
  return Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}

/**
 * What the offer form shows, from its fields: stored terms (termsToForm) or what someone sent
 * and the service refused, kept as typed so nothing they wrote is lost. A sent task with no name
 * goes back to the blank "new task" row, where the name can still be written.
 */
export function termsFormModel(form: FormFields, lang: Lang) {
  const get = (name: string) => field(form, name);
  const rows = Array.from({ length: MAX_ROWS }, (_, i) => i).filter((i) => get(`rate.${i}.task`) || get(`rate.${i}.base`));
  const named = rows.filter((i) => get(`rate.${i}.task`));
  const unnamed = rows.find((i) => !get(`rate.${i}.task`));
  const clauses = Array.from({ length: MAX_ROWS }, (_, i) => i).filter((i) => get(`clause.${i}.text`));
  const duration = (name: string) => ({ h: get(`rest.${name}.h`), m: get(`rest.${name}.m`) });
  return {
    rates: named.map((i, index) => ({
      index,
      task: get(`rate.${i}.task`),
      taskLabel: label('task', get(`rate.${i}.task`), lang),
      base: get(`rate.${i}.base`),
      perKm: get(`rate.${i}.perKm`),
      km: get(`rate.${i}.km`),
      night: get(`rate.${i}.night`),
      weather: get(`rate.${i}.weather`),
    })),
    newRate: { index: named.length, base: unnamed === undefined ? '' : get(`rate.${unnamed}.base`) },
    commission: get('commission'),
    rest: { continuous: duration('continuous'), break: get('rest.break'), daily: duration('daily'), days: get('rest.days'), holiday: get('rest.holiday') },
    quota: get('quota'),
    termMonths: get('termMonths'),
    clauses: clauses.map((i, index) => ({ index, topic: get(`clause.${i}.topic`), text: get(`clause.${i}.text`), owner: get(`clause.${i}.owner`), days: get(`clause.${i}.days`) })),
    newClause: clauses.length,
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

  /** Hours and minutes, either may be left blank (0); both blank leaves the term out. */
  const minutes = (name: keyof typeof DURATIONS): number | undefined => {
    const what = fieldLabel(`restSchedule.${DURATIONS[name]}`);
    const [hours, rest] = [read(`rest.${name}.h`, WHOLE, what, (n) => n), read(`rest.${name}.m`, WHOLE, what, (n) => n)];
    return hours === undefined && rest === undefined ? undefined : (hours ?? 0) * 60 + (rest ?? 0);
  };
  const commission = read('commission', TWO_DECIMALS, fieldLabel('commission.maxBasisPoints'), (n) => n * 100);
  const restSchedule = withoutUndefined({
    maxContinuousMinutes: minutes('continuous'),
    minBreakMinutes: read('rest.break', WHOLE, fieldLabel('restSchedule.minBreakMinutes'), (n) => n),
    maxDailyMinutes: minutes('daily'),
    restDaysPerMonth: read('rest.days', WHOLE, fieldLabel('restSchedule.restDaysPerMonth'), (n) => n),
    holidayPayPercent: read('rest.holiday', WHOLE, fieldLabel('restSchedule.holidayPayPercent'), (n) => n),
  });
  const quotaLabel = fieldLabel('laborQuota.standardTasksPerHour');
  const standardTasksPerHour = required(read('quota', WHOLE, quotaLabel, (n) => n), quotaLabel);
  const termMonths = read('termMonths', WHOLE, fieldLabel('termMonths'), (n) => n);

  const clauses: NonNullable<Terms['clauses']> = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const text = field(form, `clause.${i}.text`);
    if (!text) continue;
    // a clause's commitment (落实承诺): who owes it and within how many days; both or neither
    const owner = field(form, `clause.${i}.owner`);
    const what = `${fieldLabel('clause')} ${clauses.length + 1}`;
    const dueInDays = owner === 'union' || owner === 'enterprise' ? required(read(`clause.${i}.days`, WHOLE, what, (n) => n), what) : undefined;
    clauses.push({
      topic: field(form, `clause.${i}.topic`) || 'other',
      text,
      ...(dueInDays !== undefined ? { commitment: { responsible: owner as 'union' | 'enterprise', dueInDays } } : {}),
    });
  }

  if (problems.length) throw new FormError([...new Set(problems)]);
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
