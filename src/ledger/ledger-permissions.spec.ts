import { mayActOnCommitment, mayDo } from './ledger-permissions';

const seat = (party: 'union' | 'enterprise', chief = false) => ({ party, chief, representative: true });
const bureau = { party: 'bureau' as const, chief: false, representative: false };
const worker = { party: 'worker' as const, chief: false, representative: false };

describe('who may act on a commitment', () => {
  it('lets any representative of the responsible side report, and nobody of the other side', () => {
    expect(mayActOnCommitment('REPORT_PROGRESS', seat('enterprise'), 'enterprise')).toBe(true);
    expect(mayActOnCommitment('REPORT_PROGRESS', seat('union', true), 'enterprise')).toBe(false);
  });
  it("lets only the other side's chief verify", () => {
    expect(mayActOnCommitment('VERIFY', seat('union', true), 'enterprise')).toBe(true);
    expect(mayActOnCommitment('VERIFY', seat('union'), 'enterprise')).toBe(false);
    expect(mayActOnCommitment('VERIFY', seat('enterprise', true), 'enterprise')).toBe(false);
    expect(mayActOnCommitment('VERIFY', bureau, 'enterprise')).toBe(false);
  });
});

describe('who may act on complaints and surveys', () => {
  it('shows complaints to both sides and the bureau, never to a worker', () => {
    expect(mayDo('READ_COMPLAINTS', seat('union'))).toBe(true);
    expect(mayDo('READ_COMPLAINTS', seat('enterprise'))).toBe(true);
    expect(mayDo('READ_COMPLAINTS', bureau)).toBe(true);
    expect(mayDo('READ_COMPLAINTS', worker)).toBe(false);
    expect(mayDo('READ_COMPLAINTS', null)).toBe(false);
  });
  it('has the enterprise answer and the union refer', () => {
    expect(mayDo('ANSWER_COMPLAINT', seat('enterprise'))).toBe(true);
    expect(mayDo('ANSWER_COMPLAINT', seat('union', true))).toBe(false);
    expect(mayDo('REFER_COMPLAINT', seat('union'))).toBe(true);
    expect(mayDo('REFER_COMPLAINT', seat('enterprise', true))).toBe(false);
  });
  it('lets only the union chief open a survey', () => {
    expect(mayDo('OPEN_SURVEY', seat('union', true))).toBe(true);
    expect(mayDo('OPEN_SURVEY', seat('union'))).toBe(false);
    expect(mayDo('OPEN_SURVEY', seat('enterprise', true))).toBe(false);
  });
});
