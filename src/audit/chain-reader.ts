import { EntityManager } from 'typeorm';
import { rawRows } from '../database/rows';
import { ChainLink, ChainVerifier, Verification } from './audit-chain';

/** Links read per query when a chain is read in pages: a 10⁶-entry chain is 100 queries, each a short hold on the event loop. */
export const CHAIN_PAGE_SIZE = 10_000;

const LINK_COLUMNS =
  'negotiation_id AS "negotiationId", "seq", "type", actor_id AS "actorId", "role", "at", "payload", prev_hash AS "prevHash", "hash"';

/**
 * One page of a negotiation's chain as stored, after `afterSeq`, in seq order: plain rows in
 * the ChainLink shape, straight from SQL (no entities are built), walking the primary key
 * (negotiation_id, seq).
 */
export function chainPage(manager: EntityManager, negotiationId: string, afterSeq: number, limit = CHAIN_PAGE_SIZE): Promise<ChainLink[]> {
  return rawRows<ChainLink>(manager, `SELECT ${LINK_COLUMNS} FROM audit_entries WHERE negotiation_id = ? AND seq > ? ORDER BY seq LIMIT ?`, [negotiationId, afterSeq, limit]);
}

/** A negotiation's whole chain as stored, in seq order (for what needs it in memory: the replay of derived rows, the publication check). */
export async function readChain(manager: EntityManager, negotiationId: string): Promise<ChainLink[]> {
  const links: ChainLink[] = [];
  for (;;) {
    const page = await chainPage(manager, negotiationId, links.at(-1)?.seq ?? 0);
    for (const link of page) links.push(link);
    if (page.length < CHAIN_PAGE_SIZE) return links;
  }
}

/** The seq and head hash a negotiation row says its chain has reached. */
export async function recordedHead(manager: EntityManager, negotiationId: string): Promise<{ seq: number; head: string } | undefined> {
  const [row] = await rawRows<{ seq: number | string; head: string }>(manager, 'SELECT audit_seq AS "seq", audit_head AS "head" FROM negotiations WHERE id = ?', [negotiationId]);
  return row ? { seq: Number(row.seq), head: row.head } : undefined;
}

/** How many times the recorded head is read again when the chain grew while it was being read. */
const HEAD_REREADS = 3;

/**
 * Verifies a negotiation's stored chain a page at a time (nothing but the current page is held;
 * between pages other requests get the event loop), against the head its negotiation row
 * records. Entries appended while the chain was read move that head too: it is read again
 * before a longer chain is called broken.
 */
export async function verifyStoredChain(manager: EntityManager, negotiationId: string, pageSize = CHAIN_PAGE_SIZE): Promise<Verification> {
  let recorded = await recordedHead(manager, negotiationId);
  if (!recorded) throw new Error(`no negotiation ${negotiationId}`);
  const verifier = new ChainVerifier();
  const readOn = async () => {
    for (;;) {
      const page = await chainPage(manager, negotiationId, verifier.count, pageSize);
      for (const link of page) if (verifier.push(link)) return;
      if (page.length < pageSize) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await readOn();
  for (let i = 0; i < HEAD_REREADS && verifier.end().valid && verifier.count > recorded.seq; i++) {
    recorded = (await recordedHead(manager, negotiationId)) ?? recorded;
    if (recorded.seq > verifier.count) await readOn();
  }
  return verifier.end(recorded);
}
