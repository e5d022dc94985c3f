import { EntityManager } from 'typeorm';
import { Negotiation } from '../../negotiations/negotiation.entity';
import type { Replay } from '../replay';
import { DerivedRow, Deriver } from './deriver';

const fieldsOf = (n: Omit<Negotiation, 'id' | 'auditSeq' | 'auditHead'>) => ({
  kind: n.kind,
  title: n.title,
  industry: n.industry,
  region: n.region,
  scope: n.scope,
  state: n.state,
  context: n.context,
  version: n.version,
  unionOrgId: n.unionOrgId,
  enterpriseOrgId: n.enterpriseOrgId,
  requestedBy: n.requestedBy,
  parentId: n.parentId,
  createdAt: n.createdAt,
  updatedAt: n.updatedAt,
});

/**
 * The negotiation row: who and what was opened (OPENED), the machine's state and context after
 * the last entry, and the version, which moves with every entry (version = audit seq).
 */
export const negotiationDeriver: Deriver = {
  table: 'negotiation',
  derive(replay: Replay): DerivedRow[] {
    const first = replay.entries[0];
    const last = replay.entries.at(-1);
    if (!first || !last) return [];
    const o = first.payload;
    return [
      {
        key: '',
        fields: fieldsOf({
          kind: o.kind,
          title: o.title,
          industry: o.scope.industry,
          region: o.scope.region,
          scope: o.scope,
          state: last.state,
          context: last.context,
          version: last.link.seq,
          unionOrgId: o.unionOrgId,
          enterpriseOrgId: o.enterpriseOrgId,
          requestedBy: first.link.actorId,
          parentId: o.parentId,
          createdAt: first.link.at,
          updatedAt: last.link.at,
        }),
      },
    ];
  },
  async stored(manager: EntityManager, negotiationId: string) {
    const n = await manager.findOne(Negotiation, { where: { id: negotiationId } });
    return n ? [{ key: '', fields: fieldsOf(n) }] : [];
  },
};
