import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { placeholders, rawRows, selectRow, selectRows } from '../database/rows';
import { AuthUser } from '../accounts/auth-user';
import { Worker } from '../accounts/worker.entity';
import { Clock } from '../common/clock';
import { Transactions } from '../database/transactions';
import { forbidden } from '../common/domain-error';
import { relationOf } from '../negotiations/negotiation-access';
import { Negotiation } from '../negotiations/negotiation.entity';
import { MinutesNotice, minutesCovering } from '../negotiations/minutes-publication';
import { Acknowledgement } from './acknowledgement.entity';
import { Agreement } from './agreement.entity';
import { AgreementsService, toAgreementView } from './agreements.service';
import { regionAncestors } from '../common/regions';
import { coveredWorkersCondition, covers } from './coverage';

/** Industry × region lists of publications kept by the inbox (a city has a few hundred districts). */
const CANDIDATE_LISTS_KEPT = 5_000;
/** Per list, the covering ids of so many enterprise × place × category groups of workers. */
const COVERING_LISTS_KEPT = 200;
/** Views of so many published agreements kept for the inbox's pages (a few MiB). */
const AGREEMENT_VIEWS_KEPT = 5_000;
type AgreementView = ReturnType<typeof toAgreementView>;

interface KeptList {
  stamp: string;
  list: Array<Pick<Agreement, 'id' | 'scope' | 'publishedAt'>>;
  covering: Map<string, string[]>;
}

export interface InboxItem {
  agreement: Readonly<AgreementView>;
  publishedAt: string;
  acknowledgedAt: string | null;
}

/**
 * A worker's inbox is a query over publication scopes (fan-out-on-read): publishing writes
 * one row whatever the number of workers; only acknowledgements are per-worker rows.
 */
