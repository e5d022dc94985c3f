import { Injectable, OnModuleInit } from '@nestjs/common';
import { Publications } from '../agreements/publications';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuthUser } from '../accounts/auth-user';
import { Agreement } from '../agreements/agreement.entity';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainError, forbidden, notFound } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { Negotiation } from '../negotiations/negotiation.entity';
import { ChainLink } from '../audit/audit-chain';
import { Commitment, CommitmentReport } from './commitment.entity';
import { commitmentsFromChain, firstDifference, reportsKey } from './commitment-chain';
import { CommitmentStatus, commitmentDue, commitmentStatus, isDone } from './commitment-rules';
import { ProgressReportDto, VerificationDto } from './dto/ledger.dto';
import { LedgerParties } from './ledger-parties';
import { mayActOnCommitment } from './ledger-permissions';

export interface CommitmentView {
  id: string;
  clause: { index: number; topic: string; text: string };
  responsible: 'union' | 'enterprise';
  responsibleOrgId: string;
  dueOn: string;
  status: CommitmentStatus;
  progress: number;
  reports: Array<{ at: string; by: string; progress: number; text: string }>;
  verification: { verdict: 'confirmed' | 'disputed'; note: string; by: string; at: string } | null;
}

const conflict = (code: string, message: string) => new DomainError(409, code, message);

/** The implementation ledger (落实台账): commitments made at publication, their reports and verification. */
@Injectable()
export class CommitmentsService implements OnModuleInit {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlinesService,
    private readonly parties: LedgerParties,
    private readonly publications: Publications,
  ) {}

  onModuleInit(): void {
    this.publications.alsoOnPublish((m, agreement) => this.createAtPublication(m, agreement).then(() => undefined));
  }

  /**
   * At publication, in its transaction: one commitment per clause that carries one, due
   * `dueInDays` after entry into force, each with its `commitmentDue` clock, all on the chain.
   */
  async createAtPublication(m: EntityManager, agreement: Agreement): Promise<Commitment[]> {
    const clauses = (agreement.terms.clauses ?? []).map((clause, index) => ({ clause, index })).filter(({ clause }) => clause.commitment);
    if (clauses.length === 0) return [];
    const n = await m.findOneByOrFail(Negotiation, { id: agreement.negotiationId });
    const zone = this.config.TZ_NAME;
    const now = this.clock.now().toISOString();
    // each row beside the calendar its due day was counted on, which its clock carries
    const planned = clauses.map(({ clause, index }) => {
      const { responsible, dueInDays } = clause.commitment!;
      const due = commitmentDue(agreement.effectiveFrom, dueInDays, zone);
      const row: Commitment = {
        id: randomUUID(),
        agreementId: agreement.id,
        negotiationId: n.id,
        clauseIndex: index,
        responsible,
        responsibleOrgId: responsible === 'union' ? n.unionOrgId : n.enterpriseOrgId,
        region: agreement.region,
        industry: agreement.industry,
        dueOn: due.dueOn,
        dueAt: due.dueAt,
        progress: 0,
        verdict: null,
        verificationNote: null,
        verifiedBy: null,
        verifiedAt: null,
        doneAt: null,
        createdAt: now,
      };
      return { row, calendar: due.calendar };
    });
    const rows = planned.map((p) => p.row);
    await m.createQueryBuilder().insert().into(Commitment).values(rows).execute();
    for (const { row, calendar } of planned) await this.deadlines.startFor(m, n.id, row.id, { kind: 'commitmentDue', dueAt: new Date(row.dueAt), calendar });
    await this.audit.extend(m, {
      negotiationId: n.id,
      type: 'COMMITMENTS_CREATED',
      actorId: 'system',
      role: 'system',
      at: now,
      payload: {
        agreementId: agreement.id,
        commitments: rows.map((r) => ({ id: r.id, clauseIndex: r.clauseIndex, responsible: r.responsible, responsibleOrgId: r.responsibleOrgId, dueOn: r.dueOn, dueAt: r.dueAt })),
      },
    });
    return rows;
  }

  /** Public: every commitment of an agreement with its record. */
  async list(agreementId: string): Promise<CommitmentView[]> {
    const m = this.tx.manager;
    const agreement = await this.parties.agreement(m, agreementId);
    const rows = await m.find(Commitment, { where: { agreementId }, order: { clauseIndex: 'ASC' } });
    const reports = rows.length
      ? await m.find(CommitmentReport, { where: { commitmentId: In(rows.map((r) => r.id)) }, order: { reportedAt: 'ASC' } })
      : [];
    return rows.map((row) => this.view(row, agreement, reports.filter((r) => r.commitmentId === row.id)));
  }

  async report(user: AuthUser, id: string, dto: ProgressReportDto): Promise<CommitmentView> {
    await this.tx.run(async (m) => {
      const c = await this.load(m, user, id, 'REPORT_PROGRESS');
      if (c.doneAt) throw conflict('COMMITMENT.DONE', 'this commitment is done; nothing more to report');
      const at = this.clock.now().toISOString();
      await m.createQueryBuilder().insert().into(CommitmentReport).values({ id: randomUUID(), commitmentId: id, reportedBy: user.id, progress: dto.progress, text: dto.text, reportedAt: at }).execute();
      // a new report is a new claim: the verdict on the last one no longer answers it
      await m
        .createQueryBuilder()
        .update(Commitment)
        .set({ progress: dto.progress, verdict: null, verificationNote: null, verifiedBy: null, verifiedAt: null })
        .where('id = :id', { id })
        .execute();
      await this.audit.extend(m, {
        negotiationId: c.negotiationId,
        type: 'COMMITMENT_REPORTED',
        actorId: user.id,
        role: user.role,
        at,
        payload: { commitmentId: id, progress: dto.progress, text: dto.text },
      });
    });
    return this.one(id);
  }

  async verify(user: AuthUser, id: string, dto: VerificationDto): Promise<CommitmentView> {
    await this.tx.run(async (m) => {
      const c = await this.load(m, user, id, 'VERIFY');
      if (c.doneAt) throw conflict('COMMITMENT.DONE', 'this commitment is done and verified');
      const reported = await m.count(CommitmentReport, { where: { commitmentId: id } });
      if (reported === 0) throw conflict('COMMITMENT.NOTHING_REPORTED', 'nothing has been reported to verify yet');
      if (c.verdict) throw conflict('COMMITMENT.ALREADY_VERIFIED', 'the latest report is verified already; wait for the next report');
      const at = this.clock.now().toISOString();
      const done = isDone(c.progress, dto.verdict);
      await m
        .createQueryBuilder()
        .update(Commitment)
        .set({ verdict: dto.verdict, verificationNote: dto.note, verifiedBy: user.id, verifiedAt: at, doneAt: done ? at : null })
        .where('id = :id', { id })
        .execute();
      if (done) await this.deadlines.clearSubject(m, id);
      await this.audit.extend(m, {
        negotiationId: c.negotiationId,
        type: 'COMMITMENT_VERIFIED',
        actorId: user.id,
        role: user.role,
        at,
        payload: { commitmentId: id, verdict: dto.verdict, note: dto.note, done },
      });
    });
    return this.one(id);
  }

  /** Whether the ledger's rows say what the chain says (see commitmentRowsDifferFromChain). */
  differsFromChain(negotiationId: string, entries: ChainLink[]): Promise<{ derived: string; reason: string } | null> {
    return commitmentRowsDifferFromChain(this.tx.manager, negotiationId, entries);
  }

  private async one(id: string): Promise<CommitmentView> {
    const m = this.tx.manager;
    const row = await m.findOneByOrFail(Commitment, { id });
    const reports = await m.find(CommitmentReport, { where: { commitmentId: id }, order: { reportedAt: 'ASC' } });
    return this.view(row, await this.parties.agreement(m, row.agreementId), reports);
  }

  private async load(m: EntityManager, user: AuthUser, id: string, action: 'REPORT_PROGRESS' | 'VERIFY'): Promise<Commitment> {
    const c = await m.findOne(Commitment, { where: { id } });
    if (!c) throw notFound('commitment');
    const relation = await this.parties.relation(m, user, c.negotiationId);
    if (!relation || !mayActOnCommitment(action, relation, c.responsible))
      throw forbidden(
        'COMMITMENT.NOT_YOURS',
        action === 'REPORT_PROGRESS' ? `progress is reported by the ${c.responsible} side's representatives` : "a commitment is verified by the other side's chief",
      );
    return c;
  }

  private view(row: Commitment, agreement: Agreement, reports: CommitmentReport[]): CommitmentView {
    const clause = agreement.terms.clauses?.[row.clauseIndex];
    return {
      id: row.id,
      clause: { index: row.clauseIndex, topic: clause?.topic ?? '', text: clause?.text ?? '' },
      responsible: row.responsible,
      responsibleOrgId: row.responsibleOrgId,
      dueOn: row.dueOn,
      status: commitmentStatus(row, this.clock.now()),
      progress: row.progress,
      reports: reports.map((r) => ({ at: r.reportedAt, by: r.reportedBy, progress: r.progress, text: r.text })),
      verification: row.verdict ? { verdict: row.verdict, note: row.verificationNote ?? '', by: row.verifiedBy!, at: row.verifiedAt! } : null,
    };
  }
}

