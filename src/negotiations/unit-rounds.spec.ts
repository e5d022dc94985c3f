import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { Side } from './negotiation.types';
import { Round } from './round.entity';
import { UnitRounds } from './unit-rounds';

describe('UnitRounds: what a unit of work holds of the rounds is what the table holds', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions('sqlite::memory:')).initialize();
    // rounds only: no negotiation row behind them
    await ds.query('PRAGMA foreign_keys = OFF');
  });
  afterAll(() => ds.destroy());

  let n = 0;
  const round = (negotiationId: string, number: number, proposer: Side): Round => ({
    negotiationId,
    round: number,
    proposer,
    terms: { pieceRates: [{ task: 'delivery', baseFen: 600 + number, perKmFen: 60, kmIncluded: 3 }], laborQuota: { standardTasksPerHour: 4 }, termMonths: 24 },
    changes: [],
    note: null,
    proposedBy: `${proposer}-chief`,
    proposedAt: '2026-12-01T00:00:00.000Z',
    answerType: null,
    answerBy: null,
    answerAt: null,
  });
  /** A negotiation whose rounds were made by these sides in turn. */
  const negotiation = async (...sides: Side[]): Promise<string> => {
    const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    for (const [i, side] of sides.entries()) await new UnitRounds(ds.manager, id).add(round(id, i + 1, side));
    return id;
  };
  /** Each side's latest offer as a unit that has read and written nothing would find it. */
  const fromTable = async (id: string) => {
    const fresh = new UnitRounds(ds.manager, id);
    return { union: await fresh.latestOf('union'), enterprise: await fresh.latestOf('enterprise') };
  };

  it('after an offer that answers the other side: the new offer, and the answered one with its answer', async () => {
    const id = await negotiation('union', 'enterprise');
    const unit = new UnitRounds(ds.manager, id);
    const previous = (await unit.latest())!;
    expect(previous).toMatchObject({ round: 2, proposer: 'enterprise' });
    await unit.answer(previous, { answerType: 'OFFER', answerBy: 'union-chief', answerAt: '2026-12-02T00:00:00.000Z' });
    await unit.add(round(id, 3, 'union'));
    const held = { union: await unit.latestOf('union'), enterprise: await unit.latestOf('enterprise') };
    expect(held).toEqual(await fromTable(id));
    expect(held.union?.round).toBe(3);
    expect(held.enterprise).toMatchObject({ round: 2, answerType: 'OFFER', answerBy: 'union-chief' });
  });

  it('after a side offers twice running (turn null): the other side’s latest is read, not taken from the answered one', async () => {
    const id = await negotiation('union', 'enterprise', 'union');
    const unit = new UnitRounds(ds.manager, id);
    expect((await unit.latest())!.proposer).toBe('union');
    await unit.add(round(id, 4, 'union'));
    expect({ union: await unit.latestOf('union'), enterprise: await unit.latestOf('enterprise') }).toEqual(await fromTable(id));
    expect((await unit.latestOf('enterprise'))?.round).toBe(2);
  });

  it('reads the latest round by the number the context keeps, and by the index when that number names no round', async () => {
    const id = await negotiation('union', 'enterprise', 'union');
    expect((await new UnitRounds(ds.manager, id, 3).latest())?.round).toBe(3);
    expect((await new UnitRounds(ds.manager, id, 9).latest())?.round).toBe(3);
    expect((await new UnitRounds(ds.manager, id).latest())?.round).toBe(3);
  });

  it('before any offer of a side: none, until the unit adds one; `latest` and `all` stay as first read', async () => {
    const id = await negotiation('union');
    const unit = new UnitRounds(ds.manager, id);
    expect(await unit.latestOf('enterprise')).toBeNull();
    expect((await unit.all()).map((r) => r.round)).toEqual([1]);
    expect((await unit.latest())?.round).toBe(1);
    await unit.add(round(id, 2, 'enterprise'));
    expect((await unit.latestOf('enterprise'))?.round).toBe(2);
    expect((await unit.latest())?.round).toBe(1);
    expect((await unit.all()).map((r) => r.round)).toEqual([1]);
    expect(await fromTable(id)).toEqual({ union: expect.objectContaining({ round: 1 }), enterprise: expect.objectContaining({ round: 2 }) });
  });
});
