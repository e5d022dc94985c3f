import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions } from 'typeorm';

/**
 * After publication (issue 13): commitments with their reports, complaints, surveys (who took
 * part apart from what was answered), and a subject on deadline rows so a clock can belong to
 * one commitment or complaint rather than to the whole negotiation.
 */
const id = (name = 'id', primary = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: primary });
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const time = (name: string, nullable = false): TableColumnOptions => text(name, 30, nullable);
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable });
const body = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });

export class Ledger1765500000000 implements MigrationInterface {
  name = 'Ledger1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('deadlines', new TableColumn({ name: 'subject_id', type: 'varchar', length: '36', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'commitments',
        columns: [
          id('id', true),
          id('agreement_id'),
          id('negotiation_id'),
          int('clause_index'),
          text('responsible', 16),
          id('responsible_org_id'),
          text('region', 6),
          text('industry', 64),
          text('due_on', 10),
          time('due_at'),
          int('progress'),
          text('verdict', 16, true),
          body('verification_note', true),
          { ...id('verified_by'), isNullable: true },
          time('verified_at', true),
          time('done_at', true),
          time('created_at'),
        ],
        indices: [{ columnNames: ['agreement_id'] }, { columnNames: ['responsible_org_id'] }, { columnNames: ['due_at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'commitment_reports',
        columns: [id('id', true), id('commitment_id'), id('reported_by'), int('progress'), body('text'), time('reported_at')],
        indices: [{ columnNames: ['commitment_id', 'reported_at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'complaints',
        columns: [
          id('id', true),
          id('agreement_id'),
          id('negotiation_id'),
          id('worker_user_id'),
          { name: 'share_identity', type: 'boolean' },
          int('clause_index', true),
          text('order_id', 64, true),
          body('text'),
          text('status', 16),
          time('filed_at'),
          time('answer_due_at'),
          body('answer', true),
          time('answered_at', true),
          body('escalation_reason', true),
          time('closed_at', true),
          time('referred_at', true),
        ],
        indices: [{ columnNames: ['agreement_id'] }, { columnNames: ['worker_user_id'] }, { columnNames: ['filed_at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'surveys',
        columns: [id('id', true), id('agreement_id'), id('negotiation_id'), text('title', 300), body('questions'), text('closes_on', 10), id('opened_by'), time('opened_at')],
        indices: [{ columnNames: ['agreement_id'] }],
      }),
    );
    // who answered and what was answered share no key and no order: nothing links a worker to an answer
    await q.createTable(new Table({ name: 'survey_participants', columns: [id('survey_id', true), id('worker_user_id', true)] }));
    await q.createTable(
      new Table({
        name: 'survey_answers',
        columns: [id('id', true), id('survey_id'), text('question_id', 64), int('scale', true), body('text', true)],
        indices: [{ columnNames: ['survey_id', 'question_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['survey_answers', 'survey_participants', 'surveys', 'complaints', 'commitment_reports', 'commitments']) await q.dropTable(table);
    await q.dropColumn('deadlines', 'subject_id');
  }
}