/**
 * Whether a negotiation's commitment rows say what its chain says (API.md: verification
 * recomputes derived rows): null if so, else the first field that differs. A plain function
 * over a manager, so `npm run audit:verify` asks it without the service running.
 */
export async function commitmentRowsDifferFromChain(m: EntityManager, negotiationId: string, entries: ChainLink[]): Promise<{ derived: string; reason: string } | null> {
    const rows = await m.find(Commitment, { where: { negotiationId }, order: { clauseIndex: 'ASC' } });
    const reports = rows.length ? await m.find(CommitmentReport, { where: { commitmentId: In(rows.map((r) => r.id)) }, order: { reportedAt: 'ASC' } }) : [];
    const fromRows = rows.map((r) => ({
      id: r.id,
      clauseIndex: r.clauseIndex,
      responsible: r.responsible,
      responsibleOrgId: r.responsibleOrgId,
      dueOn: r.dueOn,
      dueAt: r.dueAt,
      progress: r.progress,
      verdict: r.verdict,
      verificationNote: r.verificationNote,
      verifiedBy: r.verifiedBy,
      verifiedAt: r.verifiedAt,
      doneAt: r.doneAt,
      reports: reportsKey(reports.filter((x) => x.commitmentId === r.id).map((x) => ({ at: x.reportedAt, by: x.reportedBy, progress: x.progress, text: x.text }))),
    }));
    const derived = firstDifference(commitmentsFromChain(entries), fromRows);
    return derived ? { derived, reason: `the ledger's ${derived} is not what the audit chain records` } : null;
  }
