import { EntityManager } from 'typeorm';
import canonicalize from 'canonicalize';
import { ChainLink, Verification, verifyChain } from './audit-chain';
import { agreementDeriver } from './derivers/agreement.deriver';
import { ballotsDeriver } from './derivers/ballots.deriver';
import { commentsDeriver } from './derivers/comments.deriver';
import { Deriver } from './derivers/deriver';
import { negotiationDeriver } from './derivers/negotiation.deriver';
import { representativesDeriver } from './derivers/representatives.deriver';
import { roundsDeriver } from './derivers/rounds.deriver';
import { replayChain } from './replay';

/**
 * Every table whose rows follow from a negotiation's chain, checked in this order.
 *
 * Adding a table: write a Deriver (derivers/deriver.ts) —
 * `derive(replay)` says what the rows must be from the replayed chain alone (entries with
 * payloads, the machine's state after each, the seats), `stored(manager, id)` reads what the
 * table holds in the same shape — and list it here. If your events seat or unseat people, add
 * them to SEAT_CHANGES (representatives.deriver.ts); if they write rounds, to ROUND_CHANGES.
 * Whatever a row holds must be on the chain: put it in the entry's payload when you write it.
 */
export const DERIVERS: Deriver[] = [negotiationDeriver, representativesDeriver, roundsDeriver, commentsDeriver, ballotsDeriver, agreementDeriver];

export type RecordVerification = Verification | { valid: false; derived: string; reason: string };

const canonical = (value: unknown) => (value === undefined ? 'undefined' : (canonicalize(value) ?? 'undefined'));
const shown = (value: unknown) => {
  const text = canonical(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/**
 * The whole check of one negotiation's record: the chain links (verifyChain, against the head
 * the negotiation row recorded), then every derived table recomputed from the chain and
 * compared with what is stored, naming the first row and field that differ.
 */
/** Where two values first differ, down through objects (`negotiation.context.vote`), for a message that names it. */
function firstDifference(chained: unknown, table: unknown, path: string): [string, unknown, unknown] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(chained) || !isObject(table)) return [path, chained, table];
  for (const key of [...new Set([...Object.keys(chained), ...Object.keys(table)])].sort())
    if (canonical(chained[key]) !== canonical(table[key])) return firstDifference(chained[key], table[key], `${path}.${key}`);
  return [path, chained, table];
}

export async function verifyRecord(
  manager: EntityManager,
  negotiationId: string,
  links: ChainLink[],
  recorded: { seq: number; head: string },
  zone: string,
  derivers: Deriver[] = DERIVERS,
): Promise<RecordVerification> {
  const chain = verifyChain(links, recorded);
  if (!chain.valid) return chain;
  const replay = replayChain(negotiationId, links, zone);
  if (replay.problem) return { valid: false, derived: 'negotiation.state', reason: replay.problem.reason };
  for (const deriver of derivers) {
    const label = (key: string) => (key === '' ? deriver.table : `${deriver.table}[${key}]`);
    const derived = deriver.derive(replay);
    const stored = new Map((await deriver.stored(manager, negotiationId)).map((row) => [row.key, row]));
    for (const row of derived) {
      const held = stored.get(row.key);
      if (!held) return { valid: false, derived: label(row.key), reason: 'the chain has this row; the table does not' };
      for (const [field, value] of Object.entries(row.fields))
        if (canonical(value) !== canonical(held.fields[field])) {
          // a negotiation's context is a bag of machine facts: name the fact that differs
          const [path, chained, table] =
            field === 'context' ? firstDifference(value, held.fields[field], `${label(row.key)}.${field}`) : [`${label(row.key)}.${field}`, value, held.fields[field]];
          return { valid: false, derived: path, reason: `the chain gives ${shown(chained)}; the table holds ${shown(table)}` };
        }
      stored.delete(row.key);
    }
    const [extra] = stored.keys();
    if (extra !== undefined) return { valid: false, derived: label(extra), reason: 'the table has this row; the chain does not' };
  }
  return chain;
}
