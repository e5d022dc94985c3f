import { DataSource } from 'typeorm';
import { OnlinePack, OrdersPack, decodePack } from '../src/costing/sample-pack';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/migrations';
import { CostingPacks1765900000000 } from '../src/migrations/1765900000000-costing-packs';
import { freshDatabaseUrl } from './support/test-app';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('migration 1765900000000: samples handed over as rows are packed', () => {
  it('packs the rider-days and online minutes of every sample, then drops their tables', async () => {
    const url = await freshDatabaseUrl();
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(CostingPacks1765900000000));
    const old = new DataSource({ ...dataSourceOptions(url), migrations: before, migrationsRun: false } as never);
    await old.initialize();
    await old.runMigrations();
    const p = old.options.type === 'postgres' ? (n: number) => `$${n}` : () => '?';
    const sample = (id: string, kind: string) =>
      old.query(`INSERT INTO order_samples (id, negotiation_id, kind, rows, rejected, rider_days, sha256, uploaded_by, uploaded_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(p).join(', ')})`, [
        id, '00000000-0000-4000-8000-000000000000', kind, 3, 0, 2, 'f'.repeat(64), '00000000-0000-4000-8000-000000000001', '2026-10-02T00:00:00.000Z',
      ]);
    const [ordersId, onlineId] = ['10000000-0000-4000-8000-000000000000', '20000000-0000-4000-8000-000000000000'];
    await sample(ordersId, 'orders');
    await sample(onlineId, 'online_time');
    const riderDay = `INSERT INTO costing_rider_days (sample_id, rider_hash, day, orders, night, bad_weather, km_buckets) VALUES (${[1, 2, 3, 4, 5, 6, 7].map(p).join(', ')})`;
    await old.query(riderDay, [ordersId, B, '2026-10-01', 1, 0, 1, '[[5,1,4.5]]']);
    await old.query(riderDay, [ordersId, A, '2026-10-01', 2, 1, 0, '[[5,1,5],[3,1,3]]']);
    const onlineDay = `INSERT INTO costing_online_days (sample_id, rider_hash, day, online_minutes) VALUES (${[1, 2, 3, 4].map(p).join(', ')})`;
    await old.query(onlineDay, [onlineId, A, '2026-10-01', 60]);
    await old.query(onlineDay, [onlineId, B, '2026-10-01', 30]);
    await old.destroy();

    const ds = new DataSource(dataSourceOptions(url));
    await ds.initialize(); // runs the migration
    try {
      const parts = async (id: string) =>
        decodePack(((await ds.query(`SELECT data FROM costing_sample_packs WHERE sample_id = ${p(1)} ORDER BY part`, [id])) as Array<{ data: Uint8Array }>).map((r) => r.data));
      const orders = (await parts(ordersId)) as OrdersPack;
      expect(orders).toMatchObject({ kind: 'orders', riders: [A, B], dates: ['2026-10-01'], size: 2, kmScale: 1 });
      expect([...orders.orders, ...orders.night, ...orders.badWeather]).toEqual([2, 1, 1, 0, 0, 1]);
      // buckets ascending within each day
      expect([...orders.bucket]).toEqual([3, 5, 5]);
      expect([...orders.bucketKm]).toEqual([3, 5, 4.5]);
      const online = (await parts(onlineId)) as OnlinePack;
      expect(online).toMatchObject({ kind: 'online_time', riders: [A, B], size: 2 });
      expect([...online.minutes]).toEqual([60, 30]);
      await expect(ds.query('SELECT COUNT(*) FROM costing_rider_days')).rejects.toThrow();
    } finally {
      await ds.destroy();
    }
  });
});
