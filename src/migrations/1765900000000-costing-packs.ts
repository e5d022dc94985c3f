import { MigrationInterface, QueryRunner } from 'typeorm';
import { Names } from '../costing/sample-reader';
import { OnlinePack, OrdersPack, PG_PART_BYTES, encodePack } from '../costing/sample-pack';

/**
 * A folded sample is stored as one packed blob (src/costing/sample-pack.ts, in parts) instead
 * of a row per rider-day: costing after a restart read and JSON-parsed 500 000 rows. The rows
 * of samples already handed over are packed here, then their tables dropped. The chain
 * entries (SHA-256 and counts) are untouched.
 */
export class CostingPacks1765900000000 implements MigrationInterface {
  name = 'CostingPacks1765900000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.options.type === 'postgres';
    await q.query(`CREATE TABLE costing_sample_packs (
      sample_id varchar(36) NOT NULL, part integer NOT NULL, data ${postgres ? 'bytea' : 'blob'} NOT NULL,
      PRIMARY KEY (sample_id, part))`);
    const p = (n: number) => (postgres ? `$${n}` : '?');
    const samples: Array<{ id: string; kind: string }> = await q.query('SELECT id, kind FROM order_samples ORDER BY id');
    for (const sample of samples) {
      const pack = sample.kind === 'orders' ? await ordersPack(q, sample.id, p) : await onlinePack(q, sample.id, p);
      for (const [part, data] of encodePack(pack, postgres ? PG_PART_BYTES : Infinity).entries())
        await q.query(`INSERT INTO costing_sample_packs (sample_id, part, data) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [sample.id, part, data]);
    }
    await q.query('DROP TABLE costing_rider_days');
    await q.query('DROP TABLE costing_online_days');
  }

  async down(q: QueryRunner): Promise<void> {
    const key = 'sample_id varchar(36) NOT NULL, rider_hash varchar(128) NOT NULL, day varchar(10) NOT NULL';
    await q.query(`CREATE TABLE costing_rider_days (${key}, orders integer NOT NULL, night integer NOT NULL, bad_weather integer NOT NULL, km_buckets text NOT NULL, PRIMARY KEY (sample_id, rider_hash, day))`);
    await q.query(`CREATE TABLE costing_online_days (${key}, online_minutes integer NOT NULL, PRIMARY KEY (sample_id, rider_hash, day))`);
    await q.query('DROP TABLE costing_sample_packs');
  }
}

type Placeholder = (n: number) => string;

async function ordersPack(q: QueryRunner, sampleId: string, p: Placeholder): Promise<OrdersPack> {
  const rows: Array<{ rider_hash: string; day: string; orders: number; night: number; bad_weather: number; km_buckets: string }> = await q.query(
    `SELECT rider_hash, day, orders, night, bad_weather, km_buckets FROM costing_rider_days WHERE sample_id = ${p(1)} ORDER BY rider_hash, day`,
    [sampleId],
  );
  const [riders, dates] = [new Names(), new Names()];
  const buckets = rows.map((r) => (JSON.parse(r.km_buckets) as Array<[number, number, number]>).sort((a, b) => a[0] - b[0]));
  const total = buckets.reduce((n, b) => n + b.length, 0);
  const n = rows.length;
  const pack: OrdersPack = {
    kind: 'orders',
    riders: riders.list,
    dates: dates.list,
    size: n,
    rider: Uint32Array.from(rows, (r) => riders.number(r.rider_hash)),
    date: Uint16Array.from(rows, (r) => dates.number(r.day)),
    orders: Uint32Array.from(rows, (r) => Number(r.orders)),
    night: Uint32Array.from(rows, (r) => Number(r.night)),
    badWeather: Uint32Array.from(rows, (r) => Number(r.bad_weather)),
    start: new Uint32Array(n + 1),
    bucket: new Uint16Array(total),
    bucketOrders: new Uint32Array(total),
    bucketKm: new Float64Array(total),
    kmScale: 1,
  };
  let b = 0;
  buckets.forEach((day, i) => {
    pack.start[i] = b;
    for (const [bucket, orders, km] of day) {
      pack.bucket[b] = bucket;
      pack.bucketOrders[b] = orders;
      pack.bucketKm[b++] = km;
    }
  });
  pack.start[n] = b;
  return pack;
}

async function onlinePack(q: QueryRunner, sampleId: string, p: Placeholder): Promise<OnlinePack> {
  const rows: Array<{ rider_hash: string; day: string; online_minutes: number }> = await q.query(
    `SELECT rider_hash, day, online_minutes FROM costing_online_days WHERE sample_id = ${p(1)} ORDER BY rider_hash, day`,
    [sampleId],
  );
  const [riders, dates] = [new Names(), new Names()];
  return {
    kind: 'online_time',
    riders: riders.list,
    dates: dates.list,
    size: rows.length,
    rider: Uint32Array.from(rows, (r) => riders.number(r.rider_hash)),
    date: Uint16Array.from(rows, (r) => dates.number(r.day)),
    minutes: Uint16Array.from(rows, (r) => Number(r.online_minutes)),
  };
}
