import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error';
import { Agreement } from './agreement.entity';
import { regionAncestors, regionPrefix } from '../common/regions';
import { AuditService } from '../audit/audit.service';
import { Transactions } from '../database/transactions';
import { PublicationCheck, checkPublication } from './publication-check';

export interface AgreementQuery {
  region?: string;
  industry?: string;
  category?: string;
  page: number;
  pageSize: number;
}

/** How many published agreements' views stay in memory for the public read (they never change). */
const PUBLISHED_VIEWS_KEPT = 2_000;

/** Published agreements and rule changes: public, so any worker can read what binds them. */
@Injectable()
export class AgreementsService {
  /**
   * Views of published agreements by id, most recently read last. An agreement row is written
   * once (Publications.publish) and never updated, so a kept view cannot go stale, on any
   * instance; publication day's crowd reading one agreement costs no query per read.
   */
  private readonly views = new Map<string, AgreementView>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  async list(query: AgreementQuery): Promise<{ items: ReturnType<typeof toAgreementView>[]; total: number }> {
    const qb = this.dataSource.getRepository(Agreement).createQueryBuilder('a').orderBy('a.published_at', 'DESC').addOrderBy('a.id', 'DESC');
    if (query.industry) qb.andWhere('a.industry = :industry', { industry: query.industry });
    if (query.region) {
      // a worker in 420302 asks for 420302: contracts for 420302, 420300 and 420000 all bind there
      qb.andWhere('(a.region IN (:...ancestors) OR a.region LIKE :inside)', {
        ancestors: regionAncestors(query.region),
        inside: `${regionPrefix(query.region)}%`,
      });
    }
    const rows = await qb.getMany();
    const matching = query.category
      ? rows.filter((a) => a.scope.workerCategories.length === 0 || a.scope.workerCategories.includes(query.category!))
      : rows;
    const page = matching.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    return { items: page.map(toAgreementView), total: matching.length };
  }

  async get(id: string): Promise<AgreementView> {
    const kept = this.views.get(id);
    if (kept) {
      this.views.delete(id);
      this.views.set(id, kept);
      return kept;
    }
    const view = toAgreementView(await this.find(id));
    // a publication not yet committed (SQLite's open group) may still roll back: answered, not kept
    if (this.tx.readsUncommitted) return view;
    this.views.set(id, view);
    if (this.views.size > PUBLISHED_VIEWS_KEPT) this.views.delete(this.views.keys().next().value!);
    return view;
  }

  /** Whether the published text is the negotiated text, checked against the audit chain. */
  async verify(id: string): Promise<PublicationCheck> {
    const agreement = await this.find(id);
    const entries = await this.audit.links(agreement.negotiationId);
    return checkPublication(agreement, entries, await this.audit.verify(agreement.negotiationId, entries));
  }

  async find(id: string): Promise<Agreement> {
    const agreement = await this.dataSource.getRepository(Agreement).findOne({ where: { id } });
    if (!agreement) throw notFound('agreement');
    return agreement;
  }
}

export type AgreementView = ReturnType<typeof toAgreementView>;

export function toAgreementView(a: Agreement) {
  return {
    id: a.id,
    negotiationId: a.negotiationId,
    kind: a.kind,
    title: a.title,
    scope: a.scope,
    terms: a.terms,
    opinions: a.opinions,
    effectiveFrom: a.effectiveFrom,
    expiresOn: a.expiresOn,
    publishedAt: a.publishedAt,
    auditHead: a.auditHead,
  };
}
