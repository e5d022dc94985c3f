import { RoundView } from '../negotiations/negotiation-records.service';
import { NegotiationView } from '../negotiations/negotiation-view';
import { Terms } from '../terms/terms';
import { Names, PageContext } from './negotiation-page';
import { procedureTimeline } from './procedure-timeline';

const offer = (baseFen: number): Terms => ({ pieceRates: [{ task: 'delivery', baseFen }], laborQuota: { standardTasksPerHour: 4 } });
const rounds: RoundView[] = [
  { round: 1, proposer: 'union', terms: offer(700), changes: [], ownChanges: null, note: null, proposedBy: 'u1', answer: { type: 'OFFER', by: 'e1', at: '2027-01-04T02:00:00.000Z' }, at: '2027-01-04T01:00:00.000Z' },
  { round: 2, proposer: 'enterprise', terms: offer(650), changes: [], ownChanges: null, note: null, proposedBy: 'e1', answer: { type: 'ACCEPT', by: 'u1', at: '2027-01-04T03:00:00.000Z' }, at: '2027-01-04T02:00:00.000Z' },
];
let seq = 0;
const entry = (type: string, actorId: string, role: string, payload: Record<string, unknown>) => ({ seq: ++seq, type, actorId, role, at: '2027-01-04T04:00:00.000Z', payload });
// the record of a contract from opening to publication, with a failed first vote
const entries = [
  entry('OPENED', 'u1', 'union_negotiator', { to: 'requested' }),
  entry('RESPOND', 'e1', 'enterprise_rep', { accept: true, from: 'requested', to: 'bargaining' }),
  entry('OFFER', 'e1', 'enterprise_rep', { round: 2, from: 'bargaining', to: 'bargaining' }),
  entry('ACCEPT', 'u1', 'union_negotiator', { round: 2, from: 'bargaining', to: 'consultation' }),
  entry('COMMENT', 'w1', 'worker', { text: '雨天补贴？', from: 'consultation', to: 'consultation' }),
  entry('COMMENT', 'w2', 'worker', { text: '夜间加价？', from: 'consultation', to: 'consultation' }),
  entry('RECORD_VOTE', 'u1', 'union_negotiator', { eligible: 240, present: 150, inFavour: 140, against: 10, abstained: 0, from: 'consultation', to: 'bargaining' }),
  entry('RECORD_VOTE', 'u1', 'union_negotiator', { eligible: 240, present: 170, inFavour: 150, against: 15, abstained: 5, from: 'consultation', to: 'ratified' }),
  entry('SIGN', 'u1', 'union_negotiator', { from: 'ratified', to: 'ratified' }),
  entry('SIGN', 'e1', 'enterprise_rep', { from: 'ratified', to: 'signed' }),
  entry('FILE', 'e1', 'enterprise_rep', { from: 'signed', to: 'under_review' }),
  entry('REVIEW', 'b1', 'bureau_reviewer', { decision: 'object', opinion: '夜间加价低于本市指引', from: 'under_review', to: 'bargaining' }),
  entry('REVIEW_PERIOD_ELAPSED', 'system', 'system', { from: 'under_review', to: 'effective' }),
  entry('PUBLISH', 'u1', 'union_negotiator', { from: 'effective', to: 'published' }),
];
const view = { id: 'n1', kind: 'collective_contract' } as NegotiationView;
const names: Names = { people: new Map([['u1', '王建国'], ['e1', '刘洋'], ['b1', '赵敏'], ['w1', '骑手甲']]), orgs: new Map() };
const ctx: PageContext = { lang: 'zh', zone: 'Asia/Shanghai', now: new Date('2027-01-06T00:00:00Z') };

describe('the procedure as the record tells it', () => {
  const items = procedureTimeline(view, rounds, entries, names, ctx);
  const steps = items.flatMap((i) => (i.kind === 'step' ? [i] : []));

  it('shows the rounds where the record has them, and every other step in order', () => {
    expect(items.map((i) => (i.kind === 'round' ? `round ${i.round}` : i.heading))).toEqual([
      'round 1',
      '答复协商要求',
      'round 2',
      '接受对方方案',
      '劳动者提出意见 2 条',
      '录入会议表决结果（计票单）',
      '录入会议表决结果（计票单）',
      '签字',
      '签字',
      '报送劳动保障部门审查',
      '审查',
      '审查期满自动生效',
      '向劳动者公布',
    ]);
  });

  it('writes the tally and whether it carried', () => {
    const [failed, carried] = steps.filter((s) => s.heading === '录入会议表决结果（计票单）');
    expect(failed).toMatchObject({ verdict: { text: '未通过，退回协商', tone: 'no' }, state: '协商中' });
    expect(carried).toMatchObject({ details: ['应到 240 人，实到 170 人；赞成 150，反对 15，弃权 5'], verdict: { tone: 'ok' }, state: '已表决通过，待签字' });
  });

  it('names who signed, filed and reviewed with their side, the objection, and a lapse as the system', () => {
    expect(steps.filter((s) => s.heading === '签字').map((s) => s.by)).toEqual(['工会 · 王建国', '企业 · 刘洋']);
    expect(steps.find((s) => s.heading === '审查')).toMatchObject({ by: '劳动保障部门 · 赵敏', verdict: { text: '提出异议' }, details: ['意见：夜间加价低于本市指引'] });
    expect(steps.find((s) => s.heading === '审查期满自动生效')).toMatchObject({ by: null, side: 'system', state: '已生效，待公布' });
  });

  it('counts opinions without naming a worker or quoting them, and leaves answered rounds to the steps that answered them', () => {
    const opinions = steps.find((s) => s.heading.startsWith('劳动者提出意见'))!;
    expect(opinions).toMatchObject({ by: null, details: [] });
    expect(JSON.stringify(items)).not.toMatch(/骑手甲|雨天补贴/);
    expect(items.filter((i) => i.kind === 'round').map((i) => (i.kind === 'round' ? i.answer : null))).toEqual([null, null]);
    expect(steps.find((s) => s.heading === '签字')!.state).toBeNull();
  });
});
