import { representativesOverlap, seatProblems, seatsOf, tableProblems } from './representatives-rules';

const union = { chief: 'u1', members: ['u2', 'u3'] };
const enterprise = { chief: 'e1', members: ['e2', 'e3'] };

describe('seatsOf', () => {
  it('lists the chief first, then the other members', () => {
    expect(seatsOf({ chief: 'u1', members: ['u2', 'u1', 'u3'] })).toEqual(['u1', 'u2', 'u3']);
  });
});

describe('seatProblems (集体合同规定 art. 19)', () => {
  it('three representatives, one of them chief, is enough', () => {
    expect(seatProblems('union', union)).toEqual([]);
  });

  it('rejects a side with fewer than three representatives including the chief', () => {
    expect(seatProblems('union', { chief: 'u1', members: ['u2'] })).toEqual([
      'union: at least 3 representatives including the chief (art. 19), got 2',
    ]);
    expect(seatProblems('enterprise', { chief: 'e1', members: [] })).toEqual([
      'enterprise: at least 3 representatives including the chief (art. 19), got 1',
    ]);
  });

  it('rejects a chief listed again among the members, and does not count them twice', () => {
    const problems = seatProblems('union', { chief: 'u1', members: ['u1', 'u2'] });
    expect(problems).toContain('union: the chief is listed again among the members');
    expect(problems).toContain('union: at least 3 representatives including the chief (art. 19), got 2');
  });

  it('a chief listed again among enough other members is only reported as listed twice', () => {
    expect(seatProblems('enterprise', { chief: 'e1', members: ['e1', 'e2', 'e3'] })).toEqual([
      'enterprise: the chief is listed again among the members',
    ]);
  });
});

describe('representativesOverlap (集体合同规定 art. 24)', () => {
  it('nobody in common is no overlap', () => {
    expect(representativesOverlap(union, enterprise)).toEqual([]);
  });

  it('names every person seated on both sides, chief or member', () => {
    expect(representativesOverlap(union, { chief: 'u1', members: ['e2', 'u3'] })).toEqual(['u1', 'u3']);
  });
});

describe('tableProblems', () => {
  it('two sides of three, nobody on both, is a valid table', () => {
    expect(tableProblems(union, enterprise)).toEqual([]);
  });

  it('rejects unequal numbers of representatives', () => {
    expect(tableProblems(union, { chief: 'e1', members: ['e2', 'e3', 'e4'] })).toEqual([
      'both sides need an equal number of representatives (art. 19): union 3, enterprise 4',
    ]);
  });

  it('names the person who would represent both sides', () => {
    expect(tableProblems(union, { chief: 'e1', members: ['e2', 'u2'] })).toEqual([
      'nobody may represent both sides (art. 24): u2',
    ]);
  });

  it("includes each side's own seat problems", () => {
    const problems = tableProblems({ chief: 'u1', members: ['u2'] }, { chief: 'e1', members: ['e2'] });
    expect(problems).toEqual([
      'union: at least 3 representatives including the chief (art. 19), got 2',
      'enterprise: at least 3 representatives including the chief (art. 19), got 2',
    ]);
  });

  it('names every problem at once', () => {
    const problems = tableProblems(union, { chief: 'e1', members: ['u3'] });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^enterprise: at least 3/);
    expect(problems[1]).toMatch(/equal number.*union 3, enterprise 2/);
    expect(problems[2]).toBe('nobody may represent both sides (art. 24): u3');
  });
});
