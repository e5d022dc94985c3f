import { basisPointsToPercentNumber, calendarDate, dateTime, duration, fenToYuanNumber, percent, timeLeft, yuan } from './format';

describe('money, ratios and time as riders read them', () => {
  it('shows fen as 元 with two decimals', () => {
    expect(yuan(640, 'zh')).toBe('6.40 元');
    expect(yuan(5, 'zh')).toBe('0.05 元');
    expect(yuan(70000, 'zh')).toBe('700.00 元');
    expect(yuan(640, 'en')).toBe('6.40 yuan');
    expect(fenToYuanNumber(0)).toBe('0.00');
  });

  it('shows basis points as a percentage without trailing zeros', () => {
    expect(percent(1400)).toBe('14%');
    expect(percent(1350)).toBe('13.5%');
    expect(percent(1234)).toBe('12.34%');
    expect(basisPointsToPercentNumber(1500)).toBe('15');
  });

  it('shows minutes as hours, and leftover minutes as minutes', () => {
    expect(duration(240, 'zh')).toBe('4 小时');
    expect(duration(20, 'zh')).toBe('20 分钟');
    expect(duration(210, 'zh')).toBe('3 小时 30 分钟');
    expect(duration(0, 'zh')).toBe('0 分钟');
    expect(duration(60, 'en')).toBe('1 hour');
    expect(duration(90, 'en')).toBe('1 hour 30 minutes');
  });

  it('shows instants in the deployment zone (Asia/Shanghai is UTC+8)', () => {
    expect(dateTime('2027-01-04T01:00:00.000Z', 'Asia/Shanghai', 'zh')).toBe('2027年1月4日 09:00');
    expect(dateTime('2027-01-04T16:30:00.000Z', 'Asia/Shanghai', 'zh')).toBe('2027年1月5日 00:30');
    expect(dateTime('2027-01-04T01:00:00.000Z', 'Asia/Shanghai', 'en')).toBe('4 Jan 2027, 09:00');
  });

  it('shows calendar dates as they are, without moving them across zones', () => {
    expect(calendarDate('2027-02-01', 'zh')).toBe('2027年2月1日');
    expect(calendarDate('2027-02-01', 'en')).toBe('1 Feb 2027');
  });

  it('counts time left in days, or in hours in the last two days, and says when it is overdue', () => {
    const now = new Date('2027-01-04T00:00:00Z');
    expect(timeLeft('2027-01-14T00:00:00Z', now)).toEqual({ unit: 'days', n: 10, overdue: false });
    expect(timeLeft('2027-01-05T06:00:00Z', now)).toEqual({ unit: 'hours', n: 30, overdue: false });
    expect(timeLeft('2027-01-01T00:00:00Z', now)).toEqual({ unit: 'days', n: 3, overdue: true });
  });
});
