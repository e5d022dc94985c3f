import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ChainLink } from '../../src/audit/audit-chain';
import { AuditService } from '../../src/audit/audit.service';
import { Negotiation } from '../../src/negotiations/negotiation.entity';
import { FigureGroup, contract, world } from '../lib';

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);

/**
 * Verifying one negotiation's chain of 10⁶ entries, read from the database
 * (AuditService.verify, as GET /api/agreements/:id/verify and npm run audit:verify do),
 * against SHA-256 alone over the same bytes.
 */
export const auditVerify: FigureGroup = {
  name: 'audit-verify',
  async run(bench) {
    const w = await world(bench);
    try {
      const { id } = await contract(w, 'long chain', 'bargaining');
      const audit = w.app.get(AuditService);
      await w.ds.query(`DELETE FROM audit_entries WHERE negotiation_id = ${w.ds.options.type === 'postgres' ? '$1' : '?'}`, [id]);
      let previous = { seq: 0, head: '0'.repeat(64) };
      const batch: ChainLink[] = [];
      const flush = async () => {
        if (batch.length) await w.ds.createQueryBuilder().insert().into('audit_entries').values(batch.splice(0)).execute();
      };
      for (let i = 1; i <= ENTRIES; i++) {
        const link = audit.link(previous, { negotiationId: id, type: 'COMMENT', actorId: 'system', role: 'system', at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), payload: { n: i, text: '对第三条的意见' } });
        batch.push(link);
        previous = { seq: link.seq, head: link.hash };
        if (batch.length === 400) await flush();
      }
      await flush();
      await w.ds.createQueryBuilder().update(Negotiation).set({ auditSeq: previous.seq, auditHead: previous.head }).where('id = :id', { id }).execute();

      const t0 = performance.now();
      const result = await audit.verify(id);
      const verifyMs = performance.now() - t0;
      if (!result.valid || result.entries !== ENTRIES) throw new Error(`verify: ${JSON.stringify(result)}`);
      const links = await audit.list(id);
      const t1 = performance.now();
      for (const l of links) createHash('sha256').update(l.prevHash).update(l.payload).update(l.at).digest('hex');
      const hashMs = performance.now() - t1;
      return [
        { name: `audit-verify.${ENTRIES}-entries`, value: ENTRIES / (verifyMs / 1000), unit: 'entries/s', baseline: { name: 'SHA-256 alone over the rows', value: ENTRIES / (hashMs / 1000) }, target: '≥ 200 000 entries/s' },
      ];
    } finally {
      await w.close();
    }
  },
};
