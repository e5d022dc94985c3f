import { hasMajorityOfAllEligible, hasQuorum, impossibleTally, isRatified, VoteTally } from './ratification';

const tally = (eligible: number, present: number, inFavour: number): VoteTally => ({
  eligible,
  present,
  inFavour,
  against: 0,
  abstained: 0,
});

describe('hasQuorum (三分之二以上 attend, the bound included)', () => {
  it('a vote where exactly two thirds attended has a quorum', () => {
    expect(hasQuorum({ eligible: 3, present: 2 })).toBe(true);
    expect(hasQuorum({ eligible: 240, present: 160 })).toBe(true);
  });

  it('a vote where one fewer than two thirds attended has no quorum', () => {
    expect(hasQuorum({ eligible: 3, present: 1 })).toBe(false);
    expect(hasQuorum({ eligible: 240, present: 159 })).toBe(false);
  });

  it('with an eligible count not divisible by three, the quorum is the next whole person above two thirds', () => {
    // 2/3 of 7 is 4.67: 5 attend (3·5 = 15 ≥ 14) is enough, 4 (12 < 14) is not.
    expect(hasQuorum({ eligible: 7, present: 5 })).toBe(true);
    expect(hasQuorum({ eligible: 7, present: 4 })).toBe(false);
  });
});

describe('hasMajorityOfAllEligible (半数以上 of all eligible, the bound included)', () => {
  it('exactly half of all eligible in favour is a majority', () => {
    expect(hasMajorityOfAllEligible({ eligible: 240, inFavour: 120 })).toBe(true);
  });

  it('one fewer than half of all eligible in favour is no majority', () => {
    expect(hasMajorityOfAllEligible({ eligible: 240, inFavour: 119 })).toBe(false);
  });

  it('with an odd eligible count, the majority is the next whole person above half', () => {
    // half of 7 is 3.5: 4 in favour (8 ≥ 7) passes, 3 (6 < 7) does not.
    expect(hasMajorityOfAllEligible({ eligible: 7, inFavour: 4 })).toBe(true);
    expect(hasMajorityOfAllEligible({ eligible: 7, inFavour: 3 })).toBe(false);
  });
});

describe('isRatified', () => {
  it('a vote where exactly two thirds attended and exactly half of all eligible approved passes', () => {
    expect(isRatified(tally(240, 160, 120))).toBe(true);
    expect(isRatified(tally(3, 2, 2))).toBe(true);
  });

  it('rejects a vote where fewer than two thirds attended, even if everyone present approved', () => {
    expect(isRatified(tally(240, 159, 159))).toBe(false);
    expect(isRatified(tally(3, 1, 1))).toBe(false);
  });

  it('rejects a vote where fewer than half of all eligible approved', () => {
    expect(isRatified(tally(240, 200, 119))).toBe(false);
  });

  it('a vote of 7 eligible passes with 5 present and 4 in favour, and fails with 4 present or 3 in favour', () => {
    expect(isRatified(tally(7, 5, 4))).toBe(true);
    expect(isRatified(tally(7, 4, 4))).toBe(false);
    expect(isRatified(tally(7, 5, 3))).toBe(false);
  });

  it('the majority counts all eligible, not those present: 40 of 70 present is not half of 100 eligible', () => {
    // 40/70 > ½ of those present, but 40 < 50 = ½ of all eligible.
    expect(hasQuorum({ eligible: 100, present: 70 })).toBe(true);
    expect(isRatified(tally(100, 70, 40))).toBe(false);
    expect(isRatified(tally(100, 70, 50))).toBe(true);
  });

  it('a vote with nobody eligible never ratifies', () => {
    expect(isRatified(tally(0, 0, 0))).toBe(false);
  });
});

describe('impossibleTally', () => {
  it('a tally that can describe a real vote has no problems', () => {
    expect(impossibleTally({ eligible: 100, present: 70, inFavour: 40, against: 20, abstained: 10 })).toEqual([]);
  });

  it('reports more people present than eligible', () => {
    expect(impossibleTally({ eligible: 100, present: 101, inFavour: 60, against: 0, abstained: 0 })).toEqual([
      'present cannot exceed eligible',
    ]);
  });

  it('reports more votes cast than people present', () => {
    expect(impossibleTally({ eligible: 100, present: 70, inFavour: 40, against: 20, abstained: 11 })).toEqual([
      'inFavour + against + abstained cannot exceed present',
    ]);
  });

  it('reports every problem of a tally at once', () => {
    expect(impossibleTally({ eligible: 10, present: 11, inFavour: 12, against: 0, abstained: 0 })).toHaveLength(2);
  });
});
