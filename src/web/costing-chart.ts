import { Lang } from './i18n';

/**
 * Hourly earnings under each costed set of terms (the current rules, each side's latest
 * offer), drawn as server-side SVG: per row a bar from the 10th to the 90th percentile of
 * rider-hours, a tick at the median, a dot at the mean, and the region's hourly minimum wage as
 * one vertical line across all rows. Pure geometry; views/partials/costing.njk draws it.
 */
export interface CostedLine {
  label: 'current' | 'union' | 'enterprise';
  round: number | null;
  hourlyFen: { p10: number; p50: number; p90: number; mean: number };
  belowMinimumWageShare: number;
  platformCostFen: number;
  deltaPercentVsCurrent: number | null;
}

export const COSTING_CHART = { width: 320, rowHeight: 30, left: 74, right: 14, top: 24, bottom: 30 } as const;

const yuan = (fen: number) => (fen / 100).toFixed(fen % 100 === 0 ? 0 : 1);

function niceStep(span: number): number {
  const raw = span / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
}

/** The chart's row label: short enough for the left margin of a 360 px phone. */
export function shortRowName(line: Pick<CostedLine, 'label' | 'round'>, lang: Lang): string {
  const zh = { current: '现行', union: '工会', enterprise: '企业' }[line.label];
  const en = { current: 'Current', union: 'Union', enterprise: 'Enterprise' }[line.label];
  const round = line.round ? (lang === 'zh' ? ` 第${line.round}轮` : ` r${line.round}`) : '';
  return `${lang === 'zh' ? zh : en}${round}`;
}

export function rowName(line: Pick<CostedLine, 'label' | 'round'>, lang: Lang): string {
  const zh = { current: '现行规则', union: '工会方案', enterprise: '企业方案' }[line.label];
  const en = { current: 'Current rules', union: 'Union offer', enterprise: 'Enterprise offer' }[line.label];
  const round = line.round ? (lang === 'zh' ? `（第${line.round}轮）` : ` (round ${line.round})`) : '';
  return `${lang === 'zh' ? zh : en}${round}`;
}

/** The share below the minimum in words a rider understands: a few hours below it are never "0%". */
export function belowSentence(line: CostedLine, lang: Lang): string {
  const share = line.belowMinimumWageShare;
  const percent = Math.round(share / 100);
  const name = rowName(line, lang);
  const few = share > 0 && percent === 0;
  if (lang === 'zh') return `按${name}，${few ? '不到 1%' : `约 ${percent}%`} 的在线时长时薪低于最低工资。`;
  return `Under the ${name.toLowerCase()}, ${few ? 'under 1%' : `about ${percent}%`} of online hours pay less than the minimum wage.`;
}

export function costingChart(lines: CostedLine[], hourlyMinimumFen: number, lang: Lang) {
  const { width, rowHeight, left, right, top, bottom } = COSTING_CHART;
  const height = top + rowHeight * lines.length + bottom;
  const values = [hourlyMinimumFen, ...lines.flatMap((l) => [l.hourlyFen.p10, l.hourlyFen.p90, l.hourlyFen.mean])];
  const step = niceStep(Math.max(100, Math.max(...values) - Math.min(...values)));
  const lo = Math.max(0, Math.floor(Math.min(...values) / step) * step - step / 2);
  const hi = Math.ceil(Math.max(...values) / step) * step;
  const xOf = (fen: number) => Math.round(left + ((fen - lo) / (hi - lo)) * (width - left - right));
  const ticks: Array<{ x: number; label: string }> = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) ticks.push({ x: xOf(v), label: yuan(v) });
  const rows = lines.map((line, i) => {
    const y = top + rowHeight * i + rowHeight / 2;
    return {
      name: shortRowName(line, lang),
      y,
      className: line.label,
      bar: `M${xOf(line.hourlyFen.p10)} ${y}H${xOf(line.hourlyFen.p90)}`,
      median: `M${xOf(line.hourlyFen.p50)} ${y - 7}v14`,
      mean: { x: xOf(line.hourlyFen.mean), y },
      summary: `${rowName(line, lang)}${lang === 'zh' ? '：' : ': '}P10 ${yuan(line.hourlyFen.p10)}, P50 ${yuan(line.hourlyFen.p50)}, P90 ${yuan(line.hourlyFen.p90)}${lang === 'zh' ? ' 元/小时' : ' yuan/h'}`,
    };
  });
  const minimumX = xOf(hourlyMinimumFen);
  return {
    width,
    height,
    rows,
    ticks,
    axisY: top + rowHeight * lines.length,
    plot: { left, right: width - right },
    minimum: { x: minimumX, label: lang === 'zh' ? `最低工资 ${yuan(hourlyMinimumFen)}` : `minimum ${yuan(hourlyMinimumFen)}`, anchor: minimumX > width * 0.7 ? 'end' : 'start' },
    axisTitle: lang === 'zh' ? '每在线小时收入（元）' : 'Pay per online hour (yuan)',
    summary: `${rows.map((r) => r.summary).join(lang === 'zh' ? '；' : '; ')}${lang === 'zh' ? '；最低工资 ' : '; minimum wage '}${yuan(hourlyMinimumFen)}`,
  };
}

const money = (fen: number, lang: Lang) => (lang === 'zh' ? `${yuan(fen)} 元` : `¥${yuan(fen)}`);

/** The page's costing section: the chart, a table of the figures, and each line's sentence; null without a costing. */
export function costingSection(
  costing: { items: CostedLine[]; hourlyMinimumFen: number | null; samples: { orders: { rows: number; riderDays: number } | null } },
  lang: Lang,
) {
  if (!costing.items.length || costing.hourlyMinimumFen === null) return null;
  const percent = (basisPoints: number) => `${Math.round(basisPoints / 100)}%`;
  return {
    chart: costingChart(costing.items, costing.hourlyMinimumFen, lang),
    sample: costing.samples.orders,
    rows: costing.items.map((line) => ({
      name: shortRowName(line, lang),
      className: line.label,
      p50: money(line.hourlyFen.p50, lang),
      below: percent(line.belowMinimumWageShare),
      cost: money(line.platformCostFen, lang),
      delta: line.deltaPercentVsCurrent === null || line.label === 'current' ? '' : `${line.deltaPercentVsCurrent > 0 ? '+' : ''}${line.deltaPercentVsCurrent}%`,
      sentence: belowSentence(line, lang),
    })),
  };
}
