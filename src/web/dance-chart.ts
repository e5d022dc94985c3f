import { Side } from '../negotiations/negotiation.types';
import { Terms } from '../terms/terms';
import { flattenTerms } from '../terms/terms-comparison';
import { Lang, colon } from './i18n';
import { basisPointsToPercentNumber, fenToYuanNumber } from './format';
import { comparePaths, joinMoves, shortValue, termLabel } from './terms-display';

/**
 * The negotiation dance (谈判进程图): for each numeric term, each side's position round by
 * round — a side keeps its last offer until it makes another — ending where they agreed.
 * Pure geometry here; views/partials/dance-chart.njk draws it as server-side SVG, so the
 * page needs no script.
 */
export interface Offer {
  round: number;
  proposer: Side;
  terms: Terms;
}

export interface ChartPoint {
  x: number;
  y: number;
  value: number;
  /** False where the side only kept its earlier position. */
  offered: boolean;
}

export interface ChartText {
  x: number;
  y: number;
  label: string;
}

export interface DanceChart {
  path: string;
  label: string;
  /** Every position in words; the chart's one accessible name (its SVG <title>). */
  summary: string;
  settled: boolean;
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** The axes' titles: the rounds below, the unit above the values. */
  xTitle: ChartText;
  yTitle: ChartText;
  xTicks: Array<{ x: number; label: string }>;
  yTicks: Array<{ y: number; label: string }>;
  /** The horizontal grid lines at the y ticks, as one path. */
  grid: string;
  /**
   * `d`: the side's position from round to round; `marks`: a dot only where it made an offer,
   * each a zero-length segment the stroke's line cap draws (a few bytes instead of a <circle>).
   */
  series: Array<{ side: Side; d: string; marks: string; points: ChartPoint[] }>;
  /** Each side's latest figure right of the plot (or, once agreed, the agreed one), never on top of each other. */
  ends: Array<ChartText & { side: Side | 'agreed' }>;
  agreed: { y: number; label: string } | null;
}

/** The SVG's box in user units, with the least room left and right of the plot; text is 10 units high (site.css `.dance text`). */
export const CHART_SIZE = { width: 320, height: 168, left: 40, right: 36, top: 20, bottom: 22 } as const;
export const CHART_FONT = 10;
const SIDES: Side[] = ['union', 'enterprise'];

/**
 * Charts for every numeric term on which the sides' offers ever differed. Terms both sides
 * always offered alike are left out (see `alwaysAgreed`); a chart needs offers from both sides.
 */
export function danceCharts(offers: Offer[], agreed: Terms | null, lang: Lang): DanceChart[] {
  if (!SIDES.every((side) => offers.some((o) => o.proposer === side))) return [];
  const flat = offers.map((o) => ({ ...o, leaves: flattenTerms(o.terms) }));
  const paths = new Set(flat.flatMap((o) => [...o.leaves].filter(([, v]) => typeof v === 'number').map(([p]) => p)));
  const agreedLeaves = agreed ? flattenTerms(agreed) : null;
  return [...paths]
    .filter((path) => new Set(flat.map((o) => o.leaves.get(path) ?? null)).size > 1)
    .sort(comparePaths)
    .map((path) => chartFor(path, flat, (agreedLeaves?.get(path) as number | undefined) ?? null, lang));
}

/** Numeric terms every offer from either side put at the same value. */
export function alwaysAgreed(offers: Offer[]): string[] {
  const flat = offers.map((o) => flattenTerms(o.terms));
  const first = flat[0];
  if (!first) return [];
  return [...first]
    .filter(([path, v]) => typeof v === 'number' && flat.every((leaves) => leaves.get(path) === v))
    .map(([path]) => path)
    .sort(comparePaths);
}

