import { costTerms } from './costing';
import { OnlineDays, RiderDays } from './rider-day';
import { OnlinePack, OrdersPack, decodePack, encodePack, joinPacks } from './sample-pack';
import { sampleNames } from './sample-reader';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);
const terms = { pieceRates: [{ task: 'delivery', baseFen: 500, perKmFen: 100, kmIncluded: 3 }], laborQuota: { standardTasksPerHour: 4 } };

function orders(): OrdersPack {
  const days = new RiderDays();
  days.add(A, '2026-10-01', { km: 5, night: true, badWeather: false });
  days.add(A, '2026-10-01', { km: 2.5, night: false, badWeather: false });
  days.add(B, '2026-10-01', { km: 4, night: false, badWeather: true });
  days.add(A, '2026-10-02', { km: 1, night: false, badWeather: false });
  days.add(C, '2026-10-02', { km: 1, night: false, badWeather: false });
  return days.pack();
}

function online(minutes: Array<[string, string, number]>): OnlinePack {
  const names = sampleNames();
  const days = new OnlineDays(names);
  for (const [rider, day, m] of minutes) days.addNumbered(names.riders.number(rider), names.dates.number(day), m);
  return days.pack();
}

describe('sample packs', () => {
  it('decode to the arrays they were encoded from, whether the blobs come aligned or not, whole or in parts', () => {
    const pack = orders();
    const parts = encodePack(pack);
    expect(parts).toHaveLength(10); // the header and nine arrays
    const shifted = parts.map((p) => {
      const copy = Buffer.alloc(p.length + 1);
      p.copy(copy, 1);
      return copy.subarray(1); // odd offset: a Uint32Array cannot view it in place
    });
    // PostgreSQL's small parts: every array cut into parts of 4 bytes
    const small = encodePack(pack, 4);
    expect(small.length).toBeGreaterThan(parts.length);
    for (const decoded of [decodePack(parts), decodePack(shifted), decodePack(small)]) {
      expect(decoded).toMatchObject({ kind: 'orders', riders: [A, B, C], dates: ['2026-10-01', '2026-10-02'], size: 4 });
      const d = decoded as OrdersPack;
      expect([...d.orders]).toEqual([2, 1, 1, 1]);
      expect([...d.start]).toEqual([0, 2, 3, 4, 5]);
      expect([...d.bucket]).toEqual([3, 5, 4, 1, 1]);
      expect(d.kmScale).toBe(10); // tenths of a km: the sample's finest distance is 2.5
      expect([...d.bucketKm]).toEqual([25, 50, 40, 10, 10]);
    }
  });

  it('keeps distances as whole units down to the metre, in the narrowest array, and as doubles below that', () => {
    const pack = (...kms: number[]) => {
      const days = new RiderDays();
      for (const km of kms) days.add(A, '2026-10-01', { km, night: false, badWeather: false });
      return days.pack();
    };
    expect(pack(3, 7)).toMatchObject({ kmScale: 1, bucketKm: Uint8Array.from([3, 7]), bucket: Uint8Array.from([3, 7]) });
    expect(pack(3.25, 400.005)).toMatchObject({ kmScale: 1000, bucketKm: Uint32Array.from([3250, 400005]) });
    const fine = pack(3.14159);
    expect(fine.kmScale).toBe(1);
    expect(fine.bucketKm).toEqual(Float64Array.from([3.14159]));
    // either way the day pays the same
    const day = (p: OrdersPack) => costTerms(joinPacks(p, online([[A, '2026-10-01', 60]])), terms, 0).platformCostFen;
    expect(day(pack(3.25, 400.005))).toBe(Math.round(500 + 500 + 100 * (0.25 + 397.005)));
    expect(day(pack(3.14159))).toBe(Math.round(500 + 100 * 0.14159));
  });

  it('refuses what is not a pack', () => {
    expect(() => decodePack([Buffer.from('{"kind":"orders"}')])).toThrow(/not a sample pack/);
  });

  it('join orders to online time by rider hash and day: a day online without orders earns 0, orders without online time are still paid', () => {
    // online time names riders in its own order; A has none on 10-02, C none on 10-02 but is online on 10-01 without an order;
    // D (no orders at all) and 10-03 (after the orders' last day) are beyond the orders sample: not costed
    const D = 'd'.repeat(32);
    const time = online([[B, '2026-10-01', 30], [A, '2026-10-01', 60], [C, '2026-10-01', 60], [D, '2026-10-01', 90], [A, '2026-10-03', 90]]);
    const days = joinPacks(orders(), time);
    expect([...days.onlineMinutes]).toEqual([60, 30, 0, 0]);
    expect([...days.idleMinutes!]).toEqual([60]);
    // many riders × days: through a Map instead of the grid, the same join
    expect(joinPacks(orders(), time, 0)).toEqual(days);
    expect(days.riders).toBe(3);
    // A: 500 + (500 + 200) = 1200 in 1 h; B: 500 + 100 = 600 in 0.5 h; C: 0 in 1 h;
    // the platform pays A's and C's orders of 10-02 too (500 each), though nobody logged their hours
    const figures = costTerms(days, terms, 1000);
    expect(figures).toMatchObject({ riders: 3, riderHours: 2.5, platformCostFen: 2800 });
    expect(figures.hourlyFen).toEqual({ p10: 0, p50: 1200, p90: 1200, mean: Math.round((1800 * 60) / 150) });
    // C's hour, paid nothing, is below any minimum wage: 60 of 150 minutes
    expect(figures.belowMinimumWageShare).toBe(4000);
  });
});
