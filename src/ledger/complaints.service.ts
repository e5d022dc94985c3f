import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../accounts/auth-user';
import { User } from '../accounts/user.entity';
import { ANONYMOUS_WORKER } from '../audit/audit-chain';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainError, forbidden, notFound, unprocessable } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { periodEnd } from '../deadlines/due-at';
import { RulePacks } from '../deadlines/rule-pack';
import { Complaint, ComplaintStatus } from './complaint.entity';
import { ComplaintAnswerDto, ComplaintDto, EscalationDto, ReferralDto } from './dto/ledger.dto';
import { LedgerParties } from './ledger-parties';
import { mayDo } from './ledger-permissions';

/** What the worker sees of their own complaint. */
export interface OwnComplaintView {
  id: string;
  agreementId: string;
  clauseIndex: number | null;
  orderId: string | null;
  text: string;
  shareIdentity: boolean;
  status: ComplaintStatus;
  overdue: boolean;
  filedAt: string;
  answerDueAt: string;
  answer: { text: string; at: string } | null;
  escalationReason: string | null;
}

/** What the union, the enterprise and the bureau see: the worker only where they chose to be named. */
export type ComplaintView = Omit<OwnComplaintView, 'shareIdentity'> & { worker: { id: string; displayName: string } | null };

