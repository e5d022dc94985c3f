import { REPORT_CHART, satisfactionChart } from './ledger-page';

describe('satisfactionChart', () => {
  it('draws one bar per quarter with answers on a fixed 0–5 scale, and says every quarter in words', () => {
    const chart = satisfactionChart([{ quarter: 1, answers: 3, mean: 5 }, { quarter: 3, answers: 2, mean: 2.5 }], 'zh');
    const bottom = REPORT_CHART.height - REPORT_CHART.bottom;
    expect(chart.bars.map((b) => [b.label, b.y, b.h])).toEqual([
      ['Q1', REPORT_CHART.top, bottom - REPORT_CHART.top],
      ['Q3', 75, bottom - 75],
    ]);
    expect(chart.summary).toBe('Q1 5；Q2 无数据；Q3 2.5；Q4 无数据');
    expect(chart.bars.every((b) => b.x >= REPORT_CHART.left && b.x + b.w <= REPORT_CHART.width - REPORT_CHART.right)).toBe(true);
  });
});