@Injectable()
export class InboxService {
  private readonly candidateLists = new Map<string, KeptList>();
  /** A published agreement never changes: its view, frozen, shared by every page that lists it. */
  private readonly views = new Map<string, Readonly<AgreementView>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly tx: Transactions,
    private readonly agreements: AgreementsService,
  ) {}

  async workerOf(user: AuthUser): Promise<Worker> {
    const worker = user.role === 'worker' && user.workerId ? await selectRow(this.dataSource.manager, Worker, 'id = ?', [user.workerId]) : null;
    if (!worker) throw forbidden('INBOX.NOT_A_WORKER', 'the inbox is for registered workers');
    return worker;
  }

  /**
   * Every publication covering the worker, newest first. Reads the id and scope of every candidate (to count and page), the worker's
   * acknowledgements among them, and whole rows for the page only: with 1 000 publications a
   * request parsed 1 000 sets of terms to answer 20.
   */
  async inbox(user: AuthUser, page = 1, pageSize = 20): Promise<{ items: InboxItem[]; unread: number; total: number; minutes: MinutesNotice[] }> {
    const worker = await this.workerOf(user);
    // 2024 协商指引: the signed minutes of each round reach every covered worker (minutes-publication.ts)
    const minutes = await minutesCovering(this.dataSource.manager, worker);
    const m = this.dataSource.manager;
    // every rider's phone asks on a publication day: fixed statements (database/rows.ts)
    const covering = await this.covering(worker);
    const acks = covering.length ? await selectRows(m, Acknowledgement, 'worker_id = ?', [worker.id]) : [];
    const ackedAt = new Map(acks.map((a) => [a.agreementId, a.acknowledgedAt]));
    const pageIds = covering.slice((page - 1) * pageSize, page * pageSize);
    const views = await this.viewsOf(pageIds);
    return {
      items: pageIds.flatMap((id) => {
        const view = views.get(id);
        return view ? [{ agreement: view, publishedAt: view.publishedAt, acknowledgedAt: ackedAt.get(id) ?? null }] : [];
      }),
      unread: covering.filter((id) => !ackedAt.has(id)).length,
      total: covering.length,
      minutes,
    };
  }

  /** The views of these published agreements: kept ones, and the rest read in one statement. */
  private async viewsOf(ids: string[]): Promise<Map<string, Readonly<AgreementView>>> {
    const views = new Map<string, Readonly<AgreementView>>();
    for (const id of ids) if (this.views.has(id)) views.set(id, this.views.get(id)!);
    const missing = ids.filter((id) => !views.has(id));
    if (!missing.length) return views;
    for (const a of await selectRows(this.dataSource.manager, Agreement, `id IN (${placeholders(missing)})`, missing)) {
      const view = deepFreeze(toAgreementView(a));
      if (this.views.size >= AGREEMENT_VIEWS_KEPT) this.views.delete(this.views.keys().next().value!);
      this.views.set(a.id, view);
      views.set(a.id, view);
    }
    return views;
  }

  /**
   * The id, scope and time of every publication in the worker's industry binding in their
   * region, newest first (publications of the same millisecond by id: one order for every
   * page). Kept per industry and region while the region's change counters stay the same
   * (triggers move them on every write to `agreements`, migration 1766300000000): on a
   * publication day the same thousand rows would otherwise be read and parsed for every rider.
   */
  private async candidates(worker: Worker): Promise<KeptList> {
    const m = this.dataSource.manager;
    const regions = regionAncestors(worker.region);
    const where = `industry = ? AND region IN (${placeholders(regions)})`;
    const params = [worker.industry, ...regions];
    const uncommitted = this.tx.readsUncommitted;
    const [{ changes }] = await rawRows<{ changes: number | string | null }>(m, `SELECT SUM(changes) AS changes FROM publication_changes WHERE ${where}`, params);
    const key = params.join('|');
    const stamp = String(changes ?? 0);
    const kept = this.candidateLists.get(key);
    if (kept?.stamp === stamp) return kept;
    const list = await selectRows(m, Agreement, where, params, { properties: ['id', 'scope', 'publishedAt'], orderBy: 'published_at DESC, id DESC' });
    const fresh = { stamp, list, covering: new Map<string, string[]>() };
    if (uncommitted || this.tx.readsUncommitted) return fresh;
    if (this.candidateLists.size >= CANDIDATE_LISTS_KEPT) this.candidateLists.delete(this.candidateLists.keys().next().value!);
    this.candidateLists.set(key, fresh);
    return fresh;
  }

  /** The ids of the publications covering the worker, newest first: the same for every worker of one enterprise, place and category. */
  private async covering(worker: Worker): Promise<string[]> {
    const kept = await this.candidates(worker);
    const party = `${worker.enterpriseId}|${worker.region}|${worker.category}`;
    let ids = kept.covering.get(party);
    if (!ids) {
      ids = kept.list.filter((a) => covers(a.scope, worker)).map((a) => a.id);
      if (kept.covering.size >= COVERING_LISTS_KEPT) kept.covering.delete(kept.covering.keys().next().value!);
      kept.covering.set(party, ids);
    }
    return ids;
  }

  /** Idempotent: a repeat keeps the first time. 403 for a worker the publication does not cover. */
  async acknowledge(user: AuthUser, agreementId: string): Promise<{ agreementId: string; acknowledgedAt: string }> {
    const worker = await this.workerOf(user);
    const agreement = await this.agreements.find(agreementId);
    if (!covers(agreement.scope, worker)) throw forbidden('INBOX.NOT_COVERED', 'this publication does not cover you');
    const ack = await this.tx.run(async (m) => {
      await m
        .createQueryBuilder()
        .insert()
        .into(Acknowledgement)
        .values({ agreementId, workerId: worker.id, acknowledgedAt: this.clock.now().toISOString() })
        .orIgnore()
        .execute();
      return m.findOneByOrFail(Acknowledgement, { agreementId, workerId: worker.id });
    });
    return { agreementId, acknowledgedAt: ack.acknowledgedAt };
  }

  /** How many covered workers have acknowledged: for the negotiation's parties and the bureau. */
  async acknowledgements(user: AuthUser, agreementId: string): Promise<{ covered: number; acknowledged: number }> {
    const agreement = await this.agreements.find(agreementId);
    const negotiation = await this.dataSource.getRepository(Negotiation).findOneByOrFail({ id: agreement.negotiationId });
    const relation = await relationOf(this.dataSource.manager, user, negotiation);
    // API.md: "its representatives, bureau" — admin, who reads every record, is not named
    if (!relation || relation.party === 'worker' || relation.party === 'admin')
      throw forbidden('AGREEMENT.COUNTS_RESTRICTED', "acknowledgement counts are for the negotiation's parties and the bureau");
    // the tallies the workers table's triggers keep (migration 1765800000000): a few rows, not 10⁶
    const { where, params } = coveredWorkersCondition(agreement.scope, 't');
    const [covered, acknowledged] = await Promise.all([
      this.dataSource
        .createQueryBuilder()
        .select('COALESCE(SUM(t.workers), 0)', 'covered')
        .from('worker_tallies', 't')
        .where(where, params)
        .getRawOne<{ covered: number | string }>()
        .then((row) => Number(row?.covered ?? 0)),
      this.dataSource.getRepository(Acknowledgement).countBy({ agreementId }),
    ]);
    return { covered, acknowledged };
  }
}

/** Frozen to the leaves: a kept view is shared by every answer, so no caller may change it. */
function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
