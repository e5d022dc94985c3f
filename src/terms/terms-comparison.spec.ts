import { Terms } from './terms';
import { compareLatest, diffTerms, flattenTerms } from './terms-comparison';

const unionOffer: Terms = {
  pieceRates: [{ task: 'delivery', baseFen: 500, perKmFen: 60 }],
  commission: { maxBasisPoints: 1200 },
  laborQuota: { standardTasksPerHour: 3 },
  termMonths: 24,
};

const enterpriseOffer: Terms = {
  pieceRates: [{ task: 'delivery', baseFen: 450, perKmFen: 60 }],
  commission: { maxBasisPoints: 1500 },
  laborQuota: { standardTasksPerHour: 3 },
  termMonths: 24,
};

describe('flattenTerms', () => {
  it('names every leaf by its JSON path, piece rates by task', () => {
    expect(
      flattenTerms({
        pieceRates: [{ task: 'delivery', baseFen: 450 }, { task: 'pickup', baseFen: 300 }],
        commission: { maxBasisPoints: 1500 },
        termMonths: 24,
      }),
    ).toEqual(
      new Map<string, unknown>([
        ['pieceRates[delivery].baseFen', 450],
        ['pieceRates[pickup].baseFen', 300],
        ['commission.maxBasisPoints', 1500],
        ['termMonths', 24],
      ]),
    );
  });

  it('leaves out undefined fields, so an omitted optional term has no path', () => {
    const leaves = flattenTerms({ restSchedule: { maxDailyMinutes: 600, minBreakMinutes: undefined } });
    expect([...leaves.keys()]).toEqual(['restSchedule.maxDailyMinutes']);
  });

  it('keeps booleans and nulls as leaves', () => {
    expect(flattenTerms({ a: false, b: null })).toEqual(
      new Map<string, unknown>([
        ['a', false],
        ['b', null],
      ]),
    );
  });

  it('puts a prefix in front of every path', () => {
    expect([...flattenTerms({ commission: { maxBasisPoints: 1500 } }, 'terms').keys()]).toEqual([
      'terms.commission.maxBasisPoints',
    ]);
  });
});

describe('diffTerms', () => {
  it('the first offer changes every path from null', () => {
    const changes = diffTerms(null, enterpriseOffer);
    expect(changes).toEqual([
      { path: 'pieceRates[delivery].baseFen', from: null, to: 450 },
      { path: 'pieceRates[delivery].perKmFen', from: null, to: 60 },
      { path: 'commission.maxBasisPoints', from: null, to: 1500 },
      { path: 'laborQuota.standardTasksPerHour', from: null, to: 3 },
      { path: 'termMonths', from: null, to: 24 },
    ]);
  });

  it('a later offer reports only the terms that moved, from the old value to the new', () => {
    expect(diffTerms(enterpriseOffer, { ...enterpriseOffer, commission: { maxBasisPoints: 1400 } })).toEqual([
      { path: 'commission.maxBasisPoints', from: 1500, to: 1400 },
    ]);
  });

  it('an offer identical to the previous one changes nothing', () => {
    expect(diffTerms(enterpriseOffer, structuredClone(enterpriseOffer))).toEqual([]);
  });

  it('a term dropped from an offer changes to null, and a term added changes from null', () => {
    const { commission: _dropped, ...withoutCommission } = enterpriseOffer;
    const changes = diffTerms(enterpriseOffer, { ...withoutCommission, restSchedule: { restDaysPerMonth: 4 } });
    expect(changes).toEqual(
      expect.arrayContaining([
        { path: 'commission.maxBasisPoints', from: 1500, to: null },
        { path: 'restSchedule.restDaysPerMonth', from: null, to: 4 },
      ]),
    );
    expect(changes).toHaveLength(2);
  });
});

const gapBetween = (union: Terms | null, enterprise: Terms | null) => compareLatest(union, enterprise).gap;
const settledPaths = (union: Terms | null, enterprise: Terms | null) => compareLatest(union, enterprise).settled;

describe('compareLatest: the gap', () => {
  it('reports each term on which the two latest offers differ, with both positions', () => {
    expect(gapBetween(unionOffer, enterpriseOffer)).toEqual([
      { path: 'pieceRates[delivery].baseFen', union: 500, enterprise: 450 },
      { path: 'commission.maxBasisPoints', union: 1200, enterprise: 1500 },
    ]);
  });

  it('a term only one side has proposed is a gap, null on the other side', () => {
    const union: Terms = { ...unionOffer, restSchedule: { restDaysPerMonth: 4 } };
    expect(gapBetween(union, enterpriseOffer)).toContainEqual({
      path: 'restSchedule.restDaysPerMonth',
      union: 4,
      enterprise: null,
    });
  });

  it('there is no gap when both sides offer the same terms', () => {
    expect(gapBetween(enterpriseOffer, structuredClone(enterpriseOffer))).toEqual([]);
  });

  it('there is no gap to speak of until both sides have made an offer', () => {
    expect(gapBetween(unionOffer, null)).toEqual([]);
    expect(gapBetween(null, enterpriseOffer)).toEqual([]);
  });
});

describe('compareLatest: the settled terms', () => {
  it('a term on which both latest offers agree is settled; one on which they differ is not', () => {
    expect(settledPaths(unionOffer, enterpriseOffer)).toEqual([
      'pieceRates[delivery].perKmFen',
      'laborQuota.standardTasksPerHour',
      'termMonths',
    ]);
  });

  it('a term only one side has proposed is not settled', () => {
    const union: Terms = { ...unionOffer, restSchedule: { restDaysPerMonth: 4 } };
    const enterprise: Terms = { ...enterpriseOffer, clauses: [{ topic: 'other', text: 'x' }] };
    const settled = settledPaths(union, enterprise);
    expect(settled).not.toContain('restSchedule.restDaysPerMonth');
    expect(settled).not.toContain('clauses[0].text');
  });

  it('nothing is settled until both sides have made an offer', () => {
    expect(settledPaths(unionOffer, null)).toEqual([]);
    expect(settledPaths(null, enterpriseOffer)).toEqual([]);
  });

  it('settled terms and gaps together account for every path either side proposed', () => {
    const union: Terms = { ...unionOffer, restSchedule: { restDaysPerMonth: 4 } };
    const paths = new Set([...flattenTerms(union).keys(), ...flattenTerms(enterpriseOffer).keys()]);
    const settled = settledPaths(union, enterpriseOffer);
    const gaps = gapBetween(union, enterpriseOffer).map((g) => g.path);
    expect(new Set([...settled, ...gaps])).toEqual(paths);
    expect(settled.filter((p) => gaps.includes(p))).toEqual([]);
  });

  it('piece rates are compared by task, not by their position in the list', () => {
    const union = { pieceRates: [{ task: 'delivery', baseFen: 500 }, { task: 'pickup', baseFen: 300 }], laborQuota: { standardTasksPerHour: 4 } };
    const enterprise = { pieceRates: [{ task: 'pickup', baseFen: 500 }, { task: 'delivery', baseFen: 450 }], laborQuota: { standardTasksPerHour: 4 } };
    expect(settledPaths(union, enterprise).filter((p) => p.endsWith('.baseFen'))).toEqual([]);
    expect(gapBetween(union, enterprise)).toEqual(
      expect.arrayContaining([{ path: 'pieceRates[delivery].baseFen', union: 500, enterprise: 450 }]),
    );
  });
});

