import { DaySet, costTerms, deltaPercent } from './costing';
import { RiderDay, RiderDays, dayPayFen } from './rider-day';

/** Rider-days given one by one, laid out in columns as joinPacks lays out a sample's packs. */
interface CostedDay extends RiderDay {
  riderHash: string;
  onlineMinutes: number;
}

function daySet(days: readonly CostedDay[]): DaySet {
  const size = days.length;
  const buckets = days.reduce((n, d) => n + d.buckets.length, 0);
  const set: DaySet = {
    size,
    riders: new Set(days.filter((d) => d.onlineMinutes > 0).map((d) => d.riderHash)).size,
    orders: new Uint32Array(size),
    night: new Uint32Array(size),
    badWeather: new Uint32Array(size),
    onlineMinutes: new Uint16Array(size),
    start: new Uint32Array(size + 1),
    bucket: new Uint16Array(buckets),
    bucketOrders: new Uint32Array(buckets),
    bucketKm: new Float64Array(buckets),
    kmScale: 1,
  };
  let b = 0;
  days.forEach((d, i) => {
    set.orders[i] = d.orders;
    set.night[i] = d.night;
    set.badWeather[i] = d.badWeather;
    set.onlineMinutes[i] = d.onlineMinutes;
    set.start[i] = b;
    for (const [bucket, orders, km] of [...d.buckets].sort((x, y) => x[0] - y[0])) {
      set.bucket[b] = bucket;
      set.bucketOrders[b] = orders;
      set.bucketKm[b++] = km;
    }
  });
  set.start[size] = b;
  return set;
}

const rate = { task: 'delivery', baseFen: 500, perKmFen: 100, kmIncluded: 3, nightSurchargeFen: 100, badWeatherSurchargeFen: 200 };
const terms = { pieceRates: [rate], laborQuota: { standardTasksPerHour: 4 } };

/**
 * Hand-computed sample: rider A works 120 minutes and delivers 3 orders (2 km; 5 km at night;
 * 3 km in the rain): 500 + (500 + 2·100 + 100) + (500 + 200) = 2000 fen → 1000 fen/h.
 * Rider B works 60 minutes and delivers 2 orders (4.5 km; 1 km): 650 + 500 = 1150 fen/h.
 * Rider C works 60 minutes and delivers 1 order of 3 km: 500 fen/h.
 */
function sample() {
  const days = new RiderDays();
  const add = (r: string, km: number, night = false, badWeather = false) => days.add(r.repeat(32), '2026-10-01', { km, night, badWeather });
  add('a', 2);
  add('a', 5, true);
  add('a', 3, false, true);
  add('b', 4.5);
  add('b', 1);
  add('c', 3);
  const online: Record<string, number> = { a: 120, b: 60, c: 60 };
  return daySet([...days.entries()].map((d) => ({ ...d.value, riderHash: d.riderHash, onlineMinutes: online[d.riderHash[0]] })));
}

describe('costTerms against a hand-computed sample', () => {
  const figures = costTerms(sample(), terms, 1100);

  it('sums what the platform pays', () => {
    expect(figures.platformCostFen).toBe(2000 + 1150 + 500);
    expect(figures.riders).toBe(3);
    expect(figures.riderHours).toBe(4);
  });

  it('weights hourly earnings by rider-hours', () => {
    // 4 hours: C 500 (1 h), A 1000 (2 h), B 1150 (1 h); mean = 3650 fen / 4 h
    expect(figures.hourlyFen).toEqual({ p10: 500, p50: 1000, p90: 1150, mean: 913 });
  });

  it('counts the rider-hours paid below the hourly minimum', () => {
    // below 1100 fen/h: C (1 h) and A (2 h) of 4 h
    expect(figures.belowMinimumWageShare).toBe(7500);
    // exactly at the minimum is not below it
    expect(costTerms(sample(), terms, 1000).belowMinimumWageShare).toBe(2500);
  });
});

describe('costTerms pays each day as dayPayFen does', () => {
  it('agrees with dayPayFen day by day (the columns are the formula written out)', () => {
    const days = new RiderDays();
    for (let i = 0; i < 200; i++) days.add(`r${i % 7}`.padEnd(32, '0'), `2026-10-0${1 + (i % 5)}`, { km: (i * 37) % 140 / 10, night: i % 3 === 0, badWeather: i % 11 === 0 });
    const list = [...days.entries()].map((d) => ({ ...d.value, riderHash: d.riderHash, onlineMinutes: 60 }));
    const oneByOne = list.reduce((sum, d) => sum + dayPayFen(d, terms), 0);
    expect(costTerms(daySet(list), terms, 0).platformCostFen).toBe(Math.round(oneByOne));
  });

  it('ranks hourly pay above the histogram too', () => {
    const huge = daySet([{ riderHash: 'x'.repeat(32), orders: 400, night: 0, badWeather: 0, buckets: [[1, 400, 400]], onlineMinutes: 1 }]);
    expect(costTerms(huge, terms, 0).hourlyFen.p50).toBe(400 * 500 * 60);
  });
});

describe('deltaPercent', () => {
  it('is the change against the current cost, one decimal, and null without a current cost', () => {
    expect(deltaPercent(1105, 1000)).toBe(10.5);
    expect(deltaPercent(900, 1000)).toBe(-10);
    expect(deltaPercent(5, 0)).toBeNull();
  });
});
