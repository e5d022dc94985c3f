import { Representative } from '../src/negotiations/representative.entity';
import { Round } from '../src/negotiations/round.entity';
import { Negotiation } from '../src/negotiations/negotiation.entity';
import { insertRow, selectRow, selectRows, updateRows } from '../src/database/rows';
import { TestApp, startTestApp } from './support/test-app';
import { toConsultation } from './support/negotiation-helpers';

/** The hot paths' fixed statements (src/database/rows.ts) must read and write exactly what TypeORM would. */
describe('database rows (hot-path statements)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
  });
  afterAll(() => t.close());

  (process.env.TEST_DATABASE_URL ? it.skip : it)('sorts in memory on SQLite: no temporary file per ORDER BY', async () => {
    expect(await t.dataSource.query('PRAGMA temp_store')).toEqual([{ temp_store: 2 }]);
  });

  it('reads entities equal to what find() reads: JSON, booleans, NULLs and integers converted alike', async () => {
    const id = await toConsultation(t);
    const m = t.dataSource.manager;
    expect(await selectRow(m, Negotiation, 'id = ?', [id])).toEqual(await m.findOneByOrFail(Negotiation, { id }));
    const seats = await selectRows(m, Representative, 'negotiation_id = ?', [id], { orderBy: 'user_id ASC' });
    expect(seats).toEqual(await m.find(Representative, { where: { negotiationId: id }, order: { userId: 'ASC' } }));
    expect(seats.some((s) => s.chief === true) && seats.some((s) => s.chief === false)).toBe(true);
    expect(await selectRows(m, Round, 'negotiation_id = ?', [id], { orderBy: 'round ASC' })).toEqual(await m.find(Round, { where: { negotiationId: id }, order: { round: 'ASC' } }));
    expect(await selectRow(m, Negotiation, 'id = ?', ['00000000-0000-4000-8000-000000000000'])).toBeNull();
    const some = await selectRow(m, Negotiation, 'id = ?', [id], { properties: ['id', 'scope'] });
    expect(some).toEqual({ id, scope: (await m.findOneByOrFail(Negotiation, { id })).scope });
  });

  it('inserts and updates rows as TypeORM stores them, and counts what an update changed', async () => {
    const id = await toConsultation(t);
    const m = t.dataSource.manager;
    const round: Round = {
      negotiationId: id,
      round: 99,
      proposer: 'union',
      terms: { pieceRates: [{ task: 'delivery', baseFen: 700, perKmFen: 60, kmIncluded: 3 }] } as never,
      changes: [],
      note: null,
      proposedBy: await t.userId('union.chief'),
      proposedAt: '2026-12-01T00:00:00.000Z',
      answerType: null,
      answerBy: null,
      answerAt: null,
    };
    await insertRow(m, Round, round);
    expect(await m.findOneByOrFail(Round, { negotiationId: id, round: 99 })).toEqual(round);
    expect(await updateRows(m, Round, { answerType: 'ACCEPT', note: '同意' }, 'negotiation_id = ? AND round = ?', [id, 99])).toBe(1);
    expect(await m.findOneByOrFail(Round, { negotiationId: id, round: 99 })).toMatchObject({ answerType: 'ACCEPT', note: '同意', answerBy: null });
    // a versioned update that lost the race changes nothing
    const n = await m.findOneByOrFail(Negotiation, { id });
    expect(await updateRows(m, Negotiation, { version: n.version + 1, context: { round: 1 } }, 'id = ? AND version = ?', [id, n.version + 5])).toBe(0);
    expect(await m.findOneByOrFail(Negotiation, { id })).toEqual(n);
    expect(await updateRows(m, Negotiation, { context: { ...n.context, note: '引号 "quoted"' } }, 'id = ? AND version = ?', [id, n.version])).toBe(1);
    expect((await m.findOneByOrFail(Negotiation, { id })).context).toEqual({ ...n.context, note: '引号 "quoted"' });
    await expect(updateRows(m, Negotiation, { nonsense: 1 } as never, 'id = ?', [id])).rejects.toThrow('no property nonsense');
  });
});
