import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

const ref = (name: string, isPrimary = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary });
const count = (name: string): TableColumnOptions => ({ name, type: 'int' });

/** Ballots by the workers themselves (API.md "Ratification by the workers themselves"); see ballot-box.entity.ts on secrecy. */
export class Ballots1765300000000 implements MigrationInterface {
  name = 'Ballots1765300000000';

  async up(q: QueryRunner): Promise<void> {
    // counting the covered workers (a view's `covered`, a ballot's roll) reads this index alone, never the rows
    await q.createIndex('workers', new TableIndex({ name: 'workers_coverage', columnNames: ['industry', 'category', 'enterprise_id', 'region', 'created_at'] }));
    await q.createTable(
      new Table({
        name: 'ballots',
        columns: [
          ref('id', true),
          ref('negotiation_id'),
          { name: 'body', type: 'varchar', length: '16' },
          { name: 'industry', type: 'varchar', length: '64' },
          { name: 'region', type: 'varchar', length: '6' },
          { name: 'scope', type: 'text' },
          count('eligible'),
          count('cast_count'),
          { name: 'closes_on', type: 'varchar', length: '10' },
          { name: 'closes_at', type: 'varchar', length: '30' },
          { name: 'opened_at', type: 'varchar', length: '30' },
          { name: 'closed_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'receipts_sha256', type: 'varchar', length: '64', isNullable: true },
        ],
        indices: [{ columnNames: ['negotiation_id'] }, { columnNames: ['industry', 'opened_at'] }],
      }),
    );
    await q.createTable(new Table({ name: 'ballot_delegates', columns: [ref('ballot_id', true), ref('worker_id', true), ref('user_id')] }));
    await q.createTable(new Table({ name: 'ballot_participation', withoutRowid: true, columns: [ref('ballot_id', true), ref('worker_id', true)] }));
    await q.createTable(
      new Table({ name: 'ballot_choices', columns: [ref('ballot_id', true), count('in_favour'), count('against'), count('abstained')] }),
    );
    await q.createTable(
      new Table({
        name: 'ballot_receipts',
        withoutRowid: true,
        columns: [ref('ballot_id', true), { name: 'receipt_sha256', type: 'varchar', length: '64', isPrimary: true }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['ballot_receipts', 'ballot_choices', 'ballot_participation', 'ballot_delegates', 'ballots']) await q.dropTable(table);
    await q.dropIndex('workers', 'workers_coverage');
  }
}
