import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { selectRows } from '../database/rows';
import { Agreement } from '../agreements/agreement.entity';
import { Clock } from '../common/clock';
import { Negotiation } from '../negotiations/negotiation.entity';
import { Scope } from '../negotiations/negotiation.types';
import { Commitment } from './commitment.entity';
import { commitmentStatus, isMetOnTime } from './commitment-rules';
import { Complaint } from './complaint.entity';
import { Survey } from './survey.entity';
import { SurveyResults, SurveysService } from './surveys.service';

export interface Evidence {
  /** The earlier agreements of the same scope the evidence comes from. */
  agreementIds: string[];
  /** Each survey's results, with the questions as asked. */
  surveys: Array<{ id: string; title: string; closesOn: string; asked: Survey['questions'] } & SurveyResults>;
  complaints: { total: number; byClause: Array<{ clauseIndex: number | null; count: number }> };
  commitments: { total: number; met: number; overdue: number };
}

const sorted = (list: string[]) => [...list].sort().join('\u0000');

/** Two scopes bind the same enterprises and workers. */
export function sameScope(a: Scope, b: Scope): boolean {
  return (
    a.industry === b.industry &&
    a.region === b.region &&
    sorted(a.enterpriseIds) === sorted(b.enterpriseIds) &&
    sorted(a.workerCategories) === sorted(b.workerCategories)
  );
}

/**
 * What the last rounds left behind, for the next round of the same scope (seed 004 §三: the
 * survey "becomes the basis of the next round"): survey results, complaints by clause, and
 * commitments met and overdue of every agreement of that scope published before it opened.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly clock: Clock,
    private readonly surveys: SurveysService,
  ) {}

  async forNegotiation(m: EntityManager, n: Negotiation): Promise<Evidence | null> {
    // asked by every negotiation's view (each OFFER's answer): a fixed statement (database/rows.ts)
    // published before it opened: the (industry, region, published_at) index reads only those
    const candidates = await selectRows(m, Agreement, 'industry = ? AND region = ? AND published_at <= ?', [n.industry, n.region, n.createdAt], {
      properties: ['id', 'scope', 'publishedAt', 'negotiationId'],
    });
    const earlier = candidates.filter((a) => a.negotiationId !== n.id && sameScope(a.scope, n.scope));
    if (earlier.length === 0) return null;
    const ids = earlier.map((a) => a.id);
    const surveys = await m.find(Survey, { where: { agreementId: In(ids) }, order: { closesOn: 'ASC' } });
    const results = [];
    for (const s of surveys) results.push({ id: s.id, title: s.title, closesOn: s.closesOn, asked: s.questions, ...(await this.surveys.tally(s, m)) });
    const byClause = await m
      .createQueryBuilder(Complaint, 'c')
      .select('c.clause_index', 'clauseIndex')
      .addSelect('COUNT(*)', 'count')
      .where('c.agreement_id IN (:...ids)', { ids })
      .groupBy('c.clause_index')
      .orderBy('c.clause_index', 'ASC')
      .getRawMany<{ clauseIndex: number | null; count: string | number }>();
    const commitments = await m.find(Commitment, { where: { agreementId: In(ids) }, select: { id: true, progress: true, verdict: true, dueAt: true, doneAt: true } });
    const now = this.clock.now();
    return {
      agreementIds: ids,
      surveys: results,
      complaints: {
        total: byClause.reduce((sum, r) => sum + Number(r.count), 0),
        byClause: byClause.map((r) => ({ clauseIndex: r.clauseIndex === null ? null : Number(r.clauseIndex), count: Number(r.count) })),
      },
      commitments: {
        total: commitments.length,
        met: commitments.filter((c) => isMetOnTime(c)).length,
        overdue: commitments.filter((c) => commitmentStatus(c, now) === 'overdue' || (c.doneAt !== null && !isMetOnTime(c))).length,
      },
    };
  }
}
