import { EntityManager } from 'typeorm';
import { Agreement } from '../../agreements/agreement.entity';
import { dateIn } from '../../deadlines/due-at';
import type { Replay } from '../replay';
import { commentsFromChain } from './comments.deriver';
import { DerivedRow, Deriver } from './deriver';
import { roundsFromChain } from './rounds.deriver';

type Published = Omit<Agreement, 'id' | 'negotiationId'>;

/** Opinions in a fixed order: the publication lists them by time, and comments made in the same millisecond have none. */
const sortOpinions = (opinions: Agreement['opinions']) =>
  opinions ? [...opinions].sort((a, b) => (a.commentId < b.commentId ? -1 : a.commentId > b.commentId ? 1 : 0)) : null;

const fieldsOf = (a: Published) => ({ ...a, opinions: sortOpinions(a.opinions) });

/**
 * The publication (公示): what PUBLISH wrote — the agreed terms (the offer the last ACCEPT
 * answered; a rule change's proposal), the enterprise's answers to every opinion, the dates
 * the machine fixed, and the chain head at that entry.
 */
export const agreementDeriver: Deriver = {
  table: 'agreement',
  derive(replay: Replay): DerivedRow[] {
    const publish = replay.entries.find((e) => e.link.type === 'PUBLISH');
    if (!publish) return [];
    const opened = replay.entries[0].payload;
    const isContract = replay.kind === 'collective_contract';
    const rounds = roundsFromChain(replay, publish.link.seq);
    const accepted = [...rounds].reverse().find((r) => r.answerType === 'ACCEPT');
    const context = publish.context as { effectiveFrom?: string; expiresOn?: string };
    const published: Published = {
      kind: replay.kind,
      title: opened.title,
      industry: opened.scope.industry,
      region: opened.scope.region,
      scope: opened.scope,
      terms: isContract ? (accepted?.terms as Published["terms"]) : rounds[0].terms,
      opinions: isContract
        ? null
        : commentsFromChain(replay, publish.link.seq).map((c) => ({
            commentId: c.id,
            text: c.text,
            adopted: Boolean(c.adopted),
            reason: c.answerReason ?? '',
          })),
      effectiveFrom: isContract ? context.effectiveFrom! : dateIn(new Date(publish.link.at), replay.zone),
      expiresOn: isContract ? context.expiresOn! : null,
      publishedAt: publish.link.at,
      auditHead: publish.link.hash,
    };
    return [{ key: '', fields: { id: publish.payload.agreementId, ...fieldsOf(published) } }];
  },
  async stored(manager: EntityManager, negotiationId: string) {
    const rows = await manager.find(Agreement, { where: { negotiationId } });
    return rows.map(({ id, negotiationId: _, ...published }): DerivedRow => ({ key: '', fields: { id, ...fieldsOf(published) } }));
  },
};
