import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

/**
 * The first schema, written with TypeORM's Table API so the same migration runs on SQLite and
 * PostgreSQL. Times are ISO 8601 UTC strings (they sort and compare as text on both).
 */
const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const time = (name: string, nullable = false): TableColumnOptions => text(name, 30, nullable);
const json = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string): TableColumnOptions => ({ name, type: 'int' });
const bool = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'boolean', isNullable: nullable });

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'organizations',
        columns: [
          id(),
          text('name', 200),
          text('kind', 20),
          text('industry', 64, true),
          text('region', 6, true),
          text('webhook_url', 500, true),
          text('webhook_secret', 200, true),
          time('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          { ...text('username', 64), isUnique: true },
          text('display_name', 200),
          text('role', 20),
          ref('organization_id', true),
          ref('worker_id', true),
          text('password_hash', 300),
          time('created_at'),
        ],
        foreignKeys: [{ columnNames: ['organization_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'workers',
        columns: [
          id(),
          ref('enterprise_id'),
          text('external_id', 64),
          text('industry', 64),
          text('region', 6),
          text('category', 64),
          text('display_name', 200),
          time('created_at'),
        ],
        uniques: [{ columnNames: ['enterprise_id', 'external_id'] }],
        indices: [{ columnNames: ['industry', 'category', 'region'] }],
        foreignKeys: [{ columnNames: ['enterprise_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'negotiations',
        columns: [
          id(),
          text('kind', 32),
          text('title', 300),
          text('industry', 64),
          text('region', 6),
          json('scope'),
          text('state', 32),
          json('context'),
          int('version'),
          ref('union_org_id'),
          ref('enterprise_org_id'),
          ref('requested_by'),
          ref('parent_id', true),
          int('audit_seq'),
          text('audit_head', 64),
          time('created_at'),
          time('updated_at'),
        ],
        indices: [{ columnNames: ['state'] }, { columnNames: ['union_org_id'] }, { columnNames: ['enterprise_org_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'representatives',
        columns: [id('negotiation_id'), id('user_id'), text('side', 16), bool('chief')],
        indices: [{ columnNames: ['user_id'] }],
        foreignKeys: [{ columnNames: ['negotiation_id'], referencedTableName: 'negotiations', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rounds',
        columns: [
          id('negotiation_id'),
          { name: 'round', type: 'int', isPrimary: true },
          text('proposer', 16),
          json('terms'),
          json('changes'),
          text('note', 2000, true),
          ref('proposed_by'),
          time('proposed_at'),
          text('answer_type', 32, true),
          ref('answer_by', true),
          time('answer_at', true),
        ],
        foreignKeys: [{ columnNames: ['negotiation_id'], referencedTableName: 'negotiations', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'comments',
        columns: [
          id(),
          ref('negotiation_id'),
          ref('author_id'),
          text('author_role', 20),
          text('text', 4000),
          time('created_at'),
          bool('adopted', true),
          text('answer_reason', 4000, true),
          time('answered_at', true),
        ],
        indices: [{ columnNames: ['negotiation_id', 'created_at'] }],
        foreignKeys: [{ columnNames: ['negotiation_id'], referencedTableName: 'negotiations', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [id('user_id'), { ...text('key', 200), isPrimary: true }, ref('negotiation_id'), json('response'), time('created_at')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          id('negotiation_id'),
          { name: 'seq', type: 'int', isPrimary: true },
          text('type', 40),
          ref('actor_id'),
          text('role', 20),
          time('at'),
          json('payload'),
          text('prev_hash', 64),
          text('hash', 64),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'deadlines',
        columns: [
          id(),
          ref('negotiation_id'),
          text('kind', 32),
          time('due_at'),
          time('fired_at', true),
          time('cleared_at', true),
          json('warnings_sent'),
          time('created_at'),
        ],
        indices: [{ columnNames: ['negotiation_id'] }, { columnNames: ['due_at'] }],
        foreignKeys: [{ columnNames: ['negotiation_id'], referencedTableName: 'negotiations', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'agreements',
        columns: [
          id(),
          { ...ref('negotiation_id'), isUnique: true },
          text('kind', 32),
          text('title', 300),
          text('industry', 64),
          text('region', 6),
          json('scope'),
          json('terms'),
          json('opinions', true),
          text('effective_from', 10),
          text('expires_on', 10, true),
          time('published_at'),
          text('audit_head', 64),
        ],
        indices: [{ columnNames: ['industry', 'published_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'agreements',
      'deadlines',
      'audit_entries',
      'idempotency_keys',
      'comments',
      'rounds',
      'representatives',
      'negotiations',
      'workers',
      'users',
      'organizations',
    ])
      await q.dropTable(table);
  }
}
