import { ChainLink } from '../audit/audit-chain';

/** A commitment as its chain entries alone describe it. */
export interface ChainedCommitment {
  id: string;
  clauseIndex: number;
  responsible: string;
  responsibleOrgId: string;
  dueOn: string;
  progress: number;
  reports: number;
  verdict: 'confirmed' | 'disputed' | null;
  done: boolean;
}

const payload = (e: ChainLink) => JSON.parse(e.payload) as Record<string, unknown>;

/**
 * Replays COMMITMENTS_CREATED, COMMITMENT_REPORTED and COMMITMENT_VERIFIED in chain order:
 * what the ledger's rows must say if nobody changed them behind the chain's back.
 */
export function commitmentsFromChain(entries: ChainLink[]): ChainedCommitment[] {
  const byId = new Map<string, ChainedCommitment>();
  for (const e of entries) {
    switch (e.type) {
      case 'COMMITMENTS_CREATED':
        for (const c of payload(e).commitments as Array<Omit<ChainedCommitment, 'progress' | 'reports' | 'verdict' | 'done'>>)
          byId.set(c.id, { id: c.id, clauseIndex: c.clauseIndex, responsible: c.responsible, responsibleOrgId: c.responsibleOrgId, dueOn: c.dueOn, progress: 0, reports: 0, verdict: null, done: false });
        break;
      case 'COMMITMENT_REPORTED': {
        const p = payload(e);
        const c = byId.get(String(p.commitmentId));
        if (c) Object.assign(c, { progress: Number(p.progress), reports: c.reports + 1, verdict: null });
        break;
      }
      case 'COMMITMENT_VERIFIED': {
        const p = payload(e);
        const c = byId.get(String(p.commitmentId));
        if (c) Object.assign(c, { verdict: p.verdict, done: Boolean(p.done) });
        break;
      }
    }
  }
  return [...byId.values()].sort((a, b) => a.clauseIndex - b.clauseIndex);
}

/** The first field in which the rows differ from the chain's replay, e.g. `commitments[1].progress`. */
export function firstDifference(fromChain: ChainedCommitment[], fromRows: ChainedCommitment[]): string | null {
  if (fromChain.length !== fromRows.length) return 'commitments.length';
  for (const [i, chained] of fromChain.entries()) {
    const row = fromRows[i];
    for (const key of Object.keys(chained) as Array<keyof ChainedCommitment>) if (chained[key] !== row[key]) return `commitments[${i}].${key}`;
  }
  return null;
}