function chartFor(path: string, offers: Array<Offer & { leaves: Map<string, unknown> }>, agreedValue: number | null, lang: Lang): DanceChart {
  const { width, height, top, bottom } = CHART_SIZE;
  const lastRound = Math.max(...offers.map((o) => o.round));
  const columns = lastRound + (agreedValue !== null ? 1 : 0);

  const positions = SIDES.map((side) => {
    const points: Array<{ column: number; value: number; offered: boolean }> = [];
    let current: number | null = null;
    for (let r = 1; r <= lastRound; r++) {
      const offer = offers.find((o) => o.round === r && o.proposer === side);
      const value = offer?.leaves.get(path);
      if (typeof value === 'number') current = value;
      if (current !== null) points.push({ column: r, value: current, offered: typeof value === 'number' });
    }
    if (agreedValue !== null) points.push({ column: columns, value: agreedValue, offered: false });
    return { side, points };
  });

  const values = positions.flatMap((s) => s.points.map((p) => p.value));
  const scale = valueScale(path, Math.min(...values), Math.max(...values));
  const latest = (side: Side) => positions.find((s) => s.side === side)!.points.filter((p) => p.column <= lastRound).at(-1)?.value;
  // once agreed, the 达成 column says it all; before, a term both latest offers share is settled
  const settled = agreedValue === null && latest('union') !== undefined && latest('union') === latest('enterprise');
  const ends =
    agreedValue !== null || settled
      ? [{ side: 'agreed' as const, value: agreedValue ?? latest('union')!, label: axisNumber(path, agreedValue ?? latest('union')!, lang) }]
      : SIDES.map((side) => ({ side, value: latest(side)!, label: axisNumber(path, latest(side)!, lang) }));
  const tickLabels = scale.ticks.map((v) => axisNumber(path, v, lang));
  const xTitleLabel = lang === 'zh' ? '轮次' : 'Round';
  const yTitleLabel = axisUnit(path, lang);
  // the margins are as wide as the widest label on that side, so 8小时55分 fits as well as 6.40
  const widest = (labels: string[]) => Math.ceil(Math.max(...labels.map(textWidth)));
  const plot = {
    left: Math.max(CHART_SIZE.left, widest([...tickLabels, xTitleLabel, yTitleLabel]) + 8),
    right: width - Math.max(CHART_SIZE.right, widest(ends.map((e) => e.label)) + 10),
    top,
    bottom: height - bottom,
  };
  // a little room inside the frame, so a first or last mark is not cut by it
  const xOf = (column: number) => Math.round(columns === 1 ? (plot.left + plot.right) / 2 : plot.left + 8 + ((plot.right - plot.left - 16) * (column - 1)) / (columns - 1));
  const yOf = (v: number) => Math.round(plot.bottom - ((v - scale.lo) / (scale.hi - scale.lo)) * (plot.bottom - plot.top));

  const series = positions.map(({ side, points }) => {
    const drawn = points.map((p) => ({ x: xOf(p.column), y: yOf(p.value), value: p.value, offered: p.offered }));
    return { side, d: linePath(drawn), marks: drawn.filter((p) => p.offered).map((p) => `M${p.x} ${p.y}h0`).join(''), points: drawn };
  });
  const tickRow = height - 6;
  const xTitle = { x: plot.left - 4, y: tickRow, label: xTitleLabel };
  const xTicks = roundTicks(columns, agreedValue !== null, lang, xOf);
  const yTicks = scale.ticks.map((v, i) => ({ y: yOf(v), label: tickLabels[i] }));
  const yTitle = { x: plot.left - 4, y: top - 9, label: yTitleLabel };
  const sideName = (side: Side) => (lang === 'zh' ? (side === 'union' ? '工会' : '企业') : side);
  const trail = (side: Side) =>
    `${sideName(side)} ` +
    joinMoves(
      positions
        .find((s) => s.side === side)!
        // a repeated offer at the same figure is no move
        .points.filter((p, i, all) => p.offered && p.value !== all.slice(0, i).filter((q) => q.offered).at(-1)?.value)
        .map((p) => shortValue(path, p.value, lang)),
    );
  const ending = agreedValue !== null ? `${lang === 'zh' ? '；达成 ' : '; agreed '}${shortValue(path, agreedValue, lang)}` : '';
  return {
    path,
    label: termLabel(path, lang),
    summary: `${termLabel(path, lang)}${colon(lang)}${trail('union')}${lang === 'zh' ? '；' : '; '}${trail('enterprise')}${ending}`,
    settled,
    width,
    height,
    plot,
    xTitle,
    yTitle,
    xTicks,
    yTicks,
    grid: yTicks.map((tick) => `M${plot.left} ${tick.y}H${plot.right}`).join(''),
    series,
    ends: spreadLabels(
      ends.map((e) => ({ side: e.side, x: plot.right + 4, y: yOf(e.value) + 3, label: e.label })),
      top + 3,
      plot.bottom + 3,
    ),
    agreed: agreedValue !== null ? { y: yOf(agreedValue), label: shortValue(path, agreedValue, lang) } : null,
  };
}

/** A polyline in few bytes: a level stretch (a side keeping its offer) is an `H`. */
function linePath(points: Array<{ x: number; y: number }>): string {
  return points.map((p, i) => (i === 0 ? `M${p.x} ${p.y}` : p.y === points[i - 1].y ? `H${p.x}` : `L${p.x} ${p.y}`)).join('');
}

const isDuration = (path: string) => /^restSchedule\.\w+Minutes$/.test(path);
const isFen = (path: string) => /Fen$/.test(path);

