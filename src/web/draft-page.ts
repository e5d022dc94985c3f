import { MessageKey } from './i18n';

/**
 * What the comments page (征求意见) may say about a negotiation's terms and its consultation,
 * given where the procedure stands: before consultation there is no draft yet, during it the
 * terms are a draft, after it they are what the vote approved, once published they are the
 * published terms. A collective contract can come back to bargaining (a failed vote, the
 * bureau's objection): then the consultation is not over, it is to come again.
 */
export type DraftStage = 'before' | 'open' | 'approved' | 'proposal' | 'published' | 'ended';

export const DRAFT_STAGES: Record<string, DraftStage> = {
  requested: 'before',
  bargaining: 'before',
  suspended: 'before',
  disputed: 'before',
  consultation: 'open',
  ratified: 'approved',
  signed: 'approved',
  under_review: 'approved',
  effective: 'approved',
  // a rule change: the platform's proposal, awaiting and then carrying its answers
  awaiting_response: 'proposal',
  responded: 'proposal',
  published: 'published',
  expired: 'published',
  withdrawn: 'ended',
  terminated: 'ended',
};

export function draftStage(state: string): DraftStage {
  return DRAFT_STAGES[state] ?? 'ended';
}

/** The heading over the terms, and the sentence in place of the form when no opinion can be given. */
export function draftWording(kind: 'collective_contract' | 'rule_change', state: string, canComment: boolean): { terms: MessageKey; closed: MessageKey | null } {
  const stage = draftStage(state);
  const rules = kind === 'rule_change';
  const terms: Record<DraftStage, MessageKey> = {
    before: 'draft.terms',
    open: rules ? 'draft.proposal' : 'draft.terms',
    approved: 'draft.approvedTerms',
    proposal: 'draft.proposal',
    published: rules ? 'draft.publishedRules' : 'draft.publishedTerms',
    ended: 'draft.terms',
  };
  const closed: Record<DraftStage, MessageKey> = {
    before: 'draft.notYet',
    open: 'draft.notYours',
    approved: 'draft.closed',
    proposal: 'draft.closed',
    published: 'draft.closed',
    ended: 'draft.ended',
  };
  return { terms: terms[stage], closed: canComment ? null : closed[stage] };
}
