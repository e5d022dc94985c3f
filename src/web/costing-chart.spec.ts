import { CostedLine, belowSentence } from './costing-chart';

const line = (belowMinimumWageShare: number): CostedLine => ({
  label: 'union',
  round: 2,
  hourlyFen: { p10: 1800, p50: 2400, p90: 3100, mean: 2500 },
  belowMinimumWageShare,
  platformCostFen: 1,
  deltaPercentVsCurrent: null,
});

describe('the share below the minimum wage, in words', () => {
  it('says the rounded percentage', () => {
    expect(belowSentence(line(1230), 'zh')).toBe('按工会方案（第2轮），约 12% 的在线时长时薪低于最低工资。');
    expect(belowSentence(line(1230), 'en')).toBe('Under the union offer (round 2), about 12% of online hours pay less than the minimum wage.');
    expect(belowSentence(line(0), 'zh')).toBe('按工会方案（第2轮），约 0% 的在线时长时薪低于最低工资。');
  });

  it('never rounds a few hours below the minimum down to 0%', () => {
    expect(belowSentence(line(40), 'zh')).toBe('按工会方案（第2轮），不到 1% 的在线时长时薪低于最低工资。');
    expect(belowSentence(line(0.004), 'en')).toBe('Under the union offer (round 2), under 1% of online hours pay less than the minimum wage.');
  });
});
