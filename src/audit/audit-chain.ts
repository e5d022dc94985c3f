import canonicalize from 'canonicalize';
import { createHash, hash } from 'node:crypto';
import { isCanonicalJson } from './canonical-check';

/**
 * The tamper-evident record (DESIGN §2): hash = sha256(prevHash ‖ canonical entry), where the
 * canonical entry is RFC 8785 (JCS) JSON of everything but the hashes. One chain per
 * negotiation; the first entry's prevHash is 64 zeros.
 */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The actor the chain names for a worker who is not to be named: the author of an opinion
 * (COMMENT) or of a complaint that does not share who they are. The enterprise reads the
 * chain (GET /api/negotiations/:id/audit), so a worker's id there would name them to it.
 */
export const ANONYMOUS_WORKER = 'anonymous';

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

/** The definition, for any payload text: the entry with its payload as data, canonicalised as a whole. */
export function hashLink(link: Omit<ChainLink, 'hash'>): string {
  const { negotiationId, seq, type, actorId, role, at, payload, prevHash } = link;
  const canonicalEntry = canonicalJson({ negotiationId, seq, type, actorId, role, at, payload: JSON.parse(payload) });
  return sha256(prevHash + canonicalEntry);
}

/**
 * The same hash for a link whose payload already is canonical JSON (as every stored payload must
 * be): JCS of the entry is then its fields in key order — actorId, at, negotiationId, payload,
 * role, seq, type — with the payload text spliced in as it is, so nothing is parsed or
 * re-serialised. The fields are text (JCS writes a string as JSON.stringify does) and seq an
 * integer; the caller has checked both.
 */
export function hashCanonicalLink(link: Omit<ChainLink, 'hash'>): string {
  return sha256(
    link.prevHash +
      '{"actorId":' +
      JSON.stringify(link.actorId) +
      ',"at":' +
      JSON.stringify(link.at) +
      ',"negotiationId":' +
      JSON.stringify(link.negotiationId) +
      ',"payload":' +
      link.payload +
      ',"role":' +
      JSON.stringify(link.role) +
      ',"seq":' +
      link.seq +
      ',"type":' +
      JSON.stringify(link.type) +
      '}',
  );
}

/** Hex SHA-256 of the UTF-8 of `text`, in one call where Node has crypto.hash. */
const sha256: (text: string) => string =
  typeof hash === 'function' ? (text) => hash('sha256', text, 'hex') : (text) => createHash('sha256').update(text).digest('hex');

export type Verification =
  | { valid: true; entries: number; head: string }
  | { valid: false; firstBrokenSeq: number; reason: string };

const TEXT_FIELDS = ['negotiationId', 'type', 'actorId', 'role', 'at', 'payload', 'prevHash', 'hash'] as const;

/**
 * Checks a chain link by link, in seq order, as the links arrive (a page at a time from the
 * database: AuditService.verify), and names the first one that does not hold. Every link costs
 * one scan of its payload (is it canonical JSON as stored?) and one SHA-256 of the entry with
 * that payload spliced in — nothing is parsed, and the link is not kept.
 */
export class ChainVerifier {
  /** Links checked so far, all holding. */
  count = 0;
  /** The hash of the last link checked: the chain's head so far. */
  head = GENESIS_HASH;
  private broken?: Verification;

  /** Checks the next link; returns the verdict once the chain is broken (it stays broken), else undefined. */
  push(link: ChainLink): Verification | undefined {
    if (this.broken) return this.broken;
    const reason = this.fault(link);
    if (reason) return (this.broken = { valid: false, firstBrokenSeq: link.seq, reason });
    this.count++;
    this.head = link.hash;
    return undefined;
  }

  private fault(link: ChainLink): string | undefined {
    if (link.seq !== this.count + 1) return `expected seq ${this.count + 1}, found ${link.seq}`;
    for (const field of TEXT_FIELDS) if (typeof link[field] !== 'string') return `${field} is not text`;
    if (link.prevHash !== this.head) return 'prevHash does not match the previous entry';
    if (!isCanonicalJson(link.payload)) return 'payload is not canonical JSON';
    if (hashCanonicalLink(link) !== link.hash) return 'hash does not match the entry';
    return undefined;
  }

  /**
   * The verdict on the whole chain. With `recorded` (the seq and head the negotiation row says
   * it has reached), a chain cut short at its end — last entries deleted — is caught too: the
   * first missing seq is named.
   */
  end(recorded?: { seq: number; head: string }): Verification {
    if (this.broken) return this.broken;
    if (recorded && (recorded.seq !== this.count || recorded.head !== this.head))
      return {
        valid: false,
        firstBrokenSeq: Math.min(this.count, recorded.seq) + 1,
        reason: `the negotiation records ${recorded.seq} entries ending in ${recorded.head}; the chain has ${this.count} ending in ${this.head}`,
      };
    return { valid: true, entries: this.count, head: this.head };
  }
}

/** Recomputes a chain held in memory in seq order (ChainVerifier) and names the first entry that does not hold. */
export function verifyChain(links: ChainLink[], recorded?: { seq: number; head: string }): Verification {
  const verifier = new ChainVerifier();
  for (const link of links) if (verifier.push(link)) break;
  return verifier.end(recorded);
}
