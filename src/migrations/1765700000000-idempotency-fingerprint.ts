import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Idempotency-Key for every POST, not only negotiation events: a key remembers the request's
 * fingerprint (a repeat with another body is refused) and holds its place while the first
 * request runs. Keys live 24 h, so the old table's rows are not carried over.
 */
export class IdempotencyFingerprint1765700000000 implements MigrationInterface {
  name = 'IdempotencyFingerprint1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropTable('idempotency_keys');
    await q.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'key', type: 'varchar', length: '200', isPrimary: true },
          { name: 'fingerprint', type: 'varchar', length: '64' },
          { name: 'status', type: 'int', isNullable: true },
          { name: 'response', type: 'text', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
        indices: [{ columnNames: ['created_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('idempotency_keys');
    await q.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'key', type: 'varchar', length: '200', isPrimary: true },
          { name: 'negotiation_id', type: 'varchar', length: '36' },
          { name: 'response', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }
}
