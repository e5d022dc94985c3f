import { ChainLink } from '../audit/audit-chain';
import { commitmentsFromChain, firstDifference } from './commitment-chain';

const entry = (seq: number, type: string, payload: object): ChainLink => ({
  negotiationId: 'n',
  seq,
  type,
  actorId: 'u',
  role: 'r',
  at: '2027-01-04T01:00:00.000Z',
  payload: JSON.stringify(payload),
  prevHash: '',
  hash: '',
});

const created = entry(1, 'COMMITMENTS_CREATED', {
  commitments: [
    { id: 'c2', clauseIndex: 2, responsible: 'union', responsibleOrgId: 'u', dueOn: '2027-02-03', dueAt: '2027-02-03T15:59:59.999Z' },
    { id: 'c0', clauseIndex: 0, responsible: 'enterprise', responsibleOrgId: 'e', dueOn: '2027-02-03', dueAt: '2027-02-03T15:59:59.999Z' },
  ],
});

describe('commitmentsFromChain', () => {
  it('given creation, two reports and a confirmation of the last, then a done commitment at 100 %', () => {
    const replayed = commitmentsFromChain([
      created,
      entry(2, 'COMMITMENT_REPORTED', { commitmentId: 'c0', progress: 50, text: 'a' }),
      entry(3, 'COMMITMENT_VERIFIED', { commitmentId: 'c0', verdict: 'confirmed', note: '', done: false }),
      entry(4, 'COMMITMENT_REPORTED', { commitmentId: 'c0', progress: 100, text: 'b' }),
      entry(5, 'COMMITMENT_VERIFIED', { commitmentId: 'c0', verdict: 'confirmed', note: '', done: true }),
    ]);
    expect(replayed.map((c) => [c.id, c.progress, JSON.parse(c.reports).length, c.verdict, c.doneAt])).toEqual([
      ['c0', 100, 2, 'confirmed', '2027-01-04T01:00:00.000Z'],
      ['c2', 0, 0, null, null],
    ]);
    expect(replayed[0]).toMatchObject({ verifiedBy: 'u', verifiedAt: '2027-01-04T01:00:00.000Z', verificationNote: '', dueAt: '2027-02-03T15:59:59.999Z' });
    expect(JSON.parse(replayed[0].reports)).toEqual([
      { at: '2027-01-04T01:00:00.000Z', by: 'u', progress: 50, text: 'a' },
      { at: '2027-01-04T01:00:00.000Z', by: 'u', progress: 100, text: 'b' },
    ]);
  });

  it('a report after a verdict clears it', () => {
    const replayed = commitmentsFromChain([
      created,
      entry(2, 'COMMITMENT_REPORTED', { commitmentId: 'c2', progress: 60, text: 'a' }),
      entry(3, 'COMMITMENT_VERIFIED', { commitmentId: 'c2', verdict: 'disputed', note: 'no', done: false }),
      entry(4, 'COMMITMENT_REPORTED', { commitmentId: 'c2', progress: 80, text: 'b' }),
    ]);
    expect(replayed[1]).toMatchObject({ progress: 80, verdict: null, verificationNote: null, verifiedBy: null, verifiedAt: null, doneAt: null });
  });
});

describe('firstDifference', () => {
  it('names the first field a row changed behind the chain', () => {
    const chained = commitmentsFromChain([created]);
    expect(firstDifference(chained, chained.map((c) => ({ ...c })))).toBeNull();
    expect(firstDifference(chained, [chained[0], { ...chained[1], progress: 100 }])).toBe('commitments[1].progress');
    expect(firstDifference(chained, [chained[0]])).toBe('commitments.length');
    expect(firstDifference(chained, [chained[0], { ...chained[1], dueAt: '2027-12-30T15:59:59.999Z' }])).toBe('commitments[1].dueAt');
    expect(firstDifference(chained, [chained[0], { ...chained[1], doneAt: '2027-01-05T00:00:00.000Z' }])).toBe('commitments[1].doneAt');
  });
});
