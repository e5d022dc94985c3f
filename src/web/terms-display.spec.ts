import { Terms } from '../terms/terms';
import { comparePaths, describeTerms, joinMoves, termLabel, termValue } from './terms-display';

const terms: Terms = {
  pieceRates: [{ task: 'delivery', baseFen: 640, perKmFen: 70, kmIncluded: 3, nightSurchargeFen: 120 }],
  commission: { maxBasisPoints: 1350 },
  restSchedule: { maxContinuousMinutes: 240, minBreakMinutes: 20, maxDailyMinutes: 600, restDaysPerMonth: 4, holidayPayPercent: 300 },
  laborQuota: { standardTasksPerHour: 4 },
  clauses: [{ topic: 'order_allocation', text: '派单算法须公开主要规则。' }],
  termMonths: 24,
};

describe('terms in plain words', () => {
  it('names a piece-rate path by its task and field', () => {
    expect(termLabel('pieceRates[delivery].baseFen', 'zh')).toBe('配送·基本单价');
    expect(termLabel('pieceRates[delivery].baseFen', 'en')).toBe('Delivery base rate');
    expect(termLabel('commission.maxBasisPoints', 'zh')).toBe('平台抽成上限');
  });

  it('gives each value its unit: 元 per order, %, hours, days, orders an hour, months', () => {
    expect(termValue('pieceRates[delivery].baseFen', 640, 'zh')).toBe('6.40 元/单');
    expect(termValue('pieceRates[delivery].perKmFen', 70, 'zh')).toBe('0.70 元/公里');
    expect(termValue('commission.maxBasisPoints', 1350, 'zh')).toBe('13.5%');
    expect(termValue('restSchedule.maxContinuousMinutes', 240, 'zh')).toBe('4 小时');
    expect(termValue('restSchedule.minBreakMinutes', 20, 'zh')).toBe('20 分钟');
    expect(termValue('restSchedule.restDaysPerMonth', 4, 'zh')).toBe('4 天');
    expect(termValue('laborQuota.standardTasksPerHour', 4, 'zh')).toBe('每小时 4 单');
    expect(termValue('termMonths', 24, 'zh')).toBe('24 个月');
    expect(termValue('clauses[0].topic', 'order_allocation', 'zh')).toBe('派单规则');
    expect(termValue('termMonths', null, 'zh')).toBe('—');
  });

  it('never shows fen, basis points or minutes as raw numbers', () => {
    const text = JSON.stringify(describeTerms(terms, 'zh'));
    for (const raw of ['640', '1350', '"240', '"600']) expect(text).not.toContain(raw);
  });

  it('groups the terms into sections, piece rates first and clauses last, a clause under its topic', () => {
    const sections = describeTerms(terms, 'zh');
    expect(sections.map((s) => s.heading)).toEqual(['计件单价', '抽成', '休息休假', '劳动定额', '合同期限', '其他约定']);
    expect(sections[0].rows.map((r) => r.label)).toEqual(['配送·基本单价', '配送·基本单价含里程', '配送·超出里程每公里加价', '配送·夜间加价']);
    expect(sections.at(-1)!.rows).toEqual([{ path: 'clauses[0].text', label: '派单规则', value: '派单算法须公开主要规则。' }]);
  });

  it('orders paths the same way everywhere: piece rates by task, then the fixed order, then clauses', () => {
    const paths = ['termMonths', 'clauses[0].text', 'commission.maxBasisPoints', 'pieceRates[pickup].baseFen', 'pieceRates[delivery].perKmFen', 'pieceRates[delivery].baseFen'];
    expect([...paths].sort(comparePaths)).toEqual([
      'pieceRates[delivery].baseFen',
      'pieceRates[delivery].perKmFen',
      'pieceRates[pickup].baseFen',
      'commission.maxBasisPoints',
      'termMonths',
      'clauses[0].text',
    ]);
  });

  it('writes a run of figures with the unit they share once, and each unit where they differ', () => {
    expect(joinMoves(['7.55 元', '7.45 元', '7.35 元'])).toBe('7.55 → 7.45 → 7.35 元');
    expect(joinMoves(['13.5%', '14%'])).toBe('13.5 → 14%');
    expect(joinMoves(['4 小时', '3 小时 50 分钟'])).toBe('4 小时 → 3 小时 50 分钟');
    expect(joinMoves(['每小时 4 单', '每小时 5 单'])).toBe('每小时 4 单 → 每小时 5 单');
    expect(joinMoves(['6.40 元'])).toBe('6.40 元');
  });
});
