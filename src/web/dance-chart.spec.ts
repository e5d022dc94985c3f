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

  it('keeps a side at its last offer in rounds where it made none (hollow points)', () => {
    const [base] = danceCharts(offers, null, 'zh');
    const union = base.series.find((s) => s.side === 'union')!;
    expect(union.points.map((p) => [p.value, p.offered])).toEqual([
      [700, true],
      [700, false],
      [660, true],
      [660, false],
    ]);
    // the platform has no position before its first offer
    expect(base.series.find((s) => s.side === 'enterprise')!.points).toHaveLength(3);
  });

  it('ends both lines at the agreed value in a last column', () => {
    const [base] = danceCharts(offers, terms(640, 1400), 'zh');
    for (const side of base.series) expect(side.points.at(-1)!.value).toBe(640);
    expect(base.xTicks.at(-1)!.label).toBe('达成');
    expect(base.agreed!.label).toBe('6.40 元');
    expect(base.summary).toBe('配送·基本单价：工会 7.00 元 → 6.60 元；企业 6.00 元 → 6.40 元；达成 6.40 元');
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

  it('draws nothing until both sides have made an offer', () => {
    expect(danceCharts(offers.slice(0, 1), null, 'zh')).toEqual([]);
  });

  it('writes each line as an SVG path through its points', () => {
    const [base] = danceCharts(offers, null, 'zh');
    const union = base.series[0];
    expect(union.d).toMatch(/^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+){3}$/);
  });
});
