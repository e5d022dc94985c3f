import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What decided a worker's coverage (enterprise, industry, region, category) until the import
 * that changed it: a ballot's roll is fixed at its opening (API.md), so a worker moved out of
 * the scope afterwards stays on it, and one moved in stays off, without a row per worker and
 * ballot. `until` is when the change was made.
 */
export class WorkerCoverageChanges1766400000000 implements MigrationInterface {
  name = 'WorkerCoverageChanges1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE worker_coverage_changes (
      worker_id varchar(36) NOT NULL, until varchar(30) NOT NULL,
      enterprise_id varchar(36) NOT NULL, industry varchar(64) NOT NULL, region varchar(6) NOT NULL, category varchar(64) NOT NULL,
      PRIMARY KEY (worker_id, until))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE worker_coverage_changes');
  }
}
