import { Injectable } from '@nestjs/common';
import { AuthUser } from '../accounts/auth-user';
import { AuditService } from '../audit/audit.service';
import { RecordVerification } from '../audit/derivers';
import { Transactions } from '../database/transactions';
import { Comment } from './comment.entity';
import { NegotiationsService } from './negotiations.service';
import { Round } from './round.entity';
import { diffTerms } from '../terms/terms-comparison';
import { Relation } from './negotiation-permissions';
import { CommitmentsService } from '../ledger/commitments.service';

export interface RoundView {
  round: number;
  proposer: string;
  terms: Round['terms'];
  /** Against the offer it answers (in alternating play, the other side's latest). */
  changes: Round['changes'];
  /** What this side moved since its own previous offer; null for a side's first offer. */
  ownChanges: Round['changes'] | null;
  note: string | null;
  proposedBy: string;
  answer: { type: string; by: string; at: string } | null;
  at: string;
}

/** What a negotiation's record says: rounds (协商记录), opinions, the audit chain. Readable by whoever may read the negotiation. */
@Injectable()
export class NegotiationRecords {
  constructor(
    private readonly tx: Transactions,
    private readonly commitments: CommitmentsService,
    private readonly negotiations: NegotiationsService,
    private readonly audit: AuditService,
  ) {}

  private async authorize(user: AuthUser, id: string): Promise<Relation> {
    return (await this.negotiations.load(this.tx.manager, user, id))[1];
  }

  async rounds(user: AuthUser, id: string): Promise<RoundView[]> {
    await this.authorize(user, id);
    const rows = await this.tx.manager.find(Round, { where: { negotiationId: id }, order: { round: 'ASC' } });
    const previousOwn = (r: Round) => rows.filter((x) => x.proposer === r.proposer && x.round < r.round).at(-1);
    return rows.map((r) => {
      const own = previousOwn(r);
      return {
        round: r.round,
        proposer: r.proposer,
        terms: r.terms,
        changes: r.changes,
        ownChanges: own ? diffTerms(own.terms, r.terms) : null,
        note: r.note,
        proposedBy: r.proposedBy,
        answer: r.answerType ? { type: r.answerType, by: r.answerBy!, at: r.answerAt! } : null,
        at: r.proposedAt,
      };
    });
  }

  async comments(user: AuthUser, id: string) {
    const relation = await this.authorize(user, id);
    const rows = await this.tx.manager.find(Comment, { where: { negotiationId: id }, order: { createdAt: 'ASC' } });
    // the enterprise reads what its workers said, not who said it: no retaliation by name. Nor do
    // the other workers: they are the enterprise's riders, and any of their accounts may be its
    // eyes. The union (to follow a comment up), the bureau and admin see the author; a worker, themself
    const namesWorkers = relation.party === 'union' || relation.party === 'bureau' || relation.party === 'admin';
    return rows.map((c) => ({
      id: c.id,
      authorId: c.authorRole !== 'worker' || namesWorkers || c.authorId === user.id ? c.authorId : null,
      authorRole: c.authorRole,
      text: c.text,
      at: c.createdAt,
      answer: c.answeredAt ? { adopted: Boolean(c.adopted), reason: c.answerReason, at: c.answeredAt } : null,
    }));
  }

  async auditEntries(user: AuthUser, id: string) {
    await this.authorize(user, id);
    const entries = await this.audit.list(id);
    return entries.map((e) => ({
      seq: e.seq,
      type: e.type,
      actorId: e.actorId,
      role: e.role,
      at: e.at,
      payload: JSON.parse(e.payload),
      prevHash: e.prevHash,
      hash: e.hash,
    }));
  }

  /** The chain, every row derived from it (audit/derivers.ts), and the ledger's commitments recomputed from it. */
  async verify(user: AuthUser, id: string): Promise<RecordVerification> {
    await this.authorize(user, id);
    const record = await this.audit.verifyRecord(id);
    if (!record.valid) return record;
    const differs = await this.commitments.differsFromChain(id, await this.audit.list(id));
    return differs ? { valid: false, ...differs } : record;
  }
}
