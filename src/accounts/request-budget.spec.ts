import { DomainError } from '../common/domain-error';
import { RequestBudgets } from './request-budget';

const refusal = (spending: Promise<unknown>) => spending.then(() => null, (error: unknown) => error as DomainError);

describe('RequestBudgets (the per-route request budgets)', () => {
  it('lets `limit` requests of a holder through a window, refuses the next with the seconds to wait, and counts holders apart', async () => {
    const budgets = new RequestBudgets(3, 60);
    const first = [await budgets.spend('person:a'), await budgets.spend('person:a'), await budgets.spend('person:a')];
    expect(first.map((r) => r.remaining)).toEqual([2, 1, 0]);
    expect(first[2].resetSeconds).toBeGreaterThan(55);
    expect(first[2].resetSeconds).toBeLessThanOrEqual(60);
    const refused = await refusal(budgets.spend('person:a'));
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ status: 429, code: 'REQUEST.TOO_MANY' });
    const wait = Number(refused!.headers['Retry-After']);
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused!.extra).toEqual({ retryAfterSeconds: wait });
    expect(await budgets.spend('person:b')).toMatchObject({ remaining: 2 });
  });

  it('opens a new window once the block has run out', async () => {
    const budgets = new RequestBudgets(1, 0.1);
    expect(await refusal(budgets.spend('address:203.0.113.9'))).toBeNull();
    expect(await refusal(budgets.spend('address:203.0.113.9'))).toMatchObject({ status: 429 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await budgets.spend('address:203.0.113.9')).toMatchObject({ remaining: 0 });
  });
});
