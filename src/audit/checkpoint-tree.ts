import { KeyObject, createHash, sign, verify } from 'node:crypto';
import { canonicalJson } from './audit-chain';
import { inclusionPath, leafHash, rootOf, verifyInclusion } from './merkle';

/**
 * What a checkpoint commits to and how it is signed. A leaf is one negotiation's chain head:
 * leaf data = canonical JSON {"head","negotiationId","seq"}, leaves ordered by negotiation id
 * (code-unit order). The signature is Ed25519 over the canonical JSON of
 * {"at","heads","root","seq"}; `heads` (the tree size) is signed, so a proof cannot stretch it.
 */
export type Leaf = [negotiationId: string, seq: number, head: string];

export interface SignedCheckpoint {
  seq: number;
  at: string;
  root: string;
  heads: number;
  signature: string;
}

export interface InclusionProof {
  checkpoint: SignedCheckpoint;
  leaf: { negotiationId: string; seq: number; head: string };
  leafIndex: number;
  treeSize: number;
  /** Sibling hashes (hex) from the leaf up, RFC 6962 PATH(m, D[n]). */
  auditPath: string[];
}

export const leafData = ([negotiationId, seq, head]: Leaf) => Buffer.from(canonicalJson({ head, negotiationId, seq }), 'utf8');

export function sortLeaves(leaves: Leaf[]): Leaf[] {
  return [...leaves].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function rootOfLeaves(leaves: Leaf[]): string {
  return rootOf(leaves.map((l) => leafHash(leafData(l)))).toString('hex');
}

export function proofFor(checkpoint: SignedCheckpoint, leaves: Leaf[], index: number): InclusionProof {
  const [negotiationId, seq, head] = leaves[index];
  return {
    checkpoint,
    leaf: { negotiationId, seq, head },
    leafIndex: index,
    treeSize: leaves.length,
    auditPath: inclusionPath(index, leaves.map((l) => leafHash(leafData(l)))).map((h) => h.toString('hex')),
  };
}

/** Whether the proof leads from its leaf to the checkpoint's root (the signature is checked apart). */
export function proofHolds(p: InclusionProof): boolean {
  const leaf = leafHash(leafData([p.leaf.negotiationId, p.leaf.seq, p.leaf.head]));
  return (
    p.treeSize === p.checkpoint.heads &&
    verifyInclusion(leaf, p.leafIndex, p.treeSize, p.auditPath.map((h) => Buffer.from(h, 'hex')), Buffer.from(p.checkpoint.root, 'hex'))
  );
}

export const statement = (c: Omit<SignedCheckpoint, 'signature'>) =>
  Buffer.from(canonicalJson({ at: c.at, heads: c.heads, root: c.root, seq: c.seq }), 'utf8');

export const signCheckpoint = (c: Omit<SignedCheckpoint, 'signature'>, key: KeyObject) => sign(null, statement(c), key).toString('base64');

export function signatureHolds(c: SignedCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, statement(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The public key as served and as a verifier pins it: SPKI PEM and the SHA-256 of its DER. */
export function describeKey(publicKey: KeyObject) {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    algorithm: 'Ed25519',
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: createHash('sha256').update(der).digest('hex'),
  };
}
