import { Injectable, ValidationPipe } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../accounts/auth-user';
import { Agreement } from '../agreements/agreement.entity';
import { PublicationBus } from '../agreements/publication-bus';
import { Worker } from '../accounts/worker.entity';
import { covers } from '../agreements/coverage';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainError, badRequest, forbidden, notFound, unprocessable } from '../common/domain-error';
import { isRegionCode } from '../common/regions';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { DEADLINE_EVENTS, deadlinesOnEntering } from '../deadlines/deadline-plan';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { Deadline } from '../deadlines/deadline.entity';
import { dateIn } from '../deadlines/due-at';
import { DeadlineKind, RulePacks } from '../deadlines/rule-pack';
import { MinimumWageTable } from '../terms/minimum-wage';
import { Terms } from '../terms/terms';
import { checkTerms } from '../terms/terms-rules';
import { CreateNegotiationDto } from './dto/create-negotiation.dto';
import { EVENT_DTOS, EVENT_TYPES, EventType } from './dto/events.dto';
import { IdempotencyKey } from './idempotency-key.entity';
import { NegotiationAccess, partyCondition, visibleToWorkers } from './negotiation-access';
import { Command, NegotiationEffects } from './negotiation-effects';
import { allowedEvents, machineEvent, next, procedureAllows } from './negotiation-machines';
import { EVENTS_BY_KIND, Relation, mayCallerSend, requesterSide } from './negotiation-permissions';
import { NegotiationView, NegotiationViews } from './negotiation-view';
import { Negotiation } from './negotiation.entity';
import { NegotiationKind } from './negotiation.types';
import { SeatChecks } from './seat-checks';
import { NegotiationOpening } from './negotiation-opening';

export interface ListQuery {
  state?: string;
  kind?: NegotiationKind;
  page: number;
  pageSize: number;
}

const eventPipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

/**
 * One command = load the row → restore the machine → check who and whether → transition →
 * write snapshot, rounds, deadlines and the audit entry in one transaction, guarded by the
 * version column (DESIGN §4).
 */
