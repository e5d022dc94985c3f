import { EntityManager } from 'typeorm';
import { Comment } from '../../negotiations/comment.entity';
import type { Replay } from '../replay';
import { DerivedRow, Deriver } from './deriver';

type CommentRow = Omit<Comment, 'negotiationId'>;

/** Workers' and representatives' opinions and the enterprise's answers, as the chain records them. */
export function commentsFromChain(replay: Replay, untilSeq = Infinity): CommentRow[] {
  const comments: CommentRow[] = [];
  for (const { link, payload } of replay.entries) {
    if (link.seq > untilSeq) break;
    if (link.type === 'COMMENT')
      comments.push({
        id: payload.commentId,
        authorId: link.actorId,
        authorRole: link.role,
        text: payload.text,
        createdAt: link.at,
        adopted: null,
        answerReason: null,
        answeredAt: null,
      });
    if (link.type === 'RESPOND_TO_OPINIONS')
      for (const a of payload.answers as Array<{ commentId: string; adopted: boolean; reason: string }>) {
        const comment = comments.find((c) => c.id === a.commentId);
        if (comment) Object.assign(comment, { adopted: a.adopted, answerReason: a.reason, answeredAt: link.at });
      }
  }
  return comments;
}

/**
 * A worker's opinion is on the chain without its author (ANONYMOUS_WORKER: the enterprise reads
 * the chain), so its row's author is compared with nothing; every other field is. Opinions given
 * before the chain left workers out named them, and are compared the same way.
 */
const row = (c: CommentRow): DerivedRow => {
  const { id, authorId, ...fields } = c;
  return { key: id, fields: { ...fields, ...(c.authorRole === 'worker' ? {} : { authorId }), adopted: fields.adopted === null ? null : Boolean(fields.adopted) } };
};

export const commentsDeriver: Deriver = {
  table: 'comments',
  derive: (replay) => commentsFromChain(replay).map(row),
  async stored(manager: EntityManager, negotiationId: string) {
    const rows = await manager.find(Comment, { where: { negotiationId } });
    return rows.map(({ negotiationId: _, ...c }) => row(c));
  },
};
