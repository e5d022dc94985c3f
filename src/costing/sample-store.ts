import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { DaySet, daySet } from './costing';
import { CostingOnlineDay, CostingRiderDay, OrderSample } from './costing.entities';
import { RiderDays } from './rider-day';
import { SampleKind } from './sample-reader';

const CHUNK = 500;

/**
 * Where folded samples live: the rider-days of an orders sample, the online minutes of an
 * online-time sample, and one cache of the latest pair joined, so that costing another offer
 * against a loaded sample does not read the rows again.
 */
@Injectable()
export class SampleStore {
  private cached: { key: string; days: DaySet } | null = null;

  constructor(private readonly tx: Transactions) {}

  async insertRiderDays(m: EntityManager, sampleId: string, days: RiderDays): Promise<void> {
    const rows = (function* () {
      for (const { riderHash, day, value } of days.entries())
        yield [sampleId, riderHash, day, value.orders, value.night, value.badWeather, JSON.stringify(value.buckets)];
    })();
    await insertMany(m, 'costing_rider_days', ['sample_id', 'rider_hash', 'day', 'orders', 'night', 'bad_weather', 'km_buckets'], rows);
  }

  async insertOnlineDays(m: EntityManager, sampleId: string, minutes: Map<string, number>): Promise<void> {
    const rows = (function* () {
      for (const [key, onlineMinutes] of minutes) {
        const cut = key.lastIndexOf('|');
        yield [sampleId, key.slice(0, cut), key.slice(cut + 1), onlineMinutes];
      }
    })();
    await insertMany(m, 'costing_online_days', ['sample_id', 'rider_hash', 'day', 'online_minutes'], rows);
  }

  latest(negotiationId: string, kind: SampleKind): Promise<OrderSample | null> {
    return this.tx.manager.findOne(OrderSample, { where: { negotiationId, kind }, order: { uploadedAt: 'DESC', id: 'DESC' } });
  }

  /** The rider-days of both samples that have online time (a day without it cannot be costed). */
  async costedDays(orders: OrderSample, online: OrderSample): Promise<DaySet> {
    const key = `${orders.id}:${online.id}`;
    if (this.cached?.key === key) return this.cached.days;
    const rows: Array<{ rider_hash: string; orders: number; night: number; bad_weather: number; km_buckets: string; online_minutes: number }> =
      await this.tx.manager
        .createQueryBuilder(CostingRiderDay, 'd')
        .innerJoin(CostingOnlineDay, 'o', 'o.sample_id = :online AND o.rider_hash = d.rider_hash AND o.day = d.day', { online: online.id })
        .where('d.sample_id = :orders', { orders: orders.id })
        .select(['d.rider_hash AS rider_hash', 'd.orders AS orders', 'd.night AS night', 'd.bad_weather AS bad_weather', 'd.km_buckets AS km_buckets', 'o.online_minutes AS online_minutes'])
        .getRawMany();
    const days = daySet(rows.map((r) => ({
      riderHash: r.rider_hash,
      orders: Number(r.orders),
      night: Number(r.night),
      badWeather: Number(r.bad_weather),
      buckets: JSON.parse(r.km_buckets) as Array<[number, number, number]>,
      onlineMinutes: Number(r.online_minutes),
    })));
    this.cached = { key, days };
    return days;
  }
}

/**
 * Multi-row INSERTs with bound parameters, CHUNK rows each: a sample folds into 10⁵–10⁶
 * rider-days, and the query builder's per-value bookkeeping was most of their insert time.
 */
async function insertMany(m: EntityManager, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<void> {
  const postgres = m.connection.options.type === 'postgres';
  let batch: unknown[] = [];
  let count = 0;
  const flush = async () => {
    if (!count) return;
    let n = 0;
    const tuple = () => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(',')})`;
    const values = Array.from({ length: count }, tuple).join(',');
    await m.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${values}`, batch);
    batch = [];
    count = 0;
  };
  for (const row of rows) {
    batch.push(...row);
    if (++count === CHUNK) await flush();
  }
  await flush();
}
