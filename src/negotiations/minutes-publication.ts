import { EntityManager } from 'typeorm';
import { placeholders, selectRows } from '../database/rows';
import { CoveredParty, covers } from '../agreements/coverage';
import { regionAncestors } from '../common/regions';
import { Negotiation } from './negotiation.entity';
import { Side } from './negotiation.types';
import { Round } from './round.entity';

/**
 * What of a negotiation reaches the workers it covers, and when — the reading of two texts,
 * cited here once:
 *
 * - 《新就业形态劳动者权益协商指引》(2024): what a negotiation meeting reaches — the draft
 *   collective contract, the minutes (会议纪要), memoranda — is signed by both chief
 *   representatives and published to all the workers it applies to within 10 days.
 * - 集体合同规定 art. 48: a contract in force is announced "及时" (promptly), in an appropriate
 *   form, by the negotiating representatives to everyone on their side.
 *
 * The guideline's 10 days run from the chiefs' signatures, not from entry into force (which
 * comes up to 25 days later). A round's minutes carry both chiefs' acts once the other side's
 * chief answers its offer — with a counter-offer, or by accepting it, which makes it the draft
 * — each act signed on the hash chain under that chief's own login. So the minutes of every
 * answered round, the draft among them, go to the covered workers' inboxes in the answering
 * transaction: the 10 days are met at once, by construction, and need no clock. The contract
 * in force is then published with PUBLISH under art. 48; the national rule pack measures its
 * "及时" by the guideline's 10 days (the `publication` clock, from entry into force).
 */
export const ANSWERS_THAT_SIGN_MINUTES = ['OFFER', 'ACCEPT'] as const;

export function minutesSignedByBothChiefs(round: { answerType: string | null }): boolean {
  return (ANSWERS_THAT_SIGN_MINUTES as readonly string[]).includes(round.answerType ?? '');
}

/** One round's signed minutes as a covered worker's inbox shows them. */
export interface MinutesNotice {
  negotiationId: string;
  title: string;
  round: number;
  proposer: Side;
  terms: unknown;
  changes: unknown;
  note: string | null;
  /** OFFER (answered with a counter-offer) or ACCEPT (this round's offer is the draft). */
  answer: { type: string; at: string };
  /** The recorder both chiefs named (art. 33), if any. */
  recorderId: string | null;
  /** When the second chief acted: the minutes reach the inbox then. */
  publishedAt: string;
}

/**
 * The signed minutes of every round of a collective negotiation whose scope covers the
 * worker, newest first: fan-out-on-read, like publications. A plain function over the
 * caller's manager, so the inbox asks it without depending on the negotiations module.
 */
export async function minutesCovering(m: EntityManager, worker: CoveredParty, limit = 50): Promise<MinutesNotice[]> {
  // part of every worker's inbox: fixed statements (database/rows.ts)
  const regions = regionAncestors(worker.region);
  const negotiations = (
    await selectRows(m, Negotiation, `kind = 'collective_contract' AND industry = ? AND region IN (${placeholders(regions)})`, [worker.industry, ...regions], {
      properties: ['id', 'title', 'scope', 'context'],
    })
  ).filter((n) => covers(n.scope, worker));
  if (!negotiations.length) return [];
  const byId = new Map(negotiations.map((n) => [n.id, n]));
  const ids = [...byId.keys()];
  const answers = [...ANSWERS_THAT_SIGN_MINUTES];
  const rounds = await selectRows(m, Round, `negotiation_id IN (${placeholders(ids)}) AND answer_type IN (${placeholders(answers)})`, [...ids, ...answers], {
    orderBy: 'answer_at DESC',
    limit,
  });
  return rounds.filter(minutesSignedByBothChiefs).map((r) => {
    const n = byId.get(r.negotiationId)!;
    return {
      negotiationId: n.id,
      title: n.title,
      round: r.round,
      proposer: r.proposer,
      terms: r.terms,
      changes: r.changes,
      note: r.note,
      answer: { type: r.answerType!, at: r.answerAt! },
      recorderId: (n.context as { recorder?: string | null }).recorder ?? null,
      publishedAt: r.answerAt!,
    };
  });
}
