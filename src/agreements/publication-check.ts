import { ChainLink, Verification, canonicalJson } from '../audit/audit-chain';
import { Terms } from '../terms/terms';

/**
 * What a worker's "verify" asks (the page and GET /api/agreements/:id/verify): is the
 * published text the negotiated text?
 * Three things must hold: the negotiation's chain verifies (AuditService.verify: every hash
 * recomputes and nothing is missing at its end); the head hash printed on the
 * publication is the chain's PUBLISH entry for this very publication; and the published terms
 * are, to the byte of their canonical JSON, the terms the chain shows both sides agreed.
 */
export type PublicationCheck =
  | { intact: true; entries: number; head: string }
  | { intact: false; problem: 'chain'; seq: number; reason: string }
  | { intact: false; problem: 'head' }
  | { intact: false; problem: 'terms' };

export interface PublishedRecord {
  id: string;
  kind: string;
  terms: Terms;
  auditHead: string;
}

export function checkPublication(agreement: PublishedRecord, entries: ChainLink[], chain: Verification): PublicationCheck {
  if (!chain.valid) return { intact: false, problem: 'chain', seq: chain.firstBrokenSeq, reason: chain.reason };
  const published = entries.find((e) => e.hash === agreement.auditHead);
  if (!published || published.type !== 'PUBLISH' || payloadOf(published).agreementId !== agreement.id) return { intact: false, problem: 'head' };
  const negotiated = agreedInChain(agreement.kind, entries.filter((e) => e.seq < published.seq));
  if (negotiated === undefined || canonicalJson(negotiated) !== canonicalJson(agreement.terms)) return { intact: false, problem: 'terms' };
  return { intact: true, entries: chain.entries, head: chain.head };
}

/** A chain entry's payload as data. */
export function payloadOf(entry: ChainLink): Record<string, unknown> {
  return JSON.parse(entry.payload) as Record<string, unknown>;
}

/**
 * The terms the chain says were agreed: for a contract, the offer the last ACCEPT answered
 * (round 1 is the opening proposal); for a rule change, the proposal it was opened with.
 */
export function agreedInChain(kind: string, entries: ChainLink[]): unknown {
  const opened = entries.find((e) => e.type === 'OPENED');
  if (!opened) return undefined;
  if (kind === 'rule_change') return payloadOf(opened).proposal;
  const accept = entries.filter((e) => e.type === 'ACCEPT').at(-1);
  if (!accept) return undefined;
  const round = payloadOf(accept).round;
  if (round === 1) return payloadOf(opened).proposal;
  const offer = entries.filter((e) => e.type === 'OFFER' && e.seq < accept.seq && payloadOf(e).round === round).at(-1);
  return offer ? payloadOf(offer).terms : undefined;
}
