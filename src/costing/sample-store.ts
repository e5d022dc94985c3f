import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { DaySet } from './costing';
import { OrderSample } from './costing.entities';
import { OnlinePack, OrdersPack, PG_PART_BYTES, SamplePack, decodePack, encodePack, joinPacks } from './sample-pack';
import { SampleKind } from './sample-reader';

/** Packs kept decoded in memory (the latest samples of the negotiations being costed). */
const KEPT_PACKS = 4;

/**
 * Where folded samples live: each sample's pack (sample-pack.ts) in `costing_sample_packs`,
 * and in memory the packs last uploaded or read and the latest pair joined, so that costing
 * an offer right after an upload, or another offer after that, reads nothing again.
 */
@Injectable()
export class SampleStore {
  private readonly packs = new Map<string, SamplePack>();
  private joined: { key: string; days: DaySet } | null = null;

  constructor(private readonly tx: Transactions) {}

  async insertPack(m: EntityManager, sampleId: string, pack: SamplePack): Promise<void> {
    const postgres = m.connection.options.type === 'postgres';
    const parts = encodePack(pack, postgres ? PG_PART_BYTES : Infinity);
    // PostgreSQL's small parts 16 rows to a statement
    for (let first = 0; first < parts.length; first += 16) {
      const rows = parts.slice(first, first + 16);
      const values = rows.map((_, i) => (postgres ? `($1, $${2 * i + 2}, $${2 * i + 3})` : '(?, ?, ?)')).join(', ');
      const params = postgres ? [sampleId, ...rows.flatMap((data, i) => [first + i, data])] : rows.flatMap((data, i) => [sampleId, first + i, data]);
      await m.query(`INSERT INTO costing_sample_packs (sample_id, part, data) VALUES ${values}`, params);
    }
  }

  /** After the upload's transaction committed: its pack is the one costing will want. */
  keep(sampleId: string, pack: SamplePack): void {
    this.packs.delete(sampleId);
    this.packs.set(sampleId, pack);
    while (this.packs.size > KEPT_PACKS) this.packs.delete(this.packs.keys().next().value!);
  }

  latest(negotiationId: string, kind: SampleKind): Promise<OrderSample | null> {
    return this.tx.manager.findOne(OrderSample, { where: { negotiationId, kind }, order: { uploadedAt: 'DESC', id: 'DESC' } });
  }

  /** The rider-days of the orders sample with the online minutes of the online-time sample. */
  async costedDays(orders: OrderSample, online: OrderSample): Promise<DaySet> {
    const key = `${orders.id}:${online.id}`;
    if (this.joined?.key === key) return this.joined.days;
    const [o, t] = await Promise.all([this.pack(orders.id), this.pack(online.id)]);
    const days = joinPacks(o as OrdersPack, t as OnlinePack);
    this.joined = { key, days };
    return days;
  }

  private async pack(sampleId: string): Promise<SamplePack> {
    const kept = this.packs.get(sampleId);
    if (kept) return kept;
    const postgres = this.tx.manager.connection.options.type === 'postgres';
    // PostgreSQL sends bytea as hex text, twice the bytes and slow to write: base64 is 4/3 and faster (measured)
    const rows: Array<{ data: Uint8Array | string }> = await this.tx.manager.query(
      postgres
        ? `SELECT encode(data, 'base64') AS data FROM costing_sample_packs WHERE sample_id = $1 ORDER BY part`
        : 'SELECT data FROM costing_sample_packs WHERE sample_id = ? ORDER BY part',
      [sampleId],
    );
    const pack = decodePack(rows.map((r) => (typeof r.data === 'string' ? Buffer.from(r.data, 'base64') : r.data)));
    this.keep(sampleId, pack);
    return pack;
  }
}
