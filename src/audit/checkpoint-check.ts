import { KeyObject } from 'node:crypto';
import { EntityManager, LessThanOrEqual } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import { verifyChain } from './audit-chain';
import { SignedCheckpoint, rootOfLeaves, signatureHolds } from './checkpoint-tree';
import { Checkpoint } from './checkpoint.entity';

export type CheckpointCheck =
  | { holds: true; seq: number; heads: number; signatureChecked: boolean }
  | { holds: false; seq: number; problem: string; negotiationId?: string };

/**
 * Does this database still contain what a saved checkpoint committed to? The saved copy's
 * signature (when a public key is given), the database's record of the same checkpoint (its
 * leaves must hash to the saved root), and then every committed chain head: the negotiation's
 * chain up to that seq must verify and end in exactly that hash. A chain rewritten after the
 * checkpoint — even with both head columns rewritten to match, so the chain check alone passes —
 * ends in another hash.
 */
export async function checkAgainstCheckpoint(manager: EntityManager, saved: SignedCheckpoint, publicKey?: KeyObject): Promise<CheckpointCheck> {
  const fail = (problem: string, negotiationId?: string): CheckpointCheck => ({ holds: false, seq: saved.seq, problem, ...(negotiationId ? { negotiationId } : {}) });
  if (publicKey && !signatureHolds(saved, publicKey)) return fail('the signature does not hold for this public key');
  const stored = await manager.findOne(Checkpoint, { where: { seq: saved.seq } });
  if (!stored) return fail(`the database has no checkpoint ${saved.seq}`);
  if (stored.leaves.length !== saved.heads || rootOfLeaves(stored.leaves) !== saved.root)
    return fail(`the database's checkpoint ${saved.seq} does not hash to the saved root`);
  for (const [negotiationId, seq, head] of stored.leaves) {
    const links = await manager.find(AuditEntry, { where: { negotiationId, seq: LessThanOrEqual(seq) }, order: { seq: 'ASC' } });
    const chain = verifyChain(links, { seq, head });
    if (!chain.valid) return fail(`its chain no longer reaches the committed head at seq ${seq}: ${chain.reason}`, negotiationId);
  }
  return { holds: true, seq: saved.seq, heads: saved.heads, signatureChecked: Boolean(publicKey) };
}
