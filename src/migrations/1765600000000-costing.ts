import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Order and online-time samples folded into rider-days, and the current rules (src/costing). */
export class Costing1765600000000 implements MigrationInterface {
  name = 'Costing1765600000000';

  async up(q: QueryRunner): Promise<void> {
    const id = (name: string) => ({ name, type: 'varchar', length: '36' });
    const riderDay = [
      { ...id('sample_id'), isPrimary: true },
      { name: 'rider_hash', type: 'varchar', length: '128', isPrimary: true },
      { name: 'day', type: 'varchar', length: '10', isPrimary: true },
    ];
    await q.createTable(
      new Table({
        name: 'order_samples',
        columns: [
          { ...id('id'), isPrimary: true },
          id('negotiation_id'),
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'rows', type: 'integer' },
          { name: 'rejected', type: 'integer' },
          { name: 'rider_days', type: 'integer' },
          { name: 'sha256', type: 'varchar', length: '64' },
          id('uploaded_by'),
          { name: 'uploaded_at', type: 'varchar', length: '30' },
        ],
        indices: [{ columnNames: ['negotiation_id', 'kind', 'uploaded_at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'costing_rider_days',
        columns: [
          ...riderDay,
          { name: 'orders', type: 'integer' },
          { name: 'night', type: 'integer' },
          { name: 'bad_weather', type: 'integer' },
          { name: 'km_buckets', type: 'text' },
        ],
      }),
    );
    await q.createTable(new Table({ name: 'costing_online_days', columns: [...riderDay, { name: 'online_minutes', type: 'integer' }] }));
    await q.createTable(
      new Table({
        name: 'current_terms',
        columns: [
          { ...id('negotiation_id'), isPrimary: true },
          { name: 'terms', type: 'text' },
          id('declared_by'),
          { name: 'declared_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['current_terms', 'costing_online_days', 'costing_rider_days', 'order_samples']) await q.dropTable(table);
  }
}
