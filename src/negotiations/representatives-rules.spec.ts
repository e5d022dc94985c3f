import { expertsWithinShare, representativesOverlap, seatProblems, seatsOf, tableProblems } from './representatives-rules';

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

describe('experts (集体合同规定 art. 23)', () => {
  it('one expert among three seats is exactly a third, and allowed', () => {
    expect(seatProblems('union', { chief: 'u1', members: ['u2'], experts: ['x1'] })).toEqual([]);
  });

  it('two experts among five seats is more than a third, and refused', () => {
    expect(seatProblems('union', { chief: 'u1', members: ['u2', 'u3'], experts: ['x1', 'x2'] })).toEqual([
      "union: experts may hold at most a third of the side's seats (art. 23), got 2 of 5",
    ]);
  });

  it('two experts among six seats is exactly a third, and allowed', () => {
    expect(seatProblems('union', { chief: 'u1', members: ['u2', 'u3', 'u4'], experts: ['x1', 'x2'] })).toEqual([]);
  });

  it('an expert is never the chief', () => {
    expect(seatProblems('enterprise', { chief: 'x1', members: ['e2', 'e3', 'e4'], experts: ['x1'] })).toContain(
      'enterprise: an expert cannot be the chief (art. 23)',
    );
  });

  it('nobody sits both as member and as expert', () => {
    expect(seatProblems('union', { chief: 'u1', members: ['u2', 'x1'], experts: ['x1'] })).toContain(
      'union: listed both as member and as expert: x1',
    );
  });

  it('experts count towards the equal numbers of art. 19', () => {
    expect(tableProblems({ chief: 'u1', members: ['u2'], experts: ['x1'] }, enterprise)).toEqual([]);
    expect(tableProblems({ chief: 'u1', members: ['u2', 'u3'], experts: ['x1'] }, enterprise)).toEqual([
      'both sides need an equal number of representatives (art. 19): union 4, enterprise 3',
    ]);
  });

  it('an expert seated for both sides represents both (art. 24)', () => {
    expect(tableProblems({ chief: 'u1', members: ['u2'], experts: ['x1'] }, { chief: 'e1', members: ['e2'], experts: ['x1'] })).toContain(
      'nobody may represent both sides (art. 24): x1',
    );
  });
});

describe('expertsWithinShare', () => {
  it('is true up to and including a third, false one above', () => {
    expect([expertsWithinShare(1, 3), expertsWithinShare(2, 6), expertsWithinShare(3, 9)]).toEqual([true, true, true]);
    expect([expertsWithinShare(2, 5), expertsWithinShare(2, 4), expertsWithinShare(4, 11)]).toEqual([false, false, false]);
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
