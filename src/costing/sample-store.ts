import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { CostedDay } from './costing';
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
  private cached: { key: string; days: CostedDay[] } | null = null;

  constructor(private readonly tx: Transactions) {}

  async insertRiderDays(m: EntityManager, sampleId: string, days: RiderDays): Promise<void> {
    let batch: CostingRiderDay[] = [];
    for (const { riderHash, day, value } of days.entries()) {
      batch.push({ sampleId, riderHash, day, orders: value.orders, night: value.night, badWeather: value.badWeather, kmBuckets: JSON.stringify(value.buckets) });
      if (batch.length === CHUNK) {
        await m.createQueryBuilder().insert().into(CostingRiderDay).values(batch).execute();
        batch = [];
      }
    }
    if (batch.length) await m.createQueryBuilder().insert().into(CostingRiderDay).values(batch).execute();
  }

  async insertOnlineDays(m: EntityManager, sampleId: string, minutes: Map<string, number>): Promise<void> {
    let batch: CostingOnlineDay[] = [];
    for (const [key, onlineMinutes] of minutes) {
      const cut = key.lastIndexOf('|');
      batch.push({ sampleId, riderHash: key.slice(0, cut), day: key.slice(cut + 1), onlineMinutes });
      if (batch.length === CHUNK) {
        await m.createQueryBuilder().insert().into(CostingOnlineDay).values(batch).execute();
        batch = [];
      }
    }
    if (batch.length) await m.createQueryBuilder().insert().into(CostingOnlineDay).values(batch).execute();
  }

  latest(negotiationId: string, kind: SampleKind): Promise<OrderSample | null> {
    return this.tx.manager.findOne(OrderSample, { where: { negotiationId, kind }, order: { uploadedAt: 'DESC', id: 'DESC' } });
  }

  /** The rider-days of both samples that have online time (a day without it cannot be costed). */
  async costedDays(orders: OrderSample, online: OrderSample): Promise<CostedDay[]> {
    const key = `${orders.id}:${online.id}`;
    if (this.cached?.key === key) return this.cached.days;
    const rows: Array<{ rider_hash: string; orders: number; night: number; bad_weather: number; km_buckets: string; online_minutes: number }> =
      await this.tx.manager
        .createQueryBuilder(CostingRiderDay, 'd')
        .innerJoin(CostingOnlineDay, 'o', 'o.sample_id = :online AND o.rider_hash = d.rider_hash AND o.day = d.day', { online: online.id })
        .where('d.sample_id = :orders', { orders: orders.id })
        .select(['d.rider_hash AS rider_hash', 'd.orders AS orders', 'd.night AS night', 'd.bad_weather AS bad_weather', 'd.km_buckets AS km_buckets', 'o.online_minutes AS online_minutes'])
        .getRawMany();
    const days = rows.map((r) => ({
      riderHash: r.rider_hash,
      orders: Number(r.orders),
      night: Number(r.night),
      badWeather: Number(r.bad_weather),
      buckets: JSON.parse(r.km_buckets) as Array<[number, number, number]>,
      onlineMinutes: Number(r.online_minutes),
    }));
    this.cached = { key, days };
    return days;
  }
}
