import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Acknowledgements, webhook deliveries and notifications: how publication reaches people. */
export class PublicationDelivery1764100000000 implements MigrationInterface {
  name = 'PublicationDelivery1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const id = (name: string, primary = false) => ({ name, type: 'varchar', length: '36', isPrimary: primary });
    const time = (name: string, nullable = false) => ({ name, type: 'varchar', length: '30', isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'acknowledgements',
        columns: [id('agreement_id', true), id('worker_id', true), time('acknowledged_at')],
        indices: [{ columnNames: ['worker_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          id('id', true),
          id('agreement_id'),
          id('enterprise_id'),
          { name: 'status', type: 'varchar', length: '16' },
          time('next_attempt_at'),
          { name: 'attempts', type: 'text' },
          time('created_at'),
        ],
        indices: [{ columnNames: ['status', 'next_attempt_at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          id('id', true),
          id('user_id'),
          id('negotiation_id'),
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'message', type: 'varchar', length: '1000' },
          time('created_at'),
          time('read_at', true),
        ],
        indices: [{ columnNames: ['user_id', 'created_at'] }],
      }),
    );
    await q.query(`CREATE INDEX "IDX_workers_coverage_enterprise" ON "workers" ("industry", "enterprise_id", "region")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_workers_coverage_enterprise"`);
    for (const table of ['notifications', 'webhook_deliveries', 'acknowledgements']) await q.dropTable(table);
  }
}