const conflict = (code: string, message: string) => new DomainError(409, code, message);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** 申诉: a covered worker complains; the enterprise answers in time; the worker accepts or escalates. */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly packs: RulePacks,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlinesService,
    private readonly parties: LedgerParties,
  ) {}

  async file(user: AuthUser, agreementId: string, dto: ComplaintDto): Promise<{ id: string; status: 'open'; answerDueAt: string }> {
    return this.tx.run(async (m) => {
      const agreement = await this.parties.agreement(m, agreementId);
      await this.parties.coveredWorker(m, user, agreement);
      const clauses = agreement.terms.clauses ?? [];
      if (dto.clauseIndex !== undefined && dto.clauseIndex >= clauses.length)
        throw unprocessable('COMPLAINT.NO_SUCH_CLAUSE', `clauseIndex ${dto.clauseIndex}: the agreement has ${clauses.length} clauses`);
      const at = this.clock.now();
      const answerDue = periodEnd(at, this.packs.forRegion(agreement.region).complaintAnswer, this.config.TZ_NAME);
      const complaint: Complaint = {
        id: randomUUID(),
        agreementId,
        negotiationId: agreement.negotiationId,
        workerUserId: user.id,
        shareIdentity: dto.shareIdentity ?? false,
        clauseIndex: dto.clauseIndex ?? null,
        orderId: dto.orderId ?? null,
        text: dto.text,
        status: 'open',
        filedAt: at.toISOString(),
        answerDueAt: answerDue.dueAt.toISOString(),
        answer: null,
        answeredAt: null,
        escalationReason: null,
        closedAt: null,
        referredAt: null,
      };
      await m.createQueryBuilder().insert().into(Complaint).values(complaint).execute();
      await this.deadlines.startFor(m, agreement.negotiationId, complaint.id, { kind: 'complaintAnswer', ...answerDue });
      await this.onChain(m, complaint, 'COMPLAINT_FILED', this.worker(user, complaint), {
        agreementId,
        clauseIndex: complaint.clauseIndex,
        textSha256: sha256(dto.text),
        answerDueAt: complaint.answerDueAt,
      });
      return { id: complaint.id, status: 'open' as const, answerDueAt: complaint.answerDueAt };
    });
  }

  async mine(user: AuthUser): Promise<{ items: OwnComplaintView[]; total: number }> {
    if (user.role !== 'worker') throw forbidden('COMPLAINT.WORKERS_ONLY', 'complaints are filed by workers');
    const rows = await this.tx.manager.find(Complaint, { where: { workerUserId: user.id }, order: { filedAt: 'DESC' } });
    return { items: rows.map((c) => this.own(c)), total: rows.length };
  }

  async forAgreement(user: AuthUser, agreementId: string): Promise<{ items: ComplaintView[]; total: number }> {
    const m = this.tx.manager;
    const agreement = await this.parties.agreement(m, agreementId);
    if (!mayDo('READ_COMPLAINTS', await this.parties.relation(m, user, agreement.negotiationId)))
      throw forbidden('COMPLAINT.NOT_YOURS', "complaints are read by the agreement's representatives and the bureau");
    const rows = await m.find(Complaint, { where: { agreementId }, order: { filedAt: 'DESC' } });
    const named = rows.filter((c) => c.shareIdentity).map((c) => c.workerUserId);
    const names = new Map(
      named.length ? (await m.createQueryBuilder(User, 'u').select(['u.id', 'u.displayName']).where('u.id IN (:...named)', { named }).getMany()).map((u) => [u.id, u.displayName]) : [],
    );
    return { items: rows.map((c) => this.shared(c, names.get(c.workerUserId))), total: rows.length };
  }

  /** The enterprise answers, once. */
  async answer(user: AuthUser, id: string, dto: ComplaintAnswerDto): Promise<ComplaintView> {
    return this.sharedView(await this.change(user, id, async (m, c, at) => {
      if (!mayDo('ANSWER_COMPLAINT', await this.parties.relation(m, user, c.negotiationId)))
        throw forbidden('COMPLAINT.NOT_YOURS', 'complaints are answered by the enterprise');
      if (c.answeredAt) throw conflict('COMPLAINT.ALREADY_ANSWERED', 'this complaint has been answered');
      // unanswered in time, the worker took it to the union: it is theirs now, not the enterprise's to close
      if (c.status !== 'open') throw conflict('COMPLAINT.NOT_OPEN', `this complaint is ${c.status}, no longer open to an answer`);
      await this.deadlines.clearSubject(m, c.id);
      return {
        set: { status: 'answered', answer: dto.text, answeredAt: at },
        entry: { type: 'COMPLAINT_ANSWERED', actorId: user.id, role: user.role, payload: { textSha256: sha256(dto.text), late: at > c.answerDueAt } },
      };
    }));
  }

  /** The worker is satisfied with the answer. */
  async accept(user: AuthUser, id: string): Promise<OwnComplaintView> {
    return this.own(await this.change(user, id, async (_m, c, at) => {
      this.ownedBy(user, c);
      if (c.status !== 'answered') throw conflict('COMPLAINT.NOT_ANSWERED', 'only an answered complaint can be accepted');
      return { set: { status: 'accepted', closedAt: at }, entry: { type: 'COMPLAINT_ACCEPTED', ...this.worker(user, c), payload: {} } };
    }));
  }

  /** The worker takes it to the union: after an answer they reject, or when the answer is overdue. */
  async escalate(user: AuthUser, id: string, dto: EscalationDto): Promise<OwnComplaintView> {
    return this.own(await this.change(user, id, async (m, c, at) => {
      this.ownedBy(user, c);
      const unansweredInTime = c.status === 'open' && at > c.answerDueAt;
      if (c.status !== 'answered' && !unansweredInTime)
        throw conflict('COMPLAINT.NOT_ESCALATABLE', 'a complaint is escalated after its answer, or once the answer is overdue');
      if (unansweredInTime) await this.deadlines.clearSubject(m, c.id);
      return {
        set: { status: 'escalated', escalationReason: dto.reason },
        entry: { type: 'COMPLAINT_ESCALATED', ...this.worker(user, c), payload: { reasonSha256: sha256(dto.reason) } },
      };
    }));
  }

  /** The union takes an escalated complaint to the labour bureau. */
  async refer(user: AuthUser, id: string, dto: ReferralDto): Promise<ComplaintView> {
    return this.sharedView(await this.change(user, id, async (m, c, at) => {
      if (!mayDo('REFER_COMPLAINT', await this.parties.relation(m, user, c.negotiationId)))
        throw forbidden('COMPLAINT.NOT_YOURS', 'escalated complaints are referred by the union');
      if (c.status !== 'escalated') throw conflict('COMPLAINT.NOT_ESCALATED', 'only an escalated complaint can be referred to the bureau');
      return { set: { status: 'referred', referredAt: at }, entry: { type: 'COMPLAINT_REFERRED', actorId: user.id, role: user.role, payload: dto.reason ? { reason: dto.reason } : {} } };
    }));
  }

  private async change(
    user: AuthUser,
    id: string,
    decide: (
      m: EntityManager,
      c: Complaint,
      at: string,
    ) => Promise<{ set: Partial<Complaint>; entry: { type: string; actorId: string; role: string; payload: Record<string, unknown> } }>,
  ): Promise<Complaint> {
    return this.tx.run(async (m) => {
      const c = await m.findOne(Complaint, { where: { id } });
      if (!c) throw notFound('complaint');
      const at = this.clock.now().toISOString();
      const { set, entry } = await decide(m, c, at);
      await m.createQueryBuilder().update(Complaint).set(set).where('id = :id', { id }).execute();
      await this.onChain(m, c, entry.type, entry, entry.payload);
      return m.findOneByOrFail(Complaint, { id });
    });
  }

  private async sharedView(c: Complaint): Promise<ComplaintView> {
    const name = c.shareIdentity ? (await this.tx.manager.findOneBy(User, { id: c.workerUserId }))?.displayName : undefined;
    return this.shared(c, name);
  }

  private ownedBy(user: AuthUser, c: Complaint): void {
    // another worker's complaint does not exist for them
    if (c.workerUserId !== user.id) throw notFound('complaint');
  }

  /** The chain's actor for something the worker did: themselves if they shared who they are. */
  private worker(user: AuthUser, c: Pick<Complaint, 'shareIdentity'>): { actorId: string; role: string } {
    return { actorId: c.shareIdentity ? user.id : ANONYMOUS_WORKER, role: 'worker' };
  }

  private async onChain(m: EntityManager, c: Complaint, type: string, actor: { actorId: string; role: string }, payload: Record<string, unknown>) {
    await this.audit.extend(m, { negotiationId: c.negotiationId, type, actorId: actor.actorId, role: actor.role, at: this.clock.now().toISOString(), payload: { complaintId: c.id, ...payload } });
  }

  private base(c: Complaint) {
    return {
      id: c.id,
      agreementId: c.agreementId,
      clauseIndex: c.clauseIndex,
      orderId: c.orderId,
      text: c.text,
      status: c.status,
      overdue: c.status === 'open' && c.answerDueAt < this.clock.now().toISOString(),
      filedAt: c.filedAt,
      answerDueAt: c.answerDueAt,
      answer: c.answer !== null ? { text: c.answer, at: c.answeredAt! } : null,
      escalationReason: c.escalationReason,
    };
  }

  private own(c: Complaint): OwnComplaintView {
    return { ...this.base(c), shareIdentity: c.shareIdentity };
  }

  private shared(c: Complaint, displayName: string | undefined): ComplaintView {
    return { ...this.base(c), worker: c.shareIdentity && displayName ? { id: c.workerUserId, displayName } : null };
  }
}
