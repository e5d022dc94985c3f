import { Terms } from '../terms/terms';
import { FormError, termsFormModel, termsFromForm, termsToForm } from './terms-form';

const terms: Terms = {
  pieceRates: [{ task: 'delivery', baseFen: 640, perKmFen: 70, kmIncluded: 3, nightSurchargeFen: 120, badWeatherSurchargeFen: 250 }],
  commission: { maxBasisPoints: 1350 },
  restSchedule: { maxContinuousMinutes: 210, minBreakMinutes: 20, maxDailyMinutes: 600, restDaysPerMonth: 4, holidayPayPercent: 300 },
  laborQuota: { standardTasksPerHour: 4 },
  clauses: [{ topic: 'order_allocation', text: '派单算法须公开主要规则。' }],
  termMonths: 24,
};

describe('the offer form', () => {
  it('shows the terms in 元 and %, and durations in whole hours and minutes', () => {
    const model = termsFormModel(termsToForm(terms), 'zh');
    expect(model.rates[0]).toMatchObject({ base: '6.40', perKm: '0.70', km: '3', night: '1.20', weather: '2.50' });
    expect(model.commission).toBe('13.5');
    expect(model.rest).toEqual({ continuous: { h: '3', m: '30' }, break: '20', daily: { h: '10', m: '0' }, days: '4', holiday: '300' });
  });

  it('shows 155 minutes as 2 hours 35 minutes, not as 2.58 hours', () => {
    const odd = { ...terms, restSchedule: { ...terms.restSchedule, maxContinuousMinutes: 155 } };
    expect(termsFormModel(termsToForm(odd), 'zh').rest.continuous).toEqual({ h: '2', m: '35' });
    expect(termsFromForm(termsToForm(odd), 'zh')).toEqual(odd);
  });

  it('reads back exactly the terms it showed: fen, basis points and minutes', () => {
    expect(termsFromForm(termsToForm(terms), 'zh')).toEqual(terms);
  });

  it("keeps a clause's commitment through the form, and names a commitment without its days", () => {
    const committed = { ...terms, clauses: [{ topic: 'grievance', text: '七日内答复申诉。', commitment: { responsible: 'enterprise' as const, dueInDays: 30 } }] };
    expect(termsFromForm(termsToForm(committed), 'zh')).toEqual(committed);
    expect(() => termsFromForm({ ...termsToForm(committed), 'clause.0.days': '' }, 'zh')).toThrow(FormError);
  });

  it('converts a changed figure: 6.5 元 is 650 fen, 14% is 1400 bp, 4 hours 15 minutes is 255 minutes', () => {
    const form = { ...termsToForm(terms), 'rate.0.base': '6.5', commission: '14', 'rest.continuous.h': '4', 'rest.continuous.m': '15' };
    const read = termsFromForm(form, 'zh');
    expect(read.pieceRates[0].baseFen).toBe(650);
    expect(read.commission).toEqual({ maxBasisPoints: 1400 });
    expect(read.restSchedule!.maxContinuousMinutes).toBe(255);
  });

  it('takes a blank hours or minutes box as none of them, and both blank as no term', () => {
    const form = { ...termsToForm(terms), 'rest.continuous.h': '', 'rest.continuous.m': '90', 'rest.daily.h': '', 'rest.daily.m': '' };
    const rest = termsFromForm(form, 'zh').restSchedule!;
    expect(rest.maxContinuousMinutes).toBe(90);
    expect(rest).not.toHaveProperty('maxDailyMinutes');
  });

  it('shows what was sent, as typed, when the offer is sent back: a nameless new task stays in the blank row', () => {
    const sent = { ...termsToForm(terms), 'rate.0.base': '六块', 'rest.daily.h': '9', 'rate.1.base': '3', 'clause.1.topic': 'algorithm', 'clause.1.text': '算法规则每年协商一次。' };
    const model = termsFormModel(sent, 'zh');
    expect(model.rates.map((r) => [r.task, r.base])).toEqual([['delivery', '六块']]);
    expect(model.newRate).toEqual({ index: 1, base: '3' });
    expect(model.rest.daily).toEqual({ h: '9', m: '0' });
    expect(model.clauses.map((c) => c.text)).toEqual(['派单算法须公开主要规则。', '算法规则每年协商一次。']);
    expect(model.newClause).toBe(2);
  });

  it('leaves blank optional fields out instead of sending zeros', () => {
    const read = termsFromForm({ 'rate.0.task': 'delivery', 'rate.0.base': '6', quota: '4' }, 'zh');
    expect(read).toEqual({ pieceRates: [{ task: 'delivery', baseFen: 600 }], laborQuota: { standardTasksPerHour: 4 } });
  });

  it('adds a task and a clause from the blank rows, and drops blank rows', () => {
    const form = { ...termsToForm(terms), 'rate.1.task': 'pickup', 'rate.1.base': '3', 'clause.1.topic': 'algorithm', 'clause.1.text': '算法规则每年协商一次。' };
    const read = termsFromForm(form, 'zh');
    expect(read.pieceRates.map((r) => r.task)).toEqual(['delivery', 'pickup']);
    expect(read.clauses!.at(-1)).toEqual({ topic: 'algorithm', text: '算法规则每年协商一次。' });
  });

  it('names every unreadable or missing field at once, in Chinese', () => {
    const attempt = () => termsFromForm({ 'rate.0.task': 'delivery', 'rate.0.base': '六块', commission: '1.234', 'rest.break': '-5' }, 'zh');
    expect(attempt).toThrow(FormError);
    try {
      attempt();
    } catch (error) {
      expect((error as FormError).messages).toEqual([
        '配送·基本单价：请填写正确的数字',
        '平台抽成上限：请填写正确的数字',
        '连续工作后至少休息：请填写正确的数字',
        '劳动定额：必填',
      ]);
    }
  });
});
