import { Terms } from '../terms/terms';
import { CHART_FONT, CHART_SIZE, DanceChart, Offer, alwaysAgreed, danceCharts, textWidth, valueScale } from './dance-chart';

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
      expect(p.x).toBeGreaterThanOrEqual(base.plot.left);
      expect(p.x).toBeLessThanOrEqual(base.plot.right);
      expect(p.y).toBeGreaterThanOrEqual(base.plot.top);
      expect(p.y).toBeLessThanOrEqual(base.plot.bottom);
    }
    expect(base.yTicks.map((t) => t.label)).toEqual(['6.00', '6.50', '7.00']);
    expect(base.yTitle.label).toBe('元');
    expect(commission.yTicks.map((t) => t.label)).toEqual(['12', '13', '14', '15']);
    expect(commission.yTitle.label).toBe('%');
    expect(base.xTitle.label).toBe('轮次');
  });

  it('labels a duration axis short enough to fit left of the plot', () => {
    const rest = (maxDailyMinutes: number): Terms => ({ ...terms(700, 1200), restSchedule: { maxDailyMinutes } });
    const daily = (lang: 'zh' | 'en') =>
      danceCharts([{ round: 1, proposer: 'union', terms: rest(530) }, { round: 2, proposer: 'enterprise', terms: rest(720) }], null, lang).find(
        (c) => c.path === 'restSchedule.maxDailyMinutes',
      )!;
    expect(daily('zh').yTicks.map((t) => t.label)).toEqual(['10小时', '12小时']);
    expect(daily('en').yTicks.map((t) => t.label)).toEqual(['10h', '12h']);
    expect(daily('zh').ends.map((e) => e.label)).toEqual(['8小时50分', '12小时']);
    // the plot gives way to the widest label: nothing is drawn past the chart's edge
    expect(daily('zh').plot.right + 4 + textWidth('8小时50分')).toBeLessThanOrEqual(CHART_SIZE.width);
    expect(daily('zh').plot.left - 4 - textWidth('10小时')).toBeGreaterThanOrEqual(0);
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
    expect(base.grid).toBe(base.yTicks.map((t) => `M${base.plot.left} ${t.y}H${base.plot.right}`).join(''));
  });

  describe('readable from the first round to the last', () => {
    /** Every label's box, as drawn: y ticks and titles end at their x, round numbers are centred, end labels start at theirs. */
    const boxes = (c: DanceChart) => {
      const box = (x: number, baseline: number, label: string, anchor: 'start' | 'middle' | 'end') => {
        const w = textWidth(label);
        const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
        return { label, x0, x1: x0 + w, y0: baseline - CHART_FONT * 0.8, y1: baseline + CHART_FONT * 0.2 };
      };
      return [
        ...c.yTicks.map((t) => box(c.plot.left - 4, t.y + 3, t.label, 'end')),
        box(c.yTitle.x, c.yTitle.y, c.yTitle.label, 'end'),
        ...c.xTicks.map((t) => box(t.x, c.height - 6, t.label, 'middle')),
        box(c.xTitle.x, c.xTitle.y, c.xTitle.label, 'end'),
        ...c.ends.map((e) => box(e.x, e.y, e.label, 'start')),
      ];
    };
    const overlaps = (c: DanceChart) => {
      const all = boxes(c);
      return all.flatMap((a, i) => all.slice(i + 1).filter((b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1).map((b) => `${a.label} × ${b.label}`));
    };
    const outside = (c: DanceChart) => boxes(c).filter((b) => b.x0 < 0 || b.x1 > c.width || b.y0 < 0 || b.y1 > c.height).map((b) => b.label);

    it('with one offer per side: both figures labelled apart, inside a padded range, no label on another', () => {
      const charts = danceCharts(offers.slice(0, 2), null, 'zh');
      const [base] = charts;
      expect(base.ends.map((e) => [e.side, e.label])).toEqual([
        ['union', '7.00'],
        ['enterprise', '6.00'],
      ]);
      // the range reaches past both offers: neither sits on the frame
      const ys = base.series.flatMap((s) => s.points.map((p) => p.y));
      expect(Math.min(...ys)).toBeGreaterThan(CHART_SIZE.top);
      expect(Math.max(...ys)).toBeLessThan(CHART_SIZE.height - CHART_SIZE.bottom);
      expect(base.xTicks.map((t) => t.label)).toEqual(['1', '2']);
      for (const c of charts) expect({ path: c.path, overlaps: overlaps(c), outside: outside(c) }).toEqual({ path: c.path, overlaps: [], outside: [] });
    });

    it('keeps the two latest figures apart when the sides have come within a hair of each other', () => {
      const near: Offer[] = [
        { round: 1, proposer: 'union', terms: terms(760, 1200) },
        { round: 2, proposer: 'enterprise', terms: terms(560, 1500) },
        { round: 3, proposer: 'union', terms: terms(650, 1400) },
        { round: 4, proposer: 'enterprise', terms: terms(648, 1410) },
      ];
      for (const c of danceCharts(near, null, 'zh')) expect(overlaps(c)).toEqual([]);
    });

    it('with many rounds and an agreement: round numbers thinned, 达成 last, one agreed label, no overlap', () => {
      const many: Offer[] = Array.from({ length: 23 }, (_, i) => ({
        round: i + 1,
        proposer: i % 2 === 0 ? 'union' : 'enterprise',
        terms: { ...terms(i % 2 === 0 ? 760 - i * 5 : 560 + i * 4, 1200 + i * 10), restSchedule: { maxContinuousMinutes: 175 + i * 5, maxDailyMinutes: 535 - i * 7 } },
      }));
      for (const lang of ['zh', 'en'] as const) {
        const agreed = { ...terms(650, 1400), restSchedule: { maxContinuousMinutes: 235, maxDailyMinutes: 475 } };
        for (const c of danceCharts(many, agreed, lang)) {
          expect({ path: c.path, overlaps: overlaps(c), outside: outside(c) }).toEqual({ path: c.path, overlaps: [], outside: [] });
          expect(c.xTicks[0].label).toBe('1');
          expect(c.xTicks.at(-1)!.label).toBe(lang === 'zh' ? '达成' : 'Agreed');
          expect(c.ends).toEqual([expect.objectContaining({ side: 'agreed' })]);
        }
      }
      expect(danceCharts(many.slice(0, 12), null, 'zh')[0].xTicks.map((t) => t.label)).toEqual(['1', '3', '5', '7', '9', '12']);
      for (const rounds of [9, 12, 16, 20, 31]) {
        for (const c of danceCharts(many.slice(0, rounds), null, 'zh')) expect(overlaps(c)).toEqual([]);
      }
    });

    it('keeps a scale of round steps, never below zero for a figure that cannot be negative', () => {
      expect(valueScale('pieceRates[delivery].baseFen', 600, 700)).toEqual({ lo: 587.5, hi: 712.5, ticks: [600, 650, 700] });
      expect(valueScale('laborQuota.standardTasksPerHour', 0, 2).lo).toBe(0);
      expect(valueScale('restSchedule.maxDailyMinutes', 530, 720)).toEqual({ lo: 500, hi: 750, ticks: [600, 720] });
      for (const [min, max] of [[1, 2], [640, 648], [0, 10000], [120, 720], [1010, 1980]]) {
        const { lo, hi, ticks } = valueScale('termMonths', min, max);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(4);
        expect(lo < min || min === 0).toBe(true);
        expect(hi).toBeGreaterThan(max);
      }
    });
  });
});
