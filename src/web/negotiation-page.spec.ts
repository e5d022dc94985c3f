import { diffTerms } from '../terms/terms-comparison';
import { RoundView } from '../negotiations/negotiation-records.service';
import { NegotiationView } from '../negotiations/negotiation-view';
import { Terms } from '../terms/terms';
import { Names, PageContext, fromTo, positionRows, timeline } from './negotiation-page';

const terms = (baseFen: number, restDaysPerMonth: number): Terms => ({
  pieceRates: [{ task: 'delivery', baseFen }],
  restSchedule: { restDaysPerMonth },
  laborQuota: { standardTasksPerHour: 4 },
});

const round = (n: number, proposer: 'union' | 'enterprise', offered: Terms, answer: string | null): RoundView => ({
  round: n,
  proposer,
  terms: offered,
  changes: [],
  ownChanges: null,
  note: null,
  proposedBy: proposer === 'union' ? 'u1' : 'e1',
  answer: answer ? { type: answer, by: proposer === 'union' ? 'e1' : 'u1', at: '2027-01-05T01:00:00.000Z' } : null,
  at: '2027-01-04T01:00:00.000Z',
});

/** The differences the record keeps (NegotiationRecords.rounds): against the round before, and against the side's own last offer. */
const recorded = (rs: RoundView[]): RoundView[] =>
  rs.map((r, i) => {
    const own = rs.slice(0, i).filter((x) => x.proposer === r.proposer).at(-1);
    return { ...r, changes: diffTerms(rs[i - 1]?.terms ?? null, r.terms), ownChanges: own ? diffTerms(own.terms, r.terms) : null };
  });

// the platform always offers 4 rest days and moves only on the rate: 6.40 → 6.48 元
const rounds = recorded([
  round(1, 'union', terms(700, 6), 'OFFER'),
  round(2, 'enterprise', terms(640, 4), 'OFFER'),
  round(3, 'union', terms(690, 6), 'OFFER'),
  round(4, 'enterprise', terms(648, 4), 'OFFER'),
  round(5, 'union', terms(690, 6), null),
]);
const view = { id: 'n1' } as NegotiationView;
const names: Names = { people: new Map([['u1', '王建国'], ['e1', '刘洋']]), orgs: new Map() };
const ctx: PageContext = { lang: 'zh', zone: 'Asia/Shanghai', now: new Date('2027-01-06T00:00:00Z') };

describe('the timeline of rounds', () => {
  const lines = timeline(view, rounds, names, ctx);

  it("lists what a side changed against its own previous offer, not against the other side's", () => {
    expect(lines[3]).toMatchObject({ against: '较本方上一方案', changes: ['配送·基本单价：6.40 → 6.48 元/单'] });
    expect(lines[2]).toMatchObject({ against: '较本方上一方案', changes: ['配送·基本单价：7.00 → 6.90 元/单'] });
  });

  it("sets a side's first offer against the offer it answers, and lists every term of the opening offer", () => {
    expect(lines[1]).toMatchObject({ against: '较对方方案', changes: ['配送·基本单价：7.00 → 6.40 元/单', '每月休息：6 → 4 天'] });
    expect(lines[0]).toMatchObject({ against: '开局方案', changes: ['配送·基本单价：7.00 元/单', '每月休息：6 天', '劳动定额：每小时 4 单'] });
  });

  it('says so when a side repeats its offer unchanged', () => {
    expect(lines[4]).toMatchObject({ changes: [], unchanged: true, answer: '等待答复' });
    expect(lines[3].unchanged).toBe(false);
  });

  it('leaves out a counter-offer as an answer: it is the next round', () => {
    expect(lines.slice(0, 4).map((l) => l.answer)).toEqual([null, null, null, null]);
  });
});

describe('a change in words', () => {
  it('writes a unit both figures share once, and both units where they differ', () => {
    expect(fromTo({ path: 'commission.maxBasisPoints', from: 1400, to: 1350 }, 'zh')).toBe('14 → 13.5%');
    expect(fromTo({ path: 'restSchedule.maxContinuousMinutes', from: 180, to: 185 }, 'zh')).toBe('3 小时 → 3 小时 5 分钟');
    expect(fromTo({ path: 'restSchedule.maxContinuousMinutes', from: 185, to: 245 }, 'zh')).toBe('3 小时 5 分钟 → 4 小时 5 分钟');
    expect(fromTo({ path: 'laborQuota.standardTasksPerHour', from: 4, to: 5 }, 'zh')).toBe('每小时 4 单 → 每小时 5 单');
  });
});

describe('the positions', () => {
  const clause = '平台调整派单算法前，应当提前三十日书面告知工会并听取劳动者意见。';
  const bargaining = (union: Terms, enterprise: Terms, settled: string[]) =>
    ({
      kind: 'collective_contract',
      agreedTerms: null,
      settled,
      latestOffers: { union: { round: 1, terms: union }, enterprise: { round: 2, terms: enterprise } },
    }) as unknown as NegotiationView;

  it('shows a clause as a block of prose, not as a row of the table of figures', () => {
    const withClause = (text: string) => ({ ...terms(700, 4), clauses: [{ topic: 'algorithm', text }] });
    const positions = positionRows(bargaining(withClause(clause), withClause('另行协商。'), []), 'zh');
    expect(positions.rows.map((r) => r.label)).toEqual(['配送·基本单价', '每月休息', '劳动定额']);
    expect(positions.clauses).toEqual([
      {
        label: '条款 1',
        settled: false,
        sides: [
          { side: 'union', label: '工会', topic: '算法', text: clause },
          { side: 'enterprise', label: '企业', topic: '算法', text: '另行协商。' },
        ],
      },
    ]);
  });

  it('writes a clause both sides offer alike once', () => {
    const same = { ...terms(700, 4), clauses: [{ topic: 'algorithm', text: clause }] };
    const positions = positionRows(bargaining(same, same, ['clauses[0].topic', 'clauses[0].text']), 'zh');
    expect(positions.clauses).toEqual([{ label: '条款 1', settled: true, sides: [{ side: 'both', label: '双方', topic: '算法', text: clause }] }]);
  });
});
