import { Terms } from '../terms/terms';
import { Leaf, flattenTerms } from '../terms/terms-comparison';
import { duration, percent, yuan } from './format';
import { Lang, label } from './i18n';

/**
 * Term paths (`pieceRates[delivery].baseFen`, see terms-comparison.ts) in plain words: a label
 * and a value with its unit, so a rider reads "配送·基本单价 6.40 元/单", not "baseFen: 640".
 */
const PIECE_RATE = /^pieceRates\[(.+)\]\.(\w+)$/;
const CLAUSE = /^clauses\[(\d+)\]\.(topic|text)$/;
/** A clause's commitment (落实承诺): who must act, within how many days of entry into force. */
const COMMITMENT = /^clauses\[(\d+)\]\.commitment\.(responsible|dueInDays)$/;

/** Display order of the non-piece-rate fields; anything else follows in path order. */
const ORDER = [
  'commission.maxBasisPoints',
  'restSchedule.maxContinuousMinutes',
  'restSchedule.minBreakMinutes',
  'restSchedule.maxDailyMinutes',
  'restSchedule.restDaysPerMonth',
  'restSchedule.holidayPayPercent',
  'laborQuota.standardTasksPerHour',
  'termMonths',
];
const PIECE_FIELDS = ['baseFen', 'kmIncluded', 'perKmFen', 'nightSurchargeFen', 'badWeatherSurchargeFen'];

export function termLabel(path: string, lang: Lang): string {
  const rate = PIECE_RATE.exec(path);
  if (rate) return lang === 'zh' ? `${label('task', rate[1], lang)}·${label('field', rate[2], lang)}` : `${label('task', rate[1], lang)} ${label('field', rate[2], lang).toLowerCase()}`;
  const clause = CLAUSE.exec(path);
  if (clause) return `${label('field', 'clause', lang)} ${Number(clause[1]) + 1}${clause[2] === 'topic' ? (lang === 'zh' ? '主题' : ' topic') : ''}`;
  const commitment = COMMITMENT.exec(path);
  if (commitment) {
    const [who, when] = lang === 'zh' ? ['落实责任方', '落实期限'] : [' owed by', ' due'];
    return `${label('field', 'clause', lang)} ${Number(commitment[1]) + 1}${commitment[2] === 'responsible' ? who : when}`;
  }
  return label('field', path, lang);
}

/** A clause's prose (`clauses[0].text`), as opposed to a figure. */
export function isClause(path: string): boolean {
  return CLAUSE.test(path);
}

/** The field a path ends in, which decides its unit. */
function fieldOf(path: string): string {
  return PIECE_RATE.exec(path)?.[2] ?? path;
}

/** A value with its unit, as a sentence fragment: "6.40 元/单", "13.5%", "4 小时". */
export function termValue(path: string, value: Leaf, lang: Lang): string {
  if (value === null) return '—';
  const commitment = COMMITMENT.exec(path);
  if (commitment?.[2] === 'responsible') return lang === 'zh' ? (value === 'union' ? '工会' : '企业') : String(value);
  if (commitment) return lang === 'zh' ? `生效后 ${value} 日内` : `within ${value} days of entry into force`;
  if (typeof value !== 'number') return CLAUSE.exec(path)?.[2] === 'topic' ? label('topic', String(value), lang) : String(value);
  const zh = lang === 'zh';
  switch (fieldOf(path)) {
    case 'baseFen':
    case 'nightSurchargeFen':
    case 'badWeatherSurchargeFen':
      return `${yuan(value, lang)}${zh ? '/单' : ' per order'}`;
    case 'perKmFen':
      return `${yuan(value, lang)}${zh ? '/公里' : ' per km'}`;
    default:
      return shortValue(path, value, lang);
  }
}

