import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** A union's chief: who acts for the union in a rule change (not any of its negotiators). */
export class UnionChief1765700000001 implements MigrationInterface {
  name = 'UnionChief1765700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('organizations', new TableColumn({ name: 'chief_user_id', type: 'varchar', length: '36', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('organizations', 'chief_user_id');
  }
}
