import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/**
 * The tamper-evident record (DESIGN §2): hash = sha256(prevHash ‖ canonical entry), where the
 * canonical entry is RFC 8785 (JCS) JSON of everything but the hashes. One chain per
 * negotiation; the first entry's prevHash is 64 zeros.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainLink {
  negotiationId: string;
  seq: number;
  type: string;
  actorId: string;
  role: string;
  at: string;
  /** Canonical JSON of the payload. */
  payload: string;
  prevHash: string;
  hash: string;
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON form');
  return text;
}

export function hashLink(link: Omit<ChainLink, 'hash'>): string {
  const { negotiationId, seq, type, actorId, role, at, payload, prevHash } = link;
  const canonicalEntry = canonicalJson({ negotiationId, seq, type, actorId, role, at, payload: JSON.parse(payload) });
  return createHash('sha256').update(prevHash).update(canonicalEntry).digest('hex');
}

export type Verification =
  | { valid: true; entries: number; head: string }
  | { valid: false; firstBrokenSeq: number; reason: string };

/**
 * Recomputes the chain in seq order and names the first entry that does not hold. With
 * `recorded` (the seq and head the negotiation row says it has reached), a chain cut short at
 * its end — last entries deleted — is caught too: the first missing seq is named.
 */
export function verifyChain(links: ChainLink[], recorded?: { seq: number; head: string }): Verification {
  let prevHash = GENESIS_HASH;
  for (const [i, link] of links.entries()) {
    const broken = (reason: string): Verification => ({ valid: false, firstBrokenSeq: link.seq, reason });
    if (link.seq !== i + 1) return broken(`expected seq ${i + 1}, found ${link.seq}`);
    if (link.prevHash !== prevHash) return broken('prevHash does not match the previous entry');
    let payloadIsCanonical: boolean;
    try {
      payloadIsCanonical = canonicalJson(JSON.parse(link.payload)) === link.payload;
    } catch {
      payloadIsCanonical = false;
    }
    if (!payloadIsCanonical) return broken('payload is not canonical JSON');
    if (hashLink(link) !== link.hash) return broken('hash does not match the entry');
    prevHash = link.hash;
  }
  if (recorded && (recorded.seq !== links.length || recorded.head !== prevHash))
    return {
      valid: false,
      firstBrokenSeq: Math.min(links.length, recorded.seq) + 1,
      reason: `the negotiation records ${recorded.seq} entries ending in ${recorded.head}; the chain has ${links.length} ending in ${prevHash}`,
    };
  return { valid: true, entries: links.length, head: prevHash };
}
