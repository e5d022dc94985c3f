import { Terms } from '../terms/terms';
import { FormError, termsFormModel, termsFromForm } from './terms-form';

const terms: Terms = {
  pieceRates: [{ task: 'delivery', baseFen: 640, perKmFen: 70, kmIncluded: 3, nightSurchargeFen: 120, badWeatherSurchargeFen: 250 }],
  commission: { maxBasisPoints: 1350 },
  restSchedule: { maxContinuousMinutes: 210, minBreakMinutes: 20, maxDailyMinutes: 600, restDaysPerMonth: 4, holidayPayPercent: 300 },
  laborQuota: { standardTasksPerHour: 4 },
  clauses: [{ topic: 'order_allocation', text: '派单算法须公开主要规则。' }],
  termMonths: 24,
};

/** What a browser posts for the model's fields, as strings. */
function posted(model: ReturnType<typeof termsFormModel>): Record<string, string> {
  const form: Record<string, string> = {
    commission: String(model.commission),
    'rest.continuous': String(model.rest.continuous),
    'rest.break': String(model.rest.break),
    'rest.daily': String(model.rest.daily),
    'rest.days': String(model.rest.days),
    'rest.holiday': String(model.rest.holiday),
    quota: String(model.quota),
    termMonths: String(model.termMonths),
  };
  for (const r of model.rates)
    Object.assign(form, {
      [`rate.${r.index}.task`]: r.task,
      [`rate.${r.index}.base`]: r.base,
      [`rate.${r.index}.perKm`]: r.perKm,
      [`rate.${r.index}.km`]: String(r.km),
      [`rate.${r.index}.night`]: r.night,
      [`rate.${r.index}.weather`]: r.weather,
    });
  for (const c of model.clauses) Object.assign(form, { [`clause.${c.index}.topic`]: c.topic, [`clause.${c.index}.text`]: c.text });
  return form;
}

describe('the offer form', () => {
  it('shows the terms in 元, %, and hours', () => {
    const model = termsFormModel(terms, 'zh');
    expect(model.rates[0]).toMatchObject({ base: '6.40', perKm: '0.70', km: 3, night: '1.20', weather: '2.50' });
    expect(model.commission).toBe('13.5');
    expect(model.rest).toEqual({ continuous: '3.5', break: 20, daily: '10', days: 4, holiday: 300 });
  });

  it('reads back exactly the terms it showed: fen, basis points and minutes', () => {
    expect(termsFromForm(posted(termsFormModel(terms, 'zh')), 'zh')).toEqual(terms);
  });

  it('converts a changed figure: 6.5 元 is 650 fen, 14% is 1400 bp, 4.25 hours is 255 minutes', () => {
    const form = { ...posted(termsFormModel(terms, 'zh')), 'rate.0.base': '6.5', commission: '14', 'rest.continuous': '4.25' };
    const read = termsFromForm(form, 'zh');
    expect(read.pieceRates[0].baseFen).toBe(650);
    expect(read.commission).toEqual({ maxBasisPoints: 1400 });
    expect(read.restSchedule!.maxContinuousMinutes).toBe(255);
  });

  it('leaves blank optional fields out instead of sending zeros', () => {
    const read = termsFromForm({ 'rate.0.task': 'delivery', 'rate.0.base': '6', quota: '4' }, 'zh');
    expect(read).toEqual({ pieceRates: [{ task: 'delivery', baseFen: 600 }], laborQuota: { standardTasksPerHour: 4 } });
  });

  it('adds a task and a clause from the blank rows, and drops blank rows', () => {
    const form = { ...posted(termsFormModel(terms, 'zh')), 'rate.1.task': 'pickup', 'rate.1.base': '3', 'clause.1.topic': 'algorithm', 'clause.1.text': '算法规则每年协商一次。' };
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
