import { Injectable } from '@nestjs/common';
import { SelectQueryBuilder } from 'typeorm';
import { Acknowledgement } from '../agreements/acknowledgement.entity';
import { Agreement } from '../agreements/agreement.entity';
import { coveredWorkersCondition } from '../agreements/coverage';
import { regionPrefix } from '../common/regions';
import { Worker } from '../accounts/worker.entity';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { startOfDate } from '../deadlines/due-at';
import { MET_ON_TIME_SQL, OVERDUE_SQL } from './board.service';

export interface AnnualReport {
  year: number;
  region: string | null;
  negotiations: { opened: Record<string, number>; concluded: Record<string, number> };
  /** Median days, over the negotiations published in the year, from one step to the next. */
  medianDaysPerStage: { response: number | null; bargaining: number | null; approval: number | null; total: number | null };
  agreementsInForce: number;
  workersCovered: number;
  acknowledgements: { covered: number; acknowledged: number; rateBasisPoints: number | null };
  commitments: { due: number; metOnTime: number; overdue: number };
  complaints: { filed: number; answered: number; answeredLate: number; medianAnswerDays: number | null };
  satisfactionByQuarter: Array<{ quarter: number; answers: number; mean: number }>;
}

/**
 * A stage runs from the first entry of one type on the chain to another: the written answer
 * (OPENED → RESPOND), bargaining (RESPOND → the last ACCEPT), and ratification through
 * publication (the last ACCEPT → PUBLISH).
 */
const STAGES = {
  response: ['opened', 'responded'],
  bargaining: ['responded', 'accepted'],
  approval: ['accepted', 'published'],
  total: ['opened', 'published'],
} as const;

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * 年度协商工作报告: every figure an aggregate in the database. Medians are read with a count
 * and then at most two rows at the middle (ORDER BY … LIMIT/OFFSET), never by loading the rows.
 */
