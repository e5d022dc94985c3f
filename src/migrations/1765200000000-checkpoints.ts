import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Signed checkpoints of every chain head, their deliveries to bureaus, and (PostgreSQL) the generated signing key. */
export class Checkpoints1765200000000 implements MigrationInterface {
  name = 'Checkpoints1765200000000';

  async up(q: QueryRunner): Promise<void> {
    const time = (name: string) => ({ name, type: 'varchar', length: '30' });
    await q.createTable(
      new Table({
        name: 'checkpoints',
        columns: [
          { name: 'seq', type: 'int', isPrimary: true },
          time('at'),
          { name: 'root', type: 'varchar', length: '64' },
          { name: 'heads', type: 'int' },
          { name: 'leaves', type: 'text' },
          { name: 'signature', type: 'varchar', length: '100' },
          { name: 'reason', type: 'varchar', length: '16' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'checkpoint_deliveries',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'checkpoint_seq', type: 'int' },
          { name: 'organization_id', type: 'varchar', length: '36' },
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
        name: 'checkpoint_keys',
        columns: [{ name: 'id', type: 'varchar', length: '16', isPrimary: true }, { name: 'private_key', type: 'text' }, time('created_at')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['checkpoint_keys', 'checkpoint_deliveries', 'checkpoints']) await q.dropTable(table);
  }
}
