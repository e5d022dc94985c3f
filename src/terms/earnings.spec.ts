import { orderRate, paidKm, standardHourlyPayFen, taskPayFen } from './earnings';

const rate = { task: 'delivery', baseFen: 450, perKmFen: 60, kmIncluded: 3, nightSurchargeFen: 100, badWeatherSurchargeFen: 200 };
const day = { night: false, badWeather: false };

describe('taskPayFen: base + per km beyond kmIncluded + surcharges', () => {
  it('pays only the base for an order of exactly kmIncluded', () => {
    expect(taskPayFen(rate, { km: 3, ...day })).toBe(450);
  });

  it('pays per km for the distance beyond kmIncluded, decimals exactly', () => {
    expect(taskPayFen(rate, { km: 4.5, ...day })).toBe(450 + 1.5 * 60);
    expect(taskPayFen(rate, { km: 2.9, ...day })).toBe(450);
  });

  it('adds the night and the bad-weather surcharge together when both apply', () => {
    expect(taskPayFen(rate, { km: 3, night: true, badWeather: true })).toBe(450 + 100 + 200);
    expect(taskPayFen(rate, { km: 5, night: true, badWeather: false })).toBe(450 + 120 + 100);
  });

  it('pays nothing the terms do not say: no per-km rate, no surcharge', () => {
    expect(taskPayFen({ task: 'delivery', baseFen: 500 }, { km: 12, night: true, badWeather: true })).toBe(500);
    expect(paidKm({ task: 'delivery', baseFen: 500, perKmFen: 10 }, 2.5)).toBe(2.5);
  });
});

describe('standardHourlyPayFen', () => {
  it('is the standard task (base only) times the tasks per hour', () => {
    expect(standardHourlyPayFen(rate, 4)).toBe(1800);
  });
});

describe('orderRate', () => {
  it('pays orders by the delivery rate wherever it stands, else by the first rate', () => {
    const errand = { task: 'errand', baseFen: 900 };
    expect(orderRate({ pieceRates: [errand, rate], laborQuota: { standardTasksPerHour: 3 } })).toBe(rate);
    expect(orderRate({ pieceRates: [errand], laborQuota: { standardTasksPerHour: 3 } })).toBe(errand);
  });
});