/**
 * The y range: the figures with a quarter of a step of room on either side (never below zero
 * for a quantity that cannot be negative), ticked at round steps — 1, 2 or 5 × 10ⁿ, quarter
 * hours and hours for durations — about three of them. Two offers 1 元 apart get 6.00, 6.50,
 * 7.00 in a frame that touches neither.
 */
export function valueScale(path: string, min: number, max: number): { lo: number; hi: number; ticks: number[] } {
  const span = max - min || Math.max(Math.abs(max) * 0.2, 1);
  const steps = isDuration(path)
    ? [5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720]
    : [0, 1, 2, 3, 4, 5, 6].flatMap((power) => [1, 2, 5].map((m) => m * 10 ** power));
  const step = steps.find((s) => s >= span / 3) ?? steps.at(-1)!;
  const hi = max + step / 4;
  const lo = min >= 0 ? Math.max(0, min - step / 4) : min - step / 4;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) ticks.push(v);
  return { lo, hi, ticks };
}

/** A tick's figure: the unit is the axis title (元, %, 单/小时), durations excepted (8小时50分 / 8h 50m). */
function axisNumber(path: string, value: number, lang: Lang): string {
  if (isFen(path)) return fenToYuanNumber(value);
  if (path === 'commission.maxBasisPoints') return basisPointsToPercentNumber(value);
  if (!isDuration(path)) return String(value);
  const [hours, minutes] = [Math.floor(value / 60), value % 60];
  const [h, m] = lang === 'zh' ? ['小时', '分'] : ['h', 'm'];
  return [hours ? `${hours}${h}` : '', minutes || !hours ? `${minutes}${m}` : ''].filter(Boolean).join(lang === 'zh' ? '' : ' ');
}

function axisUnit(path: string, lang: Lang): string {
  const zh = lang === 'zh';
  if (isFen(path)) return zh ? '元' : 'yuan';
  if (isDuration(path)) return zh ? '时长' : 'time';
  const units: Record<string, [string, string]> = {
    'commission.maxBasisPoints': ['%', '%'],
    'restSchedule.holidayPayPercent': ['%', '%'],
    'restSchedule.restDaysPerMonth': ['天/月', 'days/month'],
    'laborQuota.standardTasksPerHour': ['单/小时', 'orders/hour'],
    termMonths: ['月', 'months'],
  };
  const unit = units[path] ?? (/kmIncluded$/.test(path) ? ['公里', 'km'] : null);
  return unit ? unit[zh ? 0 : 1] : '';
}

/** How wide a label is drawn, near enough: CJK characters a full em, the rest a little over half. */
export function textWidth(label: string): number {
  return [...label].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? CHART_FONT * 1.05 : ch === ' ' ? CHART_FONT * 0.3 : CHART_FONT * 0.65), 0);
}

/**
 * The round numbers along the bottom: every k-th round for the smallest k (from columns / 6)
 * at which no two labels touch, and always the last column (the latest round, or 达成), for which a crowding
 * neighbour gives way.
 */
function roundTicks(columns: number, agreed: boolean, lang: Lang, xOf: (column: number) => number) {
  const labelOf = (c: number) => (agreed && c === columns ? (lang === 'zh' ? '达成' : 'Agreed') : String(c));
  const crowd = (a: number, b: number) => xOf(a) + textWidth(labelOf(a)) / 2 + 4 > xOf(b) - textWidth(labelOf(b)) / 2;
  let picked = [1];
  // at most about six numbers, fewer where they would touch
  for (let every = Math.ceil(columns / 6); every <= columns; every++) {
    picked = Array.from({ length: columns }, (_, i) => i + 1).filter((c) => (c - 1) % every === 0);
    if (picked.at(-1) !== columns) picked.push(columns);
    // 11 right before 12 reads as a stutter: a tick closer to the last than the step gives way too
    if (picked.length > 2 && (crowd(picked.at(-2)!, columns) || columns - picked.at(-2)! < every)) picked.splice(-2, 1);
    if (picked.every((c, i) => i === 0 || !crowd(picked[i - 1], c))) break;
  }
  return picked.map((c) => ({ x: xOf(c), label: labelOf(c) }));
}

/** Moves labels at nearly the same height apart (a line and a half of text), keeping them inside [top, bottom]. */
function spreadLabels<T extends ChartText>(labels: T[], top: number, bottom: number): T[] {
  const sorted = [...labels].sort((a, b) => a.y - b.y);
  const step = Math.ceil(CHART_FONT * 1.2);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].y - sorted[i - 1].y < step) sorted[i].y = sorted[i - 1].y + step;
  const overflow = (sorted.at(-1)?.y ?? 0) - bottom;
  if (overflow > 0) for (const l of sorted) l.y -= overflow;
  for (let i = 0; i < sorted.length; i++) sorted[i].y = Math.max(sorted[i].y, top + i * step);
  return labels;
}
