import { ChainLink } from '../audit/audit-chain';

/** A commitment as its chain entries alone describe it: every field of its row and its reports'. */
export interface ChainedCommitment {
  id: string;
  clauseIndex: number;
  responsible: string;
  responsibleOrgId: string;
  dueOn: string;
  /** When its deadline runs out: what the board and the status read. */
  dueAt: string;
  progress: number;
  verdict: 'confirmed' | 'disputed' | null;
  verificationNote: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  doneAt: string | null;
  /** Its reports, `[{ at, by, progress, text }]` as JSON in a fixed order (compared whole). */
  reports: string;
}

/** One progress report as the chain and the report rows both give it. */
export interface ChainedReport {
  at: string;
  by: string;
  progress: number;
  text: string;
}

/**
 * The reports as one comparable string: sorted by time, then author, progress and text, since
 * two reports of one millisecond have no order in the table (their ids are random).
 */
export const reportsKey = (reports: ChainedReport[]): string =>
  JSON.stringify(
    reports
      .map(({ at, by, progress, text }) => ({ at, by, progress, text }))
      .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.by !== b.by ? (a.by < b.by ? -1 : 1) : a.progress !== b.progress ? a.progress - b.progress : a.text < b.text ? -1 : a.text > b.text ? 1 : 0)),
  );

const payload = (e: ChainLink) => JSON.parse(e.payload) as Record<string, unknown>;

/**
 * Replays COMMITMENTS_CREATED, COMMITMENT_REPORTED and COMMITMENT_VERIFIED in chain order:
 * what the ledger's rows must say if nobody changed them behind the chain's back. The entry's
 * actor and time are the report's and the verification's author and time.
 */
export function commitmentsFromChain(entries: ChainLink[]): ChainedCommitment[] {
  const byId = new Map<string, ChainedCommitment & { reported: ChainedReport[] }>();
  for (const e of entries) {
    switch (e.type) {
      case 'COMMITMENTS_CREATED':
        for (const c of payload(e).commitments as Array<Pick<ChainedCommitment, 'id' | 'clauseIndex' | 'responsible' | 'responsibleOrgId' | 'dueOn' | 'dueAt'>>)
          byId.set(c.id, {
            id: c.id,
            clauseIndex: c.clauseIndex,
            responsible: c.responsible,
            responsibleOrgId: c.responsibleOrgId,
            dueOn: c.dueOn,
            dueAt: c.dueAt,
            progress: 0,
            verdict: null,
            verificationNote: null,
            verifiedBy: null,
            verifiedAt: null,
            doneAt: null,
            reports: '',
            reported: [],
          });
        break;
      case 'COMMITMENT_REPORTED': {
        const p = payload(e);
        const c = byId.get(String(p.commitmentId));
        if (!c) break;
        c.reported.push({ at: e.at, by: e.actorId, progress: Number(p.progress), text: String(p.text) });
        // a new report is a new claim: the verdict on the last one no longer answers it
        Object.assign(c, { progress: Number(p.progress), verdict: null, verificationNote: null, verifiedBy: null, verifiedAt: null });
        break;
      }
      case 'COMMITMENT_VERIFIED': {
        const p = payload(e);
        const c = byId.get(String(p.commitmentId));
        if (c) Object.assign(c, { verdict: p.verdict, verificationNote: p.note ?? null, verifiedBy: e.actorId, verifiedAt: e.at, doneAt: p.done ? e.at : null });
        break;
      }
    }
  }
  return [...byId.values()].map(({ reported, ...c }) => ({ ...c, reports: reportsKey(reported) })).sort((a, b) => a.clauseIndex - b.clauseIndex);
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
