import { WindowedBudgets } from './request-budget';

describe('WindowedBudgets (the per-route request budgets)', () => {
  it('lets `limit` requests of a holder through a window, refuses the next with the seconds to wait, and counts holders apart', async () => {
    const budgets = new WindowedBudgets();
    const spend = (key: string) => budgets.increment(key, 60_000, 3, 60_000, 'default');
    const first = [await spend('person:a'), await spend('person:a'), await spend('person:a')];
    expect(first.map((r) => [r.totalHits, r.isBlocked])).toEqual([[1, false], [2, false], [3, false]]);
    expect(first[2].timeToExpire).toBeGreaterThan(55);
    expect(first[2].timeToExpire).toBeLessThanOrEqual(60);
    const refused = await spend('person:a');
    expect(refused).toMatchObject({ isBlocked: true });
    expect(refused.timeToBlockExpire).toBeGreaterThan(55);
    expect(refused.timeToBlockExpire).toBeLessThanOrEqual(60);
    expect(await spend('person:b')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('opens a new window once the block has run out', async () => {
    const budgets = new WindowedBudgets();
    const spend = () => budgets.increment('address:203.0.113.9', 100, 1, 100, 'default');
    expect((await spend()).isBlocked).toBe(false);
    expect((await spend()).isBlocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await spend()).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
