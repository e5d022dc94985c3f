import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { Transactions } from '../src/database/transactions';
import { TEXTS_PER_CHUNK, openBox, putInBox, readBox } from '../src/ledger/survey-box';
import { Survey } from '../src/ledger/survey.entity';
import { MIGRATIONS } from '../src/migrations';
import { SurveyBox1766500000000 } from '../src/migrations/1766500000000-survey-box';
import { freshDatabaseUrl } from './support/test-app';

const questions: Survey['questions'] = [
  { id: 'pay', kind: 'scale', text: '对计件单价满意吗？' },
  { id: 'rest', kind: 'scale', text: '对休息安排满意吗？' },
  { id: 'say', kind: 'text', text: '还有什么意见？' },
];
const survey = (): Survey => ({
  id: randomUUID(),
  agreementId: randomUUID(),
  negotiationId: randomUUID(),
  title: '满意度调查',
  questions,
  closesOn: '2027-01-31',
  openedBy: randomUUID(),
  openedAt: '2027-01-01T00:00:00.000Z',
  textsKept: 0,
});

describe('the survey box: answers kept apart from who gave them', () => {
  let ds: DataSource;
  let p: (n: number) => string;
  let tx: Transactions;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(await freshDatabaseUrl())).initialize();
    tx = new Transactions(ds);
    p = ds.options.type === 'postgres' ? (n) => `$${n}` : () => '?';
  });
  afterAll(() => ds.destroy());

  /** What a worker's answer does: a participant row and the answers in the box, in one transaction. */
  const respond = (s: Survey, answers: Parameters<typeof putInBox>[2]) =>
    tx.run(async (m) => {
      await m.query(`INSERT INTO survey_participants (survey_id, worker_user_id) VALUES (${p(1)}, ${p(2)})`, [s.id, randomUUID()]);
      await putInBox(m, s, answers);
    });
  const rowsOf = async (table: string, s: Survey) => Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table} WHERE survey_id = ${p(1)}`, [s.id]))[0].n);

  it('counts each point and keeps every text, in chunks of TEXTS_PER_CHUNK, with no row per answer', async () => {
    const s = survey();
    await ds.manager.insert(Survey, s);
    await openBox(ds.manager, s);
    const given: string[] = [];
    for (let i = 0; i < TEXTS_PER_CHUNK * 2 + 50; i++) {
      const text = `意见 ${String(i).padStart(3, '0')}`;
      given.push(text);
      await respond(s, [
        { questionId: 'pay', scale: (i % 5) + 1, text: null },
        ...(i % 2 ? [{ questionId: 'rest', scale: 4, text: null }] : []),
        { questionId: 'say', scale: null, text },
      ]);
    }
    const box = await readBox(ds.manager, s.id);
    expect(box.counts.get('pay')).toEqual([1, 2, 3, 4, 5].map((scale) => ({ scale, n: 50 })));
    expect(box.counts.get('rest')).toEqual([1, 2, 3, 4, 5].map((scale) => ({ scale, n: scale === 4 ? 125 : 0 })));
    expect(box.texts.get('say')).toEqual([...given].sort());
    // 250 workers answered: 250 participant rows, and the answers in 2 counter rows and 3 chunks
    expect(await rowsOf('survey_participants', s)).toBe(250);
    expect(await rowsOf('survey_scale_counts', s)).toBe(2);
    expect(await rowsOf('survey_text_chunks', s)).toBe(3);
    // and the texts are not kept in the order they came
    const stored = ((await ds.query(`SELECT texts FROM survey_text_chunks WHERE survey_id = ${p(1)} ORDER BY chunk`, [s.id])) as Array<{ texts: string }>).flatMap((r) =>
      (JSON.parse(r.texts) as Array<{ text: string }>).map((t) => t.text),
    );
    expect(stored).toHaveLength(250);
    expect(stored).not.toEqual(given);
  });

  it('loses no answer when workers answer at once (PostgreSQL runs their units side by side)', async () => {
    const s = survey();
    await ds.manager.insert(Survey, s);
    await openBox(ds.manager, s);
    const at = (i: number) => [{ questionId: 'rest', scale: 2, text: null }, { questionId: 'say', scale: null, text: `同时 ${i}` }, { questionId: 'pay', scale: 1, text: null }];
    // answers in either order of questions: nobody waits for a counter another holds while holding one it wants
    await Promise.all(Array.from({ length: 20 }, (_, i) => respond(s, i % 2 ? at(i) : at(i).reverse())));
    const box = await readBox(ds.manager, s.id);
    expect(box.texts.get('say')).toHaveLength(20);
    expect(box.counts.get('pay')?.[0]).toEqual({ scale: 1, n: 20 });
    expect(box.counts.get('rest')?.[1]).toEqual({ scale: 2, n: 20 });
  });

  it('leaves nothing that lines a worker up with an answer: no rowid on SQLite, no shared xmin on PostgreSQL', async () => {
    const s = survey();
    await ds.manager.insert(Survey, s);
    await openBox(ds.manager, s);
    for (let i = 0; i < 5; i++) await respond(s, [{ questionId: 'pay', scale: 3, text: null }, { questionId: 'say', scale: null, text: `第${i}条` }]);
    if (ds.options.type === 'postgres') {
      // every row a transaction writes carries its xmin: a row per answer pointed at its author's participant row
      const xmins = async (table: string) => ((await ds.query(`SELECT xmin::text AS x FROM ${table} WHERE survey_id = $1`, [s.id])) as Array<{ x: string }>).map((r) => r.x);
      const participants = new Set(await xmins('survey_participants'));
      const linked = [...(await xmins('survey_scale_counts')), ...(await xmins('survey_text_chunks'))].filter((x) => participants.has(x));
      // the counters and the chunk were last written by the last worker: one of five, and which of the texts is theirs is not said
      expect(new Set(linked).size).toBeLessThanOrEqual(1);
    } else {
      for (const table of ['survey_participants', 'survey_text_chunks']) await expect(ds.query(`SELECT rowid FROM ${table}`)).rejects.toThrow(/rowid/);
    }
  });
});

describe('migration 1766500000000: the answers kept one row each move into the box', () => {
  it('counts the scale answers, shuffles the texts into chunks, and drops survey_answers', async () => {
    const url = await freshDatabaseUrl();
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(SurveyBox1766500000000));
    const old = new DataSource({ ...dataSourceOptions(url), migrations: before, migrationsRun: false } as never);
    await old.initialize();
    await old.runMigrations();
    const p = old.options.type === 'postgres' ? (n: number) => `$${n}` : () => '?';
    const s = survey();
    await old.query(`INSERT INTO surveys (id, agreement_id, negotiation_id, title, questions, closes_on, opened_by, opened_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map(p).join(', ')})`, [
      s.id, s.agreementId, s.negotiationId, s.title, JSON.stringify(questions), s.closesOn, s.openedBy, s.openedAt,
    ]);
    const answer = `INSERT INTO survey_answers (id, survey_id, question_id, scale, text) VALUES (${[1, 2, 3, 4, 5].map(p).join(', ')})`;
    for (const scale of [5, 5, 4, 1]) await old.query(answer, [randomUUID(), s.id, 'pay', scale, null]);
    for (const text of ['乙', '甲', '丙']) await old.query(answer, [randomUUID(), s.id, 'say', null, text]);
    for (let i = 0; i < 4; i++) await old.query(`INSERT INTO survey_participants (survey_id, worker_user_id) VALUES (${p(1)}, ${p(2)})`, [s.id, randomUUID()]);
    await old.destroy();

    const ds = new DataSource(dataSourceOptions(url));
    await ds.initialize(); // runs the migration
    try {
      const box = await readBox(ds.manager, s.id);
      expect(box.counts.get('pay')).toEqual([{ scale: 1, n: 1 }, { scale: 2, n: 0 }, { scale: 3, n: 0 }, { scale: 4, n: 1 }, { scale: 5, n: 2 }]);
      // a question nobody answered has its counters too
      expect(box.counts.get('rest')).toEqual([1, 2, 3, 4, 5].map((scale) => ({ scale, n: 0 })));
      expect(box.texts.get('say')).toEqual(['丙', '乙', '甲'].sort());
      expect((await ds.manager.findOneByOrFail(Survey, { id: s.id })).textsKept).toBe(3);
      expect(Number((await ds.query('SELECT COUNT(*) AS n FROM survey_participants'))[0].n)).toBe(4);
      await expect(ds.query('SELECT COUNT(*) FROM survey_answers')).rejects.toThrow();
      // and the next text goes on after them
      await putInBox(ds.manager, s, [{ questionId: 'say', scale: null, text: '丁' }]);
      expect((await readBox(ds.manager, s.id)).texts.get('say')).toHaveLength(4);
    } finally {
      await ds.destroy();
    }
  });
});