/** A value with its unit but no "per": for chart axes. */
export function shortValue(path: string, value: number, lang: Lang): string {
  const zh = lang === 'zh';
  switch (fieldOf(path)) {
    case 'baseFen':
    case 'perKmFen':
    case 'nightSurchargeFen':
    case 'badWeatherSurchargeFen':
      return yuan(value, lang);
    case 'kmIncluded':
      return zh ? `${value} 公里` : `${value} km`;
    case 'commission.maxBasisPoints':
      return percent(value);
    case 'restSchedule.maxContinuousMinutes':
    case 'restSchedule.minBreakMinutes':
    case 'restSchedule.maxDailyMinutes':
      return duration(value, lang);
    case 'restSchedule.restDaysPerMonth':
      return zh ? `${value} 天` : `${value} days`;
    case 'restSchedule.holidayPayPercent':
      return `${value}%`;
    case 'laborQuota.standardTasksPerHour':
      return zh ? `每小时 ${value} 单` : `${value} orders an hour`;
    case 'termMonths':
      return zh ? `${value} 个月` : `${value} months`;
    default:
      return String(value);
  }
}

/** Figures in the order they were offered, a unit they all share written once: "7.55 → 7.45 元/单". */
export function joinMoves(values: string[]): string {
  const figure = /^(-?\d+(?:\.\d+)?)(\D*)$/;
  const parsed = values.map((v) => figure.exec(v));
  const unit = parsed[0]?.[2];
  if (values.length < 2 || !parsed.every((m) => m && m[2] === unit)) return values.join(' → ');
  return `${parsed.map((m) => m![1]).join(' → ')}${unit}`;
}

/** Where a path sorts: piece rates by task then field, then the fixed order, then clauses. */
function rank(path: string): [number, string, number] {
  const rate = PIECE_RATE.exec(path);
  if (rate) return [0, rate[1], PIECE_FIELDS.indexOf(rate[2])];
  const index = ORDER.indexOf(path);
  if (index >= 0) return [1, '', index];
  const clause = CLAUSE.exec(path);
  if (clause) return [3, '', Number(clause[1]) * 4 + (clause[2] === 'text' ? 1 : 0)];
  const commitment = COMMITMENT.exec(path);
  if (commitment) return [3, '', Number(commitment[1]) * 4 + (commitment[2] === 'responsible' ? 2 : 3)];
  return [2, path, 0];
}

export function comparePaths(a: string, b: string): number {
  const [x, y] = [rank(a), rank(b)];
  return x[0] - y[0] || x[1].localeCompare(y[1]) || x[2] - y[2];
}

export interface TermRow {
  path: string;
  label: string;
  value: string;
}

export interface TermSection {
  heading: string;
  rows: TermRow[];
}

const SECTION_HEADINGS: Record<string, readonly [string, string]> = {
  pieceRates: ['计件单价', 'Piece rates'],
  commission: ['抽成', 'Commission'],
  restSchedule: ['休息休假', 'Rest and holidays'],
  laborQuota: ['劳动定额', 'Labour quota'],
  termMonths: ['合同期限', 'Term'],
  clauses: ['其他约定', 'Other clauses'],
};

/**
 * The whole of a set of terms as sections of rows. A clause's topic heads its text instead
 * of taking a row of its own.
 */
export function describeTerms(terms: Terms, lang: Lang): TermSection[] {
  const leaves = flattenTerms(terms);
  const sections = new Map<string, TermRow[]>();
  for (const path of [...leaves.keys()].sort(comparePaths)) {
    const clause = CLAUSE.exec(path);
    if (clause?.[2] === 'topic') continue;
    const section = path.split(/[.[]/)[0];
    const rows = sections.get(section) ?? [];
    const value = leaves.get(path)!;
    const row = clause
      ? { path, label: label('topic', String(leaves.get(`clauses[${clause[1]}].topic`)), lang), value: String(value) }
      : { path, label: PIECE_RATE.test(path) || COMMITMENT.test(path) ? termLabel(path, lang) : label('field', path, lang), value: termValue(path, value, lang) };
    rows.push(row);
    sections.set(section, rows);
  }
  return [...sections].map(([key, rows]) => ({
    heading: SECTION_HEADINGS[key]?.[lang === 'zh' ? 0 : 1] ?? key,
    rows,
  }));
}