@Injectable()
export class AnnualReportService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async report(year: number, region?: string): Promise<AnnualReport> {
    const zone = this.config.TZ_NAME;
    const from = startOfDate(`${year}-01-01`, zone).toISOString();
    const to = startOfDate(`${year + 1}-01-01`, zone).toISOString();
    const span = { from, to, firstDay: `${year}-01-01`, lastDay: `${year}-12-31`, inside: region ? `${regionPrefix(region)}%` : '%' };
    return {
      year,
      region: region ?? null,
      negotiations: await this.negotiations(span),
      medianDaysPerStage: await this.stages(span),
      ...(await this.coverage(span)),
      commitments: await this.commitments(span),
      complaints: await this.complaints(span),
      satisfactionByQuarter: await this.satisfaction(span),
    };
  }

  private get m() {
    return this.tx.manager;
  }

  private async negotiations(span: Span) {
    const byKind = async (sql: string) => {
      const rows = await this.run(sql, span);
      return Object.fromEntries((rows as Array<{ kind: string; n: string | number }>).map((r) => [r.kind, Number(r.n)]));
    };
    return {
      opened: await byKind('SELECT kind, COUNT(*) AS n FROM negotiations WHERE created_at >= :from AND created_at < :to AND region LIKE :inside GROUP BY kind'),
      concluded: await byKind('SELECT kind, COUNT(*) AS n FROM agreements WHERE published_at >= :from AND published_at < :to AND region LIKE :inside GROUP BY kind'),
    };
  }

  private async stages(span: Span): Promise<AnnualReport['medianDaysPerStage']> {
    const steps =
      'SELECT e.negotiation_id AS nid,' +
      " MIN(CASE WHEN e.type = 'OPENED' THEN e.at END) AS opened," +
      " MIN(CASE WHEN e.type = 'RESPOND' THEN e.at END) AS responded," +
      " MAX(CASE WHEN e.type = 'ACCEPT' THEN e.at END) AS accepted," +
      " MIN(CASE WHEN e.type = 'PUBLISH' THEN e.at END) AS published" +
      ' FROM audit_entries e INNER JOIN agreements a ON a.negotiation_id = e.negotiation_id' +
      " WHERE a.published_at >= :from AND a.published_at < :to AND a.region LIKE :inside AND e.type IN ('OPENED', 'RESPOND', 'ACCEPT', 'PUBLISH')" +
      ' GROUP BY e.negotiation_id';
    const result = {} as AnnualReport['medianDaysPerStage'];
    for (const [stage, [start, end]] of Object.entries(STAGES) as Array<[keyof typeof STAGES, readonly [string, string]]>) {
      const days = this.daysBetween(`s.${start}`, `s.${end}`);
      result[stage] = await this.median(`SELECT ${days} AS d FROM (${steps}) s WHERE s.${start} IS NOT NULL AND s.${end} IS NOT NULL`, span);
    }
    return result;
  }

  private async coverage(span: Span) {
    const inForce = await this.m
      .createQueryBuilder(Agreement, 'a')
      .select(['a.id', 'a.scope', 'a.publishedAt'])
      .where('a.published_at < :to AND a.effective_from <= :lastDay AND (a.expires_on IS NULL OR a.expires_on >= :firstDay) AND a.region LIKE :inside', span)
      .getMany();
    let workersCovered = 0;
    if (inForce.length) {
      // a worker under two contracts is one worker: one count over the OR of the scopes
      const conditions = inForce.map((a, i) => coveredWorkersCondition(a.scope, 'w', `_${i}`));
      workersCovered = await this.m
        .getRepository(Worker)
        .createQueryBuilder('w')
        .where(conditions.map((c) => `(${c.where})`).join(' OR '), Object.assign({}, ...conditions.map((c) => c.params)))
        .getCount();
    }
    const published = inForce.filter((a) => a.publishedAt >= span.from);
    let covered = 0;
    for (const a of published) {
      const { where, params } = coveredWorkersCondition(a.scope);
      covered += await this.m.getRepository(Worker).createQueryBuilder('w').where(where, params).getCount();
    }
    const acknowledged = published.length
      ? await this.m
          .getRepository(Acknowledgement)
          .createQueryBuilder('k')
          .where('k.agreement_id IN (:...ids)', { ids: published.map((a) => a.id) })
          .getCount()
      : 0;
    return {
      agreementsInForce: inForce.length,
      workersCovered,
      acknowledgements: { covered, acknowledged, rateBasisPoints: covered ? Math.floor((acknowledged * 10_000) / covered) : null },
    };
  }

  private async commitments(span: Span) {
    const sql =
      `SELECT COUNT(*) AS due, SUM(CASE WHEN ${MET_ON_TIME_SQL} THEN 1 ELSE 0 END) AS met, SUM(CASE WHEN ${OVERDUE_SQL} THEN 1 ELSE 0 END) AS overdue` +
      ' FROM commitments c WHERE c.due_on >= :firstDay AND c.due_on <= :lastDay AND c.region LIKE :inside';
    const [row] = await this.run(sql, { ...span, now: this.clock.now().toISOString() });
    return { due: Number(row.due), metOnTime: Number(row.met ?? 0), overdue: Number(row.overdue ?? 0) };
  }

  private async complaints(span: Span) {
    const within = ' FROM complaints c INNER JOIN agreements a ON a.id = c.agreement_id WHERE c.filed_at >= :from AND c.filed_at < :to AND a.region LIKE :inside';
    const sql =
      'SELECT COUNT(*) AS filed, SUM(CASE WHEN c.answered_at IS NOT NULL THEN 1 ELSE 0 END) AS answered,' +
      ' SUM(CASE WHEN c.answered_at > c.answer_due_at THEN 1 ELSE 0 END) AS late' +
      within;
    const [row] = await this.run(sql, span);
    const medianAnswerDays = await this.median(`SELECT ${this.daysBetween('c.filed_at', 'c.answered_at')} AS d${within} AND c.answered_at IS NOT NULL`, span);
    return { filed: Number(row.filed), answered: Number(row.answered ?? 0), answeredLate: Number(row.late ?? 0), medianAnswerDays };
  }

  /** Mean satisfaction (1–5) of every scale answer, by the quarter in which its survey closed (from the box's counters). */
  private async satisfaction(span: Span) {
    const quarter = '((CAST(SUBSTR(s.closes_on, 6, 2) AS INTEGER) + 2) / 3)';
    const sql =
      `SELECT ${quarter} AS quarter, SUM(x.n1 + x.n2 + x.n3 + x.n4 + x.n5) AS answers, SUM(x.n1 + 2 * x.n2 + 3 * x.n3 + 4 * x.n4 + 5 * x.n5) AS points` +
      ' FROM survey_scale_counts x INNER JOIN surveys s ON s.id = x.survey_id INNER JOIN agreements a ON a.id = s.agreement_id' +
      ' WHERE s.closes_on >= :firstDay AND s.closes_on <= :lastDay AND a.region LIKE :inside' +
      ` GROUP BY ${quarter} HAVING SUM(x.n1 + x.n2 + x.n3 + x.n4 + x.n5) > 0 ORDER BY ${quarter}`;
    const rows = (await this.run(sql, span)) as Array<{ quarter: string | number; answers: string | number; points: string | number }>;
    return rows.map((r) => ({ quarter: Number(r.quarter), answers: Number(r.answers), mean: Math.round((Number(r.points) * 100) / Number(r.answers)) / 100 }));
  }

  /** The median of `d` over a query's rows: a count, then the one or two middle rows. */
  private async median(select: string, span: Span): Promise<number | null> {
    const countSql = `SELECT COUNT(*) AS n FROM (${select}) m`;
    const [{ n }] = await this.run(countSql, span);
    const count = Number(n);
    if (count === 0) return null;
    const middleSql = `SELECT m.d AS d FROM (${select}) m ORDER BY m.d LIMIT ${2 - (count % 2)} OFFSET ${Math.floor((count - 1) / 2)}`;
    const middle = (await this.run(middleSql, span)) as Array<{ d: string | number }>;
    return round1(middle.reduce((sum, r) => sum + Number(r.d), 0) / middle.length);
  }

  /** Days from one ISO instant (stored as text) to another, in each database's own arithmetic. */
  private daysBetween(start: string, end: string): string {
    return this.isPostgres
      ? `(EXTRACT(EPOCH FROM (CAST(${end} AS TIMESTAMPTZ) - CAST(${start} AS TIMESTAMPTZ))) / 86400.0)`
      : `(julianday(${end}) - julianday(${start}))`;
  }

  private get isPostgres(): boolean {
    return this.m.connection.options.type === 'postgres';
  }

  /** Raw SQL with `:name` parameters, turned into the driver's placeholders. */
  private run(sql: string, values: Record<string, unknown>): Promise<Array<Record<string, string | number>>> {
    const [escaped, parameters] = this.m.connection.driver.escapeQueryWithParameters(sql, values);
    return this.m.query(escaped, parameters);
  }
}

type Span = { from: string; to: string; firstDay: string; lastDay: string; inside: string };
