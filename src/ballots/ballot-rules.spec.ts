import { createHash } from 'node:crypto';
import { isRatified } from '../negotiations/ratification';
import {
  delegateProblems,
  everyoneHasVoted,
  isOpenAt,
  newReceipt,
  legacyReceiptHash,
  normalizeReceipt,
  receiptHash,
  receiptsDigest,
  rollMismatch,
  tallyOf,
} from './ballot-rules';

describe('tallyOf', () => {
  it('counts every ballot cast as present, abstentions included', () => {
    expect(tallyOf(9, { inFavour: 3, against: 2, abstained: 1 })).toEqual({ eligible: 9, present: 6, inFavour: 3, against: 2, abstained: 1 });
  });

  it('feeds art. 36 so that an abstention helps the quorum but not the majority', () => {
    // 6 of 9 take part (two thirds); 4 in favour of all 9 is not half: 2·4 = 8 < 9
    expect(isRatified(tallyOf(9, { inFavour: 4, against: 0, abstained: 2 }))).toBe(false);
    expect(isRatified(tallyOf(9, { inFavour: 5, against: 0, abstained: 1 }))).toBe(true);
  });
});

describe('everyoneHasVoted', () => {
  it('lets the union close early only when the last worker on the roll has voted', () => {
    expect(everyoneHasVoted({ eligible: 3, cast: 3 })).toBe(true);
    expect(everyoneHasVoted({ eligible: 3, cast: 2 })).toBe(false);
  });
});

describe('isOpenAt', () => {
  const closesAt = '2027-01-10T15:59:59.999Z';
  it('is open up to the last instant of closesOn and not after', () => {
    expect(isOpenAt({ closedAt: null, closesAt }, new Date(closesAt))).toBe(true);
    expect(isOpenAt({ closedAt: null, closesAt }, new Date('2027-01-10T16:00:00.000Z'))).toBe(false);
  });
  it('is shut once closed, whatever the time', () => {
    expect(isOpenAt({ closedAt: '2027-01-05T00:00:00.000Z', closesAt }, new Date('2027-01-06T00:00:00.000Z'))).toBe(false);
  });
});

describe('receipts', () => {
  it('are 16 unambiguous symbols in groups of four, different every time', () => {
    const receipts = Array.from({ length: 200 }, newReceipt);
    for (const r of receipts) expect(r).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);
    expect(new Set(receipts).size).toBe(receipts.length);
  });

  it('hash the same however they are typed back', () => {
    expect(normalizeReceipt(' 7kq4 m2xd-9tfa-hw3p ')).toBe('7KQ4-M2XD-9TFA-HW3P');
    expect(normalizeReceipt('7KQ4M2XD9TFAHW3')).toBe('7KQ4M2XD9TFAHW3');
    expect(receiptHash('7kq4 m2xd 9tfa hw3p')).toBe(receiptHash('7KQ4-M2XD-9TFA-HW3P'));
    // what a voter computes from the receipt they were given, dashes and all
    expect(receiptHash('7KQ4-M2XD-9TFA-HW3P')).toBe(createHash('sha256').update('7KQ4-M2XD-9TFA-HW3P').digest('hex'));
    expect(legacyReceiptHash('7kq4 m2xd 9tfa hw3p')).toBe(createHash('sha256').update('7KQ4M2XD9TFAHW3P').digest('hex'));
  });

  it('digest to the SHA-256 of the sorted hashes, one per line, whatever the order given', () => {
    const hashes = ['b'.repeat(64), 'a'.repeat(64)];
    const expected = createHash('sha256').update(`${'a'.repeat(64)}\n${'b'.repeat(64)}\n`).digest('hex');
    expect(receiptsDigest(hashes)).toBe(expected);
    expect(receiptsDigest([...hashes].reverse())).toBe(expected);
    expect(receiptsDigest([])).toBe(createHash('sha256').digest('hex'));
  });
});

describe('delegateProblems', () => {
  const covered = new Map([
    ['u1', 'w1'],
    ['u2', 'w2'],
    ['u2b', 'w2'],
  ]);
  it('accepts covered workers named once each', () => {
    expect(delegateProblems(['u1', 'u2'], covered)).toEqual([]);
  });
  it('names a repeated delegate', () => {
    expect(delegateProblems(['u1', 'u2', 'u1'], covered)).toEqual(['delegates[2]: u1 is named twice']);
  });
  it('names someone who is not a covered worker', () => {
    expect(delegateProblems(['u1', 'x'], covered)).toEqual(['delegates[1]: x is not the account of a worker this negotiation covers']);
  });
  it('names a second account of the same worker', () => {
    expect(delegateProblems(['u2', 'u2b'], covered)).toEqual(['delegates[1]: u2b is the same worker as u2']);
  });
});

describe('rollMismatch', () => {
  it('accepts an eligible count equal to the roll, and names the difference otherwise', () => {
    expect(rollMismatch(12, 12, 'all_workers')).toBeNull();
    expect(rollMismatch(11, 12, 'all_workers')).toBe('eligible is 11 but the scope covers 12 workers');
    expect(rollMismatch(13, 12, 'all_workers')).toContain('covers 12');
    expect(rollMismatch(3, 2, 'delegates')).toBe('eligible is 3 but 2 delegates are named');
  });
});
