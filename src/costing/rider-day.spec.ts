import fc from 'fast-check';
import { taskPayFen } from '../terms/earnings';
import { RiderDays, dayPayFen, paidKmOfDay } from './rider-day';

const terms = (rate: Record<string, number>) => ({ pieceRates: [{ task: 'delivery', baseFen: 450, ...rate }], laborQuota: { standardTasksPerHour: 3 } });

function dayOf(orders: Array<{ km: number; night: boolean; badWeather: boolean }>) {
  const days = new RiderDays();
  for (const order of orders) days.add('a'.repeat(32), '2026-10-01', order);
  return [...days.entries()][0].value;
}

describe('rider-days in whole-kilometre buckets', () => {
  it('puts an order of exactly n km in bucket n, and a hair more in bucket n + 1', () => {
    const day = dayOf([
      { km: 3, night: false, badWeather: false },
      { km: 3.01, night: false, badWeather: false },
    ]);
    expect(day.buckets).toEqual([
      [3, 1, 3],
      [4, 1, 3.01],
    ]);
    expect(paidKmOfDay(day, { task: 'delivery', baseFen: 0, kmIncluded: 3 })).toBeCloseTo(0.01, 10);
  });

  it('keeps one day per rider and date', () => {
    const days = new RiderDays();
    days.add('r1'.padEnd(32, '0'), '2026-10-01', { km: 1, night: false, badWeather: false });
    days.add('r1'.padEnd(32, '0'), '2026-10-02', { km: 1, night: false, badWeather: false });
    days.add('r2'.padEnd(32, '0'), '2026-10-01', { km: 1, night: true, badWeather: false });
    days.add('r2'.padEnd(32, '0'), '2026-10-01', { km: 2, night: false, badWeather: true });
    expect(days.size).toBe(3);
    const r2 = [...days.entries()].find((d) => d.riderHash.startsWith('r2'))!;
    expect(r2.value).toMatchObject({ orders: 2, night: 1, badWeather: 1 });
  });

  it('pays a day exactly what taskPayFen pays its orders one by one, for every whole kmIncluded', () => {
    const order = fc.record({ km: fc.integer({ min: 0, max: 2500 }).map((m) => m / 100), night: fc.boolean(), badWeather: fc.boolean() });
    const rate = fc.record({
      perKmFen: fc.integer({ min: 0, max: 200 }),
      kmIncluded: fc.integer({ min: 0, max: 30 }),
      nightSurchargeFen: fc.integer({ min: 0, max: 300 }),
      badWeatherSurchargeFen: fc.integer({ min: 0, max: 300 }),
    });
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 40 }), rate, (orders, r) => {
        const t = terms(r);
        const oneByOne = orders.reduce((sum, o) => sum + taskPayFen(t.pieceRates[0], o), 0);
        expect(dayPayFen(dayOf(orders), t)).toBeCloseTo(oneByOne, 6);
      }),
    );
  });
});
