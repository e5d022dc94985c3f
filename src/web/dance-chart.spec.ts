import { Terms } from '../terms/terms';
import { CHART_SIZE, Offer, alwaysAgreed, danceCharts } from './dance-chart';

const terms = (baseFen: number, maxBasisPoints: number): Terms => ({
  pieceRates: [{ task: 'delivery', baseFen, kmIncluded: 3 }],
  commission: { maxBasisPoints },
  laborQuota: { standardTasksPerHour: 4 },
});

// the union opens at 7.00 元 / 12%; the platform answers 6.00 / 15%; they meet at 6.40 / 14%
const offers: Offer[] = [
  { round: 1, proposer: 'union', terms: terms(700, 1200) },
  { round: 2, proposer: 'enterprise', terms: terms(600, 1500) },
  { round: 3, proposer: 'union', terms: terms(660, 1400) },
  { round: 4, proposer: 'enterprise', terms: terms(640, 1400) },
];

describe('the negotiation dance chart', () => {
  it('draws one chart per numeric term the sides ever differed on, and lists the rest as agreed from the start', () => {
    const charts = danceCharts(offers, null, 'zh');
    expect(charts.map((c) => c.path)).toEqual(['pieceRates[delivery].baseFen', 'commission.maxBasisPoints']);
    expect(alwaysAgreed(offers)).toEqual(['pieceRates[delivery].kmIncluded', 'laborQuota.standardTasksPerHour']);
  });

  it('keeps a side at its last offer in rounds where it made none, and marks only the rounds it offered', () => {
    const [base] = danceCharts(offers, null, 'zh');
    const union = base.series.find((s) => s.side === 'union')!;
    expect(union.points.map((p) => [p.value, p.offered])).toEqual([
      [700, true],
      [700, false],
      [660, true],
      [660, false],
    ]);
    const offered = union.points.filter((p) => p.offered);
    expect(union.marks).toBe(offered.map((p) => `M${p.x} ${p.y}h0`).join(''));
    // the platform has no position before its first offer
    const enterprise = base.series.find((s) => s.side === 'enterprise')!;
    expect(enterprise.points).toHaveLength(3);
    expect(enterprise.marks.match(/M/g)).toHaveLength(2);
  });

  it('puts no mark on the agreed column: nobody offered there', () => {
    const [base] = danceCharts(offers, terms(640, 1400), 'zh');
    for (const side of base.series) expect(side.marks.match(/M/g)).toHaveLength(2);
  });

  it('ends both lines at the agreed value in a last column', () => {
    const [base] = danceCharts(offers, terms(640, 1400), 'zh');
    for (const side of base.series) expect(side.points.at(-1)!.value).toBe(640);
    expect(base.xTicks.at(-1)!.label).toBe('达成');
    expect(base.agreed!.label).toBe('6.40 元');
    expect(base.summary).toBe('配送·基本单价：工会 7.00 → 6.60 元；企业 6.00 → 6.40 元；达成 6.40 元');
  });

  it('marks a term settled while bargaining when both latest offers agree on it', () => {
    const charts = danceCharts(offers, null, 'zh');
    expect(charts.find((c) => c.path === 'commission.maxBasisPoints')!.settled).toBe(true);
    expect(charts.find((c) => c.path === 'pieceRates[delivery].baseFen')!.settled).toBe(false);
  });

  it('puts higher values higher, everything inside the plot, and labels the axis in 元 and %', () => {
    const [base, commission] = danceCharts(offers, null, 'zh');
    const points = base.series.flatMap((s) => s.points);
    const y = (value: number) => points.find((p) => p.value === value)!.y;
    expect(y(700)).toBeLessThan(y(600));
    for (const p of points) {
      expect(p.x).toBeGreaterThanOrEqual(CHART_SIZE.left);
      expect(p.x).toBeLessThanOrEqual(CHART_SIZE.width - CHART_SIZE.right);
      expect(p.y).toBeGreaterThanOrEqual(CHART_SIZE.top);
      expect(p.y).toBeLessThanOrEqual(CHART_SIZE.height - CHART_SIZE.bottom);
    }
    expect(base.yTicks.map((t) => t.label)).toEqual(['6.00 元', '7.00 元']);
    expect(commission.yTicks.map((t) => t.label)).toEqual(['12%', '15%']);
  });

  it('labels a duration axis short enough to fit left of the plot', () => {
    const rest = (maxDailyMinutes: number): Terms => ({ ...terms(700, 1200), restSchedule: { maxDailyMinutes } });
    const daily = (lang: 'zh' | 'en') =>
      danceCharts([{ round: 1, proposer: 'union', terms: rest(530) }, { round: 2, proposer: 'enterprise', terms: rest(720) }], null, lang).find(
        (c) => c.path === 'restSchedule.maxDailyMinutes',
      )!;
    expect(daily('zh').yTicks.map((t) => t.label)).toEqual(['8小时50分', '12小时']);
    expect(daily('en').yTicks.map((t) => t.label)).toEqual(['8h 50m', '12h']);
    expect(daily('zh').summary).toContain('8 小时 50 分钟'); // the words read out stay whole
  });

  it('draws nothing until both sides have made an offer', () => {
    expect(danceCharts(offers.slice(0, 1), null, 'zh')).toEqual([]);
  });

  it('writes each line as a short SVG path through its points: whole units, a kept offer as a level H', () => {
    const [base] = danceCharts(offers, null, 'zh');
    const [p1, p2, p3, p4] = base.series[0].points;
    expect(base.series[0].d).toBe(`M${p1.x} ${p1.y}H${p2.x}L${p3.x} ${p3.y}H${p4.x}`);
    for (const p of base.series.flatMap((s) => s.points)) expect([p.x, p.y].every(Number.isInteger)).toBe(true);
    expect(base.grid).toBe(base.yTicks.map((t) => `M${CHART_SIZE.left} ${t.y}H${CHART_SIZE.width - CHART_SIZE.right}`).join(''));
  });
});