@Injectable()
export class NegotiationsService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly access: NegotiationAccess,
    private readonly views: NegotiationViews,
    private readonly effects: NegotiationEffects,
    private readonly seats: SeatChecks,
    private readonly opening: NegotiationOpening,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlinesService,
    private readonly packs: RulePacks,
    private readonly wages: MinimumWageTable,
    private readonly bus: PublicationBus,
  ) {}

  async create(user: AuthUser, dto: CreateNegotiationDto): Promise<NegotiationView> {
    const creatorRole = dto.kind === 'collective_contract' ? 'union_negotiator' : 'enterprise_rep';
    if (user.role !== creatorRole)
      throw forbidden('NEGOTIATION.WRONG_ROLE', `a ${dto.kind} is opened by a ${creatorRole}`);
    if (!isRegionCode(dto.scope.region))
      throw unprocessable('SCOPE.UNKNOWN_REGION', `scope.region ${dto.scope.region} is not a GB/T 2260 code`);
    checkTerms(dto.proposal as Terms, dto.kind, dto.scope.region, this.wages);
    return this.tx.run(async (m) => {
      const parties = await this.opening.parties(m, user, dto);
      const side = requesterSide(dto.kind);
      await this.seats.checkSide(m, side, side === 'union' ? parties.unionOrgId : parties.enterpriseOrgId, dto.representatives);
      const n = await this.opening.open(m, user, {
        id: randomUUID(),
        kind: dto.kind,
        title: dto.title,
        scope: parties.scope,
        unionOrgId: parties.unionOrgId,
        enterpriseOrgId: parties.enterpriseOrgId,
        parentId: null,
        proposal: dto.proposal as Terms,
        seats: { side, ...dto.representatives },
        reason: '',
      });
      return this.viewFor(m, user, n);
    });
  }

  async list(user: AuthUser, query: ListQuery): Promise<{ items: NegotiationView[]; total: number }> {
    const m = this.tx.manager;
    const qb = m.createQueryBuilder(Negotiation, 'n').orderBy('n.updated_at', 'DESC');
    if (query.state) qb.andWhere('n.state = :state', { state: query.state });
    if (query.kind) qb.andWhere('n.kind = :kind', { kind: query.kind });
    const party = partyCondition(user);
    if (typeof party === 'object') qb.andWhere(party.where, party.params);
    else if (user.role === 'worker') {
      const worker = user.workerId ? await m.findOne(Worker, { where: { id: user.workerId } }) : null;
      if (!worker) return { items: [], total: 0 };
      const candidates = await qb.andWhere('n.industry = :industry', { industry: worker.industry }).getMany();
      const visible = candidates.filter((n) => visibleToWorkers(n) && covers(n.scope, worker));
      const page = visible.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
      return { items: await Promise.all(page.map((n) => this.viewFor(m, user, n))), total: visible.length };
    }
    const [rows, total] = await qb.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return { items: await Promise.all(rows.map((n) => this.viewFor(m, user, n))), total };
  }

  async get(user: AuthUser, id: string): Promise<NegotiationView> {
    const m = this.tx.manager;
    return this.viewFor(m, user, await this.load(m, user, id).then(([n]) => n));
  }

  /** The negotiation and the caller's relation to it, or 404 for callers with none. */
  async load(m: EntityManager, user: AuthUser, id: string): Promise<[Negotiation, Relation]> {
    const n = await m.findOne(Negotiation, { where: { id } });
    const relation = n && (await this.access.relationOf(m, user, n));
    if (!n || !relation) throw notFound('negotiation');
    return [n, relation];
  }

  async send(
    user: AuthUser,
    id: string,
    body: unknown,
    options: { ifMatch?: number; idempotencyKey?: string } = {},
  ): Promise<NegotiationView> {
    const type = (body as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !EVENT_TYPES.includes(type as EventType))
      throw badRequest('EVENT.UNKNOWN_TYPE', `type must be one of: ${EVENT_TYPES.join(', ')}`);
    const payload = (await eventPipe.transform(body, { type: 'body', metatype: EVENT_DTOS[type as EventType] })) as object;
    const { idempotencyKey } = options;
    const firstAnswer = async (m: EntityManager): Promise<NegotiationView | undefined> => {
      const prior = idempotencyKey ? await m.findOne(IdempotencyKey, { where: { userId: user.id, key: idempotencyKey } }) : null;
      if (prior && prior.negotiationId !== id)
        throw unprocessable('EVENT.IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another negotiation');
      return prior ? (JSON.parse(prior.response) as NegotiationView) : undefined;
    };
    const { view, published } = await this.tx.run(async (m) => {
      const prior = await firstAnswer(m);
      if (prior) return { view: prior, published: undefined };
      const [n, relation] = await this.load(m, user, id);
      if (options.ifMatch !== undefined && options.ifMatch !== n.version) throw this.stale(n);
      if (!EVENTS_BY_KIND[n.kind].includes(type as EventType)) throw this.notAllowed(n, relation, `${type} is not an event of a ${n.kind}`);
      if (!mayCallerSend(type as EventType, relation, n.kind))
        throw forbidden('NEGOTIATION.NOT_YOURS_TO_SEND', `you may not send ${type} in this negotiation`);
      const { negotiation: updated, published } = await this.commit(m, n, user, relation, type, payload as Record<string, unknown>);
      const view = await this.viewFor(m, user, updated);
      if (idempotencyKey)
        await m.insert(IdempotencyKey, {
          userId: user.id,
          key: idempotencyKey,
          negotiationId: id,
          response: JSON.stringify(view),
          createdAt: this.clock.now().toISOString(),
        });
      return { view, published };
    }).catch(async (error) => {
      // the same key sent twice at once (PostgreSQL runs both): the loser answers as the winner did
      const prior = idempotencyKey ? await firstAnswer(this.tx.manager) : undefined;
      if (prior) return { view: prior, published: undefined };
      throw error;
    });
    if (published) this.bus.emit(published);
    return view;
  }

  /**
   * A deadline fell due: claim it (at most once, whatever the number of sweepers) and send its
   * event as actor `system`, in one transaction. Returns false when someone else claimed it.
   */
  async fireDeadline(
    deadline: { id: string; negotiationId: string; kind: DeadlineKind; dueAt: string },
    alsoInTransaction?: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    const { fired, published } = await this.tx.run(async (m) => {
      const claimed = await m
        .createQueryBuilder()
        .update(Deadline)
        .set({ firedAt: this.clock.now().toISOString() })
        .where('id = :id AND fired_at IS NULL AND cleared_at IS NULL', { id: deadline.id })
        .execute();
      if (claimed.affected !== 1) return { fired: false };
      const n = await m.findOneOrFail(Negotiation, { where: { id: deadline.negotiationId } });
      const type = DEADLINE_EVENTS[deadline.kind] ?? 'DEADLINE_PASSED';
      const payload = { deadline: deadline.kind, dueAt: deadline.dueAt };
      const at = this.clock.now();
      // what the law deems to happen does so the moment the period ends, however late the sweep
      const on = dateIn(new Date(new Date(deadline.dueAt).getTime() + 1), this.config.TZ_NAME);
      if (!procedureAllows(n, machineEvent(type, payload, null, at, on))) {
        // the clock outlived its state (it should have been cleared): retire it rather than retry forever
        await m.update(Deadline, { id: deadline.id }, { clearedAt: at.toISOString() });
        return { fired: false };
      }
      const { published } = await this.commit(m, n, null, null, type, payload, on);
      await alsoInTransaction?.(m);
      return { fired: true, published };
    });
    if (published) this.bus.emit(published);
    return fired;
  }

  private async commit(
    m: EntityManager,
    n: Negotiation,
    user: AuthUser | null,
    relation: Relation | null,
    type: string,
    payload: Record<string, unknown>,
    today = dateIn(this.clock.now(), this.config.TZ_NAME),
  ): Promise<{ negotiation: Negotiation; published?: Agreement }> {
    const at = this.clock.now();
    const { type: _, ...fields } = payload;
    const event = machineEvent(type, fields, relation, at, today);
    if (!procedureAllows(n, event)) throw this.notAllowed(n, relation, `${type} is not allowed in state ${n.state}`);
    const c: Command = {
      manager: m,
      negotiation: n,
      user,
      relation,
      type,
      payload: fields,
      at,
      to: n.state,
      nextContext: n.context,
      auditHead: n.auditHead,
      recorded: {},
      machineExtras: {},
    };
    await this.effects.check(c);
    if (c.opens) c.recorded.openedNegotiationId = randomUUID();
    const after = next(n, { ...event, ...c.machineExtras });
    c.to = after.state;
    c.nextContext = after.context;
    const link = this.audit.link(
      { seq: n.auditSeq, head: n.auditHead },
      {
        negotiationId: n.id,
        type,
        actorId: user?.id ?? 'system',
        role: user?.role ?? 'system',
        at: at.toISOString(),
        payload: { ...fields, ...c.machineExtras, ...c.recorded, from: n.state, to: after.state },
      },
    );
    c.auditHead = link.hash;
    const written = await m
      .createQueryBuilder()
      .update(Negotiation)
      .set({
        state: after.state,
        context: after.context as never,
        version: n.version + 1,
        auditSeq: link.seq,
        auditHead: link.hash,
        updatedAt: at.toISOString(),
      })
      .where('id = :id AND version = :version', { id: n.id, version: n.version })
      .execute();
    if (written.affected !== 1) throw this.stale(n);
    await this.audit.append(m, link);
    await this.effects.apply(c);
    if (after.state !== n.state)
      await this.deadlines.replace(
        m,
        n.id,
        deadlinesOnEntering({
          kind: n.kind,
          state: after.state,
          at,
          pack: this.packs.forRegion(n.region),
          zone: this.config.TZ_NAME,
          resumeOn: fields.resumeOn as string | undefined,
          expiresOn: (after.context as { expiresOn?: string | null }).expiresOn,
        }),
      );
    if (c.opens && user)
      await this.opening.open(m, user, {
        ...c.opens,
        id: c.recorded.openedNegotiationId as string,
        kind: 'collective_contract',
        scope: n.scope,
        unionOrgId: n.unionOrgId,
        enterpriseOrgId: n.enterpriseOrgId,
        parentId: n.id,
      });
    return { negotiation: await m.findOneOrFail(Negotiation, { where: { id: n.id } }), published: c.published };
  }

  async viewFor(m: EntityManager, user: AuthUser, n: Negotiation): Promise<NegotiationView> {
    const relation = await this.access.relationOf(m, user, n);
    const at = this.clock.now();
    const can = relation ? allowedEvents(n, relation, at, dateIn(at, this.config.TZ_NAME)) : [];
    return this.views.build(m, n, can);
  }

  private notAllowed(n: Negotiation, relation: Relation | null, message: string): DomainError {
    const at = this.clock.now();
    const allowed = relation ? allowedEvents(n, relation, at, dateIn(at, this.config.TZ_NAME)) : [];
    return new DomainError(409, 'NEGOTIATION.EVENT_NOT_ALLOWED', message, { state: n.state, allowed });
  }

  private stale(n: Negotiation): DomainError {
    return new DomainError(409, 'NEGOTIATION.STALE_VERSION', `the negotiation has changed (version is now ${n.version}); reload and retry`, {
      state: n.state,
      version: n.version,
    });
  }
}
