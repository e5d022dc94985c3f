import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Transactions } from '../database/transactions';
import { regionAncestors, regionPrefix } from '../common/regions';
import { Commitment } from './commitment.entity';
import { Organization } from '../accounts/organization.entity';

export interface Board {
  /** 红榜: every commitment met on time. */
  red: Array<{ organizationId: string; name: string; met: number; total: number }>;
  /** 黑榜: any commitment overdue (past due and not done, or done late). */
  black: Array<{ organizationId: string; name: string; overdue: number; total: number }>;
}

/** SQL twins of commitment-rules.ts's isMetOnTime and of "overdue" as the board counts it. */
export const MET_ON_TIME_SQL = 'c.done_at IS NOT NULL AND c.done_at <= c.due_at';
export const OVERDUE_SQL = '((c.done_at IS NULL AND c.due_at < :now) OR c.done_at > c.due_at)';

/** 红黑榜: each responsible organisation's commitments, counted in the database. */
@Injectable()
export class BoardService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async board(filter: { region?: string; industry?: string }): Promise<Board> {
    const qb = this.tx.manager
      .createQueryBuilder(Commitment, 'c')
      .innerJoin(Organization, 'o', 'o.id = c.responsible_org_id')
      .select('c.responsible_org_id', 'organizationId')
      .addSelect('o.name', 'name')
      .addSelect('COUNT(*)', 'total')
      .addSelect(`SUM(CASE WHEN ${MET_ON_TIME_SQL} THEN 1 ELSE 0 END)`, 'met')
      .addSelect(`SUM(CASE WHEN ${OVERDUE_SQL} THEN 1 ELSE 0 END)`, 'overdue')
      .setParameter('now', this.clock.now().toISOString())
      .groupBy('c.responsible_org_id')
      .addGroupBy('o.name')
      .orderBy('o.name', 'ASC');
    if (filter.industry) qb.andWhere('c.industry = :industry', { industry: filter.industry });
    if (filter.region)
      // as the agreements list: what binds in the region (its city's and province's contracts) and what lies inside it
      qb.andWhere('(c.region IN (:...ancestors) OR c.region LIKE :inside)', { ancestors: regionAncestors(filter.region), inside: `${regionPrefix(filter.region)}%` });
    const rows = (await qb.getRawMany<Record<string, string | number>>()).map((r) => ({
      organizationId: String(r.organizationId),
      name: String(r.name),
      total: Number(r.total),
      met: Number(r.met),
      overdue: Number(r.overdue),
    }));
    return {
      red: rows.filter((r) => r.total > 0 && r.met === r.total).map(({ organizationId, name, met, total }) => ({ organizationId, name, met, total })),
      black: rows.filter((r) => r.overdue > 0).map(({ organizationId, name, overdue, total }) => ({ organizationId, name, overdue, total })),
    };
  }
}
