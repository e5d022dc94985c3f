import { TestApp } from './test-app';
import { openContract, publishFromConsultation, seats, sendOk, terms } from './negotiation-helpers';

/** Clauses with commitments: two the enterprise owes (30 and 60 days), one the union owes (30 days). */
export const COMMITTED_CLAUSES = [
  { topic: 'order_allocation', text: '派单算法须公开主要规则。', commitment: { responsible: 'enterprise', dueInDays: 30 } },
  { topic: 'occupational_safety', text: '各站点设置骑手休息驿站。', commitment: { responsible: 'enterprise', dueInDays: 60 } },
  { topic: 'grievance', text: '工会设立骑手申诉热线。', commitment: { responsible: 'union', dueInDays: 30 } },
  { topic: 'other', text: '双方每季度通报执行情况。' },
];

/** Publishes a contract whose agreed terms carry COMMITTED_CLAUSES; returns the negotiation and agreement ids. */
export async function publishWithCommitments(t: TestApp): Promise<{ negotiationId: string; agreementId: string }> {
  const id = await openContract(t);
  await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
  await sendOk(t, id, 'platform.chief', { type: 'OFFER', terms: terms(600, { clauses: COMMITTED_CLAUSES }) });
  await sendOk(t, id, 'union.chief', { type: 'ACCEPT' });
  await publishFromConsultation(t, id);
  const agreements = await t.http().get('/api/agreements');
  const agreement = agreements.body.items.find((a: { negotiationId: string }) => a.negotiationId === id);
  return { negotiationId: id, agreementId: agreement.id };
}

export async function as(t: TestApp, username: string) {
  return t.login(username);
}
