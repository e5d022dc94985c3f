import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Logged-out tokens, refused until they would have expired anyway. */
export class RevokedTokens1764200000000 implements MigrationInterface {
  name = 'RevokedTokens1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'revoked_tokens',
        columns: [
          { name: 'jti', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'expires_at', type: 'varchar', length: '30' },
        ],
        indices: [{ columnNames: ['expires_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('revoked_tokens');
  }
}
