import { hash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { ChainLink } from '../../src/audit/audit-chain';
import { AuditService } from '../../src/audit/audit.service';
import { chainPage } from '../../src/audit/chain-reader';
import { Negotiation } from '../../src/negotiations/negotiation.entity';
import { NegotiationsService } from '../../src/negotiations/negotiations.service';
import { FigureGroup, contract, world } from '../lib';

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
/** Rows per INSERT statement while the chain is built. */
const BATCH = 500;

const terms = (baseFen: number) => ({
  pieceRates: [{ task: 'delivery', baseFen, perKmFen: 60, kmIncluded: 3 }],
  commission: { maxBasisPoints: 1500 },
  laborQuota: { standardTasksPerHour: 4 },
  termMonths: 24,
});

/** One multi-row INSERT with placeholders for either database. */
async function insertRows(ds: DataSource, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const pg = ds.options.type === 'postgres';
  let n = 0;
  const tuple = () => `(${columns.map(() => (pg ? `$${++n}` : '?')).join(', ')})`;
  await ds.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(tuple).join(', ')}`, rows.flat());
}

/**
 * Verifying one negotiation's chain of 10⁶ entries read from the database: a consultation
 * with a million workers' opinions (OPENED, RESPOND, OFFER, ACCEPT, then COMMENTs shaped as
 * the service writes them, each with its comment row).
 *  - chain only: AuditService.verify (GET /api/agreements/:id/verify's chain check) — every
 *    link's payload checked canonical as stored and its SHA-256 recomputed, a page at a time;
 *  - chain + derived rows: AuditService.verifyRecord (GET …/audit/verify, npm run audit:verify)
 *    — the chain, then the machine replayed over it and every derived table compared.
 * Baseline: SHA-256 alone over the very bytes each entry's hash covers, held in memory.
 */
export const auditVerify: FigureGroup = {
  name: 'audit-verify',
  async run(bench) {
    const w = await world(bench);
    try {
      const negotiations = w.app.get(NegotiationsService);
      const audit = w.app.get(AuditService);
      const [union, platform] = await Promise.all(['union.chief', 'platform.chief'].map(w.person));
      const { id } = await contract(w, 'a million opinions', 'bargaining');
      await negotiations.send(platform, id, { type: 'OFFER', terms: terms(600) } as never);
      await negotiations.send(union, id, { type: 'ACCEPT' } as never);
      await negotiations.send(union, id, { type: 'COMMENT', text: '对第三条的意见' } as never);
      const opinion = (await audit.links(id)).at(-1)!;
      if (opinion.type !== 'COMMENT') throw new Error(`expected the consultation's first opinion, found ${opinion.type}`);
      const shape = JSON.parse(opinion.payload) as Record<string, unknown>;

      const built = performance.now();
      let previous = { seq: opinion.seq, head: opinion.hash };
      let at = opinion.at;
      for (let first = opinion.seq + 1; first <= ENTRIES; first += BATCH) {
        const links: ChainLink[] = [];
        const comments: unknown[][] = [];
        for (let seq = first; seq < first + BATCH && seq <= ENTRIES; seq++) {
          const commentId = `c0000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
          const text = `对第三条的意见 ${seq}`;
          at = new Date(Date.parse(opinion.at) + seq).toISOString();
          const link = audit.link(previous, { negotiationId: id, type: 'COMMENT', actorId: opinion.actorId, role: opinion.role, at, payload: { ...shape, text, commentId } });
          links.push(link);
          comments.push([commentId, id, opinion.actorId, opinion.role, text, at]);
          previous = { seq: link.seq, head: link.hash };
        }
        await w.ds.transaction(async () => {
          await insertRows(w.ds, 'audit_entries', ['negotiation_id', 'seq', 'type', 'actor_id', 'role', 'at', 'payload', 'prev_hash', 'hash'], links.map((l) => [l.negotiationId, l.seq, l.type, l.actorId, l.role, l.at, l.payload, l.prevHash, l.hash]));
          await insertRows(w.ds, 'comments', ['id', 'negotiation_id', 'author_id', 'author_role', 'text', 'created_at'], comments);
        });
      }
      await w.ds.createQueryBuilder().update(Negotiation).set({ auditSeq: previous.seq, auditHead: previous.head, version: previous.seq, updatedAt: at }).where('id = :id', { id }).execute();
      const buildMs = performance.now() - built;

      // the baseline: one SHA-256 per entry over prevHash ‖ canonical entry, the strings already built (outside the timer)
      let hashMs = 0;
      let read = 0;
      for (let after = 0; ; ) {
        const page = await chainPage(w.ds.manager, id, after);
        if (!page.length) break;
        read += page.length;
        const inputs = page.map(
          (l) =>
            `${l.prevHash}{"actorId":${JSON.stringify(l.actorId)},"at":${JSON.stringify(l.at)},"negotiationId":${JSON.stringify(l.negotiationId)},"payload":${l.payload},"role":${JSON.stringify(l.role)},"seq":${l.seq},"type":${JSON.stringify(l.type)}}`,
        );
        const t0 = performance.now();
        let last = '';
        for (const input of inputs) last = hash('sha256', input, 'hex');
        hashMs += performance.now() - t0;
        if (last !== page.at(-1)!.hash) throw new Error('the baseline hashed other bytes than the chain covers');
        after = page.at(-1)!.seq;
      }
      if (read !== ENTRIES) throw new Error(`read ${read} entries, expected ${ENTRIES}`);

      const t2 = performance.now();
      const chain = await audit.verify(id);
      const chainMs = performance.now() - t2;
      if (!chain.valid || chain.entries !== ENTRIES) throw new Error(`verify: ${JSON.stringify(chain)}`);

      const t3 = performance.now();
      const record = await audit.verifyRecord(id);
      const recordMs = performance.now() - t3;
      if (!record.valid) throw new Error(`verifyRecord: ${JSON.stringify(record)}`);

      const perSecond = (ms: number) => ENTRIES / (ms / 1000);
      const baseline = { name: 'SHA-256 alone over the same bytes', value: perSecond(hashMs) };
      console.log(`  (built a ${ENTRIES}-entry chain in ${Math.round(buildMs)} ms)`);
      return [
        { name: `audit-verify.chain.${ENTRIES}-entries`, value: perSecond(chainMs), unit: 'entries/s', baseline, target: '≥ 200 000 entries/s' },
        { name: `audit-verify.chain+derived.${ENTRIES}-entries`, value: perSecond(recordMs), unit: 'entries/s', baseline },
      ];
    } finally {
      await w.close();
    }
  },
};
