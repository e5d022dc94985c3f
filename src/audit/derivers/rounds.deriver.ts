import { EntityManager } from 'typeorm';
import { Round } from '../../negotiations/round.entity';
import { requesterSide } from '../../negotiations/negotiation-permissions';
import { diffTerms } from '../../terms/terms-comparison';
import { Terms } from '../../terms/terms';
import type { Replay, ReplayedEntry } from '../replay';
import { DerivedRow, Deriver } from './deriver';

type RoundRow = Omit<Round, 'negotiationId'>;

function answer(rounds: RoundRow[], e: ReplayedEntry, answerType: string, note?: string): void {
  const latest = rounds.at(-1);
  if (!latest) return;
  latest.answerType = answerType;
  latest.answerBy = e.link.actorId;
  latest.answerAt = e.link.at;
  if (note) latest.note = latest.note ? `${latest.note}\n${note}` : note;
}

/** How each event writes the rounds (协商记录), as the write path does: the opening proposal is round 1. */
export const ROUND_CHANGES: Record<string, (rounds: RoundRow[], e: ReplayedEntry, replay: Replay) => void> = {
  OPENED: (rounds, e, replay) =>
    void rounds.push({
      round: 1,
      proposer: requesterSide(replay.kind),
      terms: e.payload.proposal as Terms,
      changes: diffTerms(null, e.payload.proposal as Terms),
      note: null,
      proposedBy: e.link.actorId,
      proposedAt: e.link.at,
      answerType: null,
      answerBy: null,
      answerAt: null,
    }),
  OFFER: (rounds, e) => {
    const previous = rounds.at(-1) ?? null;
    // a counter-offer answers the other side's offer on the table
    if (previous && previous.answerType === null && previous.proposer !== e.side) answer(rounds, e, 'OFFER');
    rounds.push({
      round: e.payload.round as number,
      proposer: e.side!,
      terms: e.payload.terms as Terms,
      changes: diffTerms(previous?.terms ?? null, e.payload.terms as Terms),
      note: (e.payload.note as string | undefined) ?? null,
      proposedBy: e.link.actorId,
      proposedAt: e.link.at,
      answerType: null,
      answerBy: null,
      answerAt: null,
    });
  },
  ACCEPT: (rounds, e) => answer(rounds, e, 'ACCEPT', e.payload.note as string | undefined),
  RESPOND: (rounds, e) => {
    if (!e.payload.accept) answer(rounds, e, 'RESPOND');
  },
};

/** The rounds as they stood after the entry `untilSeq` (all of them without it). */
export function roundsFromChain(replay: Replay, untilSeq = Infinity): RoundRow[] {
  const rounds: RoundRow[] = [];
  for (const e of replay.entries) if (e.link.seq <= untilSeq) ROUND_CHANGES[e.link.type]?.(rounds, e, replay);
  return rounds;
}

/** By path: the chain keeps terms as canonical JSON, so the key order the changes were listed in is not on it. */
const byPath = (changes: RoundRow['changes']) => [...changes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

const fieldsOf = (r: RoundRow) => ({
  proposer: r.proposer,
  terms: r.terms,
  changes: byPath(r.changes),
  note: r.note,
  proposedBy: r.proposedBy,
  proposedAt: r.proposedAt,
  answerType: r.answerType,
  answerBy: r.answerBy,
  answerAt: r.answerAt,
});

export const roundsDeriver: Deriver = {
  table: 'rounds',
  derive: (replay) => roundsFromChain(replay).map((r): DerivedRow => ({ key: String(r.round), fields: fieldsOf(r) })),
  async stored(manager: EntityManager, negotiationId: string) {
    const rows = await manager.find(Round, { where: { negotiationId }, order: { round: 'ASC' } });
    return rows.map((r): DerivedRow => ({ key: String(r.round), fields: fieldsOf(r) }));
  },
};
