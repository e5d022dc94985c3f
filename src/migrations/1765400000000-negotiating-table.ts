import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * The negotiating table as 集体合同规定 builds it: employer associations and their member
 * enterprises, experts' seats and vacant seats (art. 23, 31), and deadlines that say when
 * they were counted on weekends only (民法典 art. 203 without holiday data for the year).
 */
export class NegotiatingTable1765400000000 implements MigrationInterface {
  name = 'NegotiatingTable1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'organization_members',
        columns: [
          { name: 'association_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'enterprise_id', type: 'varchar', length: '36', isPrimary: true },
        ],
        indices: [{ columnNames: ['enterprise_id'] }],
        foreignKeys: [
          { columnNames: ['association_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'] },
          { columnNames: ['enterprise_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.addColumns('representatives', [
      new TableColumn({ name: 'expert', type: 'boolean', default: false }),
      new TableColumn({ name: 'vacated_at', type: 'varchar', length: '30', isNullable: true }),
    ]);
    await q.addColumn('deadlines', new TableColumn({ name: 'calendar', type: 'varchar', length: '20', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('deadlines', 'calendar');
    await q.dropColumn('representatives', 'vacated_at');
    await q.dropColumn('representatives', 'expert');
    await q.dropTable('organization_members');
  }
}
