import { EntityManager } from 'typeorm';
import { Ballot } from '../../ballots/ballot.entity';
import { BallotChoices, BallotReceipt } from '../../ballots/ballot-box.entity';
import { receiptsDigest } from '../../ballots/ballot-rules';
import type { Replay } from '../replay';
import { DerivedRow, Deriver } from './deriver';

/** The events that close a ballot and put its count on the chain (NegotiationEvents.countBallot). */
const COUNTS = new Set(['CLOSE_BALLOT', 'BALLOT_PERIOD_ENDED']);

interface BallotFields {
  body: string;
  eligible: number;
  closesOn: string;
  openedAt: string;
  closedAt: string | null;
}

/** From the close on: what was counted, and the digest of the receipts it was counted with (`receipts`: of the rows held). */
interface CountFields {
  cast: number;
  inFavour: number;
  against: number;
  abstained: number;
  receiptsSha256: string | null;
  receipts: string;
}

/**
 * A workers' ballot as its chain entries say it was: OPEN_BALLOT names it, its roll's size and
 * last day; the entry that closed it carries the count and the SHA-256 of the sorted receipt
 * hashes. While it is open nothing of the choices is on the chain (secrecy), so only the
 * opening is compared; from the close on, the counters, the turnout and the receipts the
 * table holds must be the ones counted (GET …/ballot serves its result from them).
 */
export const ballotsDeriver: Deriver = {
  table: 'ballots',
  derive(replay: Replay): DerivedRow[] {
    const ballots = new Map<string, BallotFields & Partial<CountFields>>();
    for (const { link, payload } of replay.entries) {
      if (link.type === 'OPEN_BALLOT')
        ballots.set(payload.ballotId, { body: payload.body, eligible: payload.eligible, closesOn: payload.closesOn, openedAt: link.at, closedAt: null });
      const ballot = COUNTS.has(link.type) ? ballots.get(payload.ballotId) : undefined;
      if (ballot) {
        const { present, inFavour, against, abstained, receiptsSha256 } = payload;
        Object.assign(ballot, { closedAt: link.at, cast: present, inFavour, against, abstained, receiptsSha256, receipts: receiptsSha256 });
      }
    }
    return [...ballots].map(([key, fields]) => ({ key, fields: { ...fields } }));
  },
  async stored(manager: EntityManager, negotiationId: string): Promise<DerivedRow[]> {
    const rows: DerivedRow[] = [];
    for (const b of await manager.find(Ballot, { where: { negotiationId } })) {
      const fields: BallotFields & Partial<CountFields> = { body: b.body, eligible: b.eligible, closesOn: b.closesOn, openedAt: b.openedAt, closedAt: b.closedAt };
      if (b.closedAt !== null) {
        const choices = await manager.findOneBy(BallotChoices, { ballotId: b.id });
        const receipts = await manager.find(BallotReceipt, { where: { ballotId: b.id }, select: { receiptSha256: true } });
        Object.assign(fields, {
          cast: b.cast,
          inFavour: choices?.inFavour ?? null,
          against: choices?.against ?? null,
          abstained: choices?.abstained ?? null,
          receiptsSha256: b.receiptsSha256,
          receipts: receiptsDigest(receipts.map((r) => r.receiptSha256)),
        });
      }
      rows.push({ key: b.id, fields: { ...fields } });
    }
    return rows;
  },
};
