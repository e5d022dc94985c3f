import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many workers each (enterprise, industry, region, category) has, kept by triggers on
 * `workers` whoever writes them: acknowledgement counts add up a few tally rows instead of
 * counting 10⁶ workers (coverage.ts's condition reads the same column names).
 */
export class WorkerTallies1765800000000 implements MigrationInterface {
  name = 'WorkerTallies1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE worker_tallies (
      enterprise_id varchar(36) NOT NULL, industry varchar(64) NOT NULL, region varchar(6) NOT NULL, category varchar(64) NOT NULL,
      workers integer NOT NULL,
      PRIMARY KEY (industry, region, category, enterprise_id))`);
    await q.query(`INSERT INTO worker_tallies (enterprise_id, industry, region, category, workers)
      SELECT enterprise_id, industry, region, category, COUNT(*) FROM workers GROUP BY enterprise_id, industry, region, category`);
    const add = (row: string) => `INSERT INTO worker_tallies (enterprise_id, industry, region, category, workers)
        VALUES (${row}.enterprise_id, ${row}.industry, ${row}.region, ${row}.category, 1)
        ON CONFLICT (industry, region, category, enterprise_id) DO UPDATE SET workers = worker_tallies.workers + 1`;
    const remove = (row: string) => `UPDATE worker_tallies SET workers = workers - 1
        WHERE enterprise_id = ${row}.enterprise_id AND industry = ${row}.industry AND region = ${row}.region AND category = ${row}.category`;
    if (q.connection.options.type === 'postgres') {
      // per statement, over its transition tables: a 100 000-row import updates each tally row
      // once (per-row triggers would write 100 000 versions of the same row in one transaction)
      const grouped = (rows: string) =>
        `SELECT enterprise_id, industry, region, category, COUNT(*) AS n FROM ${rows} GROUP BY enterprise_id, industry, region, category`;
      const addAll = (rows: string) => `INSERT INTO worker_tallies (enterprise_id, industry, region, category, workers) ${grouped(rows)}
        ON CONFLICT (industry, region, category, enterprise_id) DO UPDATE SET workers = worker_tallies.workers + EXCLUDED.workers`;
      const removeAll = (rows: string) => `UPDATE worker_tallies t SET workers = t.workers - o.n FROM (${grouped(rows)}) o
        WHERE t.enterprise_id = o.enterprise_id AND t.industry = o.industry AND t.region = o.region AND t.category = o.category`;
      const bodies = { insert: addAll('new_rows'), delete: removeAll('old_rows'), update: `${removeAll('old_rows')}; ${addAll('new_rows')}` };
      const referencing = { insert: 'NEW TABLE AS new_rows', delete: 'OLD TABLE AS old_rows', update: 'OLD TABLE AS old_rows NEW TABLE AS new_rows' };
      for (const op of ['insert', 'delete', 'update'] as const) {
        await q.query(`CREATE FUNCTION worker_tallies_${op}() RETURNS trigger AS $$ BEGIN ${bodies[op]}; RETURN NULL; END $$ LANGUAGE plpgsql`);
        await q.query(`CREATE TRIGGER workers_tally_${op} AFTER ${op.toUpperCase()} ON workers REFERENCING ${referencing[op]}
          FOR EACH STATEMENT EXECUTE FUNCTION worker_tallies_${op}()`);
      }
    } else {
      await q.query(`CREATE TRIGGER workers_tally_insert AFTER INSERT ON workers BEGIN ${add('NEW')}; END`);
      await q.query(`CREATE TRIGGER workers_tally_delete AFTER DELETE ON workers BEGIN ${remove('OLD')}; END`);
      await q.query(`CREATE TRIGGER workers_tally_update AFTER UPDATE OF enterprise_id, industry, region, category ON workers BEGIN ${remove('OLD')}; ${add('NEW')}; END`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      for (const op of ['insert', 'delete', 'update']) {
        await q.query(`DROP TRIGGER workers_tally_${op} ON workers`);
        await q.query(`DROP FUNCTION worker_tallies_${op}`);
      }
    } else for (const t of ['insert', 'delete', 'update']) await q.query(`DROP TRIGGER workers_tally_${t}`);
    await q.query('DROP TABLE worker_tallies');
  }
}
