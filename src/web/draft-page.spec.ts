import { collectiveContractMachine } from '../negotiations/collective-contract.machine';
import { ruleChangeMachine } from '../negotiations/rule-change.machine';
import { DRAFT_STAGES, draftWording } from './draft-page';
import { translator } from './i18n';

describe('the comments page says where the consultation stands', () => {
  const zh = (kind: 'collective_contract' | 'rule_change', state: string, canComment = false) => {
    const wording = draftWording(kind, state, canComment);
    return { terms: translator('zh')(wording.terms), closed: wording.closed && translator('zh')(wording.closed) };
  };

  it('knows every state of both procedures', () => {
    const states = [...Object.keys(collectiveContractMachine.config.states!), ...Object.keys(ruleChangeMachine.config.states!)];
    expect(states.filter((s) => !(s in DRAFT_STAGES))).toEqual([]);
  });

  it('does not call talks still in bargaining a closed consultation', () => {
    for (const state of ['requested', 'bargaining', 'suspended', 'disputed']) {
      expect(zh('collective_contract', state).closed).toBe('协商仍在进行：草案交付征求意见后才能提意见。');
    }
  });

  it('calls the terms a draft during consultation, approved after the vote, published once published', () => {
    expect(zh('collective_contract', 'consultation', true)).toEqual({ terms: '草案条款', closed: null });
    expect(zh('collective_contract', 'signed')).toEqual({ terms: '表决通过的条款', closed: '征求意见已结束，不能再提交。' });
    expect(zh('collective_contract', 'published')).toEqual({ terms: '已公布的合同条款', closed: '征求意见已结束，不能再提交。' });
    expect(zh('rule_change', 'consultation', true).terms).toBe('拟变更的规则');
    expect(zh('rule_change', 'published').terms).toBe('已公布的规则');
  });

  it('tells someone outside an open consultation why there is no form, and that an ended negotiation takes none', () => {
    expect(zh('collective_contract', 'consultation').closed).toBe('您不在本次征求意见的范围内。');
    expect(zh('collective_contract', 'withdrawn').closed).toBe('协商已终止，不再征求意见。');
  });
});
