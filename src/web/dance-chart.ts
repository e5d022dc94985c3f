import { Side } from '../negotiations/negotiation.types';
import { Terms } from '../terms/terms';
import { flattenTerms } from '../terms/terms-comparison';
import { Lang, colon } from './i18n';
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

export interface DanceChart {
  path: string;
  label: string;
  /** Every position in words; the chart's one accessible name (its SVG <title>). */
  summary: string;
  settled: boolean;
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  xTicks: Array<{ x: number; label: string }>;
  yTicks: Array<{ y: number; label: string }>;
  /** The horizontal grid lines at the y ticks, as one path. */
  grid: string;
  /**
   * `d`: the side's position from round to round; `marks`: a dot only where it made an offer,
   * each a zero-length segment the stroke's line cap draws (a few bytes instead of a <circle>).
   */
  series: Array<{ side: Side; d: string; marks: string; points: ChartPoint[] }>;
  agreed: { y: number; label: string } | null;
}

export const CHART_SIZE = { width: 320, height: 150, left: 64, right: 12, top: 12, bottom: 24 } as const;
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
  const { width, height, left, right, top, bottom } = CHART_SIZE;
  const plot = { left, right: width - right, top, bottom: height - bottom };
  const lastRound = Math.max(...offers.map((o) => o.round));
  const columns = lastRound + (agreedValue !== null ? 1 : 0);
  const xOf = (column: number) => Math.round(columns === 1 ? (plot.left + plot.right) / 2 : plot.left + 8 + ((plot.right - plot.left - 16) * (column - 1)) / (columns - 1));

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
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const pad = max === min ? Math.max(1, Math.abs(max) * 0.1) : (max - min) * 0.12;
  const [lo, hi] = [min - pad, max + pad];
  const yOf = (v: number) => Math.round(plot.bottom - ((v - lo) / (hi - lo)) * (plot.bottom - plot.top));

  const series = positions.map(({ side, points }) => {
    const drawn = points.map((p) => ({ x: xOf(p.column), y: yOf(p.value), value: p.value, offered: p.offered }));
    return { side, d: linePath(drawn), marks: drawn.filter((p) => p.offered).map((p) => `M${p.x} ${p.y}h0`).join(''), points: drawn };
  });
  const step = Math.ceil(columns / 8);
  const xTicks = Array.from({ length: columns }, (_, i) => i + 1)
    .filter((c) => (c - 1) % step === 0 || c === columns)
    .map((c) => ({ x: xOf(c), label: agreedValue !== null && c === columns ? (lang === 'zh' ? '达成' : 'Agreed') : String(c) }));
  const yTicks = [...new Set([min, max])].map((v) => ({ y: yOf(v), label: axisLabel(path, v, lang) }));

  const latest = (side: Side) => positions.find((s) => s.side === side)!.points.filter((p) => p.column <= lastRound).at(-1)?.value;
  // once agreed, the 达成 column says it all; before, a term both latest offers share is settled
  const settled = agreedValue === null && latest('union') !== undefined && latest('union') === latest('enterprise');
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
    xTicks,
    yTicks,
    grid: yTicks.map((tick) => `M${plot.left} ${tick.y}H${plot.right}`).join(''),
    series,
    agreed: agreedValue !== null ? { y: yOf(agreedValue), label: shortValue(path, agreedValue, lang) } : null,
  };
}

/** A polyline in few bytes: a level stretch (a side keeping its offer) is an `H`. */
function linePath(points: Array<{ x: number; y: number }>): string {
  return points.map((p, i) => (i === 0 ? `M${p.x} ${p.y}` : p.y === points[i - 1].y ? `H${p.x}` : `L${p.x} ${p.y}`)).join('');
}

/** A y-axis label that fits left of the plot: a duration as 4小时50分 / 4h 50m, not 4 小时 50 分钟. */
function axisLabel(path: string, value: number, lang: Lang): string {
  if (!/^restSchedule\.\w+Minutes$/.test(path)) return shortValue(path, value, lang);
  const [hours, minutes] = [Math.floor(value / 60), value % 60];
  const [h, m] = lang === 'zh' ? ['小时', '分'] : ['h', 'm'];
  return [hours ? `${hours}${h}` : '', minutes || !hours ? `${minutes}${m}` : ''].filter(Boolean).join(lang === 'zh' ? '' : ' ');
}
