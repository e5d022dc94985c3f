import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** rate-limiter-flexible's counters (login attempts), shared by every instance on the database. */
export class RateLimits1765100000000 implements MigrationInterface {
  name = 'RateLimits1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'rate_limits',
        columns: [
          { name: 'key', type: 'varchar', length: '100', isPrimary: true },
          { name: 'points', type: 'integer' },
          // milliseconds since the epoch; null: never
          { name: 'expire', type: 'bigint', isNullable: true },
        ],
        indices: [{ columnNames: ['expire'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rate_limits');
  }
}
