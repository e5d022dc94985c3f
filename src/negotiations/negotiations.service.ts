import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { selectRow, updateRows } from '../database/rows';
import { AuthUser } from '../accounts/auth-user';
import { Worker } from '../accounts/worker.entity';
import { Agreement } from '../agreements/agreement.entity';
import { covers } from '../agreements/coverage';
import { Publications } from '../agreements/publications';
import { ANONYMOUS_WORKER } from '../audit/audit-chain';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { JsonBodyValidationPipe } from '../common/validation';
import { DomainError, badRequest, forbidden, notFound, unprocessable } from '../common/domain-error';
import { isRegionCode } from '../common/regions';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { DEADLINE_EVENTS } from '../deadlines/deadline-plan';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { dateIn } from '../deadlines/due-at';
import { DeadlineKind } from '../deadlines/rule-pack';
import { CreateNegotiationDto } from './dto/create-negotiation.dto';
import { EVENT_DTOS, EVENT_TYPES, EventDto, EventType } from './dto/events.dto';
import { partyCondition, relationOf, visibleToWorkers } from './negotiation-access';
import { EventPayload, NegotiationEvents, Plan } from './negotiation-events';
import { allowedEvents, isFinal, machineEvent, next, procedureAllows } from './negotiation-machines';
import { NegotiationOpening } from './negotiation-opening';
import { EVENTS_BY_KIND, ROUTE_ONLY_EVENTS, Relation, mayCallerSend } from './negotiation-permissions';
import { NegotiationView, NegotiationViews } from './negotiation-view';
import { Negotiation } from './negotiation.entity';
import { NegotiationKind } from './negotiation.types';
import { UnitRounds } from './unit-rounds';

export interface SendOptions {
  ifMatch?: number;
  /**
   * The rows of a route that receives an event's data itself (an order sample, the current
   * rules), written in the event's transaction after it: the only way to send ROUTE_ONLY_EVENTS.
   */
  alsoWrite?: (manager: EntityManager) => Promise<void>;
}

export interface ListQuery {
  state?: string;
  kind?: NegotiationKind;
  page: number;
  pageSize: number;
}

const eventPipe = new JsonBodyValidationPipe();

/** An event a person sends, its payload validated against the event's DTO. */
interface Sent<E extends EventType> {
  type: E;
  payload: EventPayload<E>;
  user: AuthUser;
  relation: Relation;
}

/** An event the system sends when a clock runs out (actor `system`, no entry in the event table). */
interface Fired {
  type: string;
  payload: { deadline: DeadlineKind; dueAt: string; subjectId?: string };
}

/**
 * The write path, one pipeline per event (DESIGN §4): load once → authorise (403; the
 * procedure's 409) → prepare (the event's entry in NegotiationEvents: substance, 422) →
 * transition (the machine) → record (the chain entry) → write (the row, guarded by its
 * version; the entry's rows; the new state's clocks; a linked opening) → announce (after the
 * commit: a publication).
 */
@Injectable()
export class NegotiationsService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly views: NegotiationViews,
    private readonly events: NegotiationEvents,
    private readonly opening: NegotiationOpening,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlinesService,
    private readonly publications: Publications,
  ) {}

  async create(user: AuthUser, dto: CreateNegotiationDto): Promise<NegotiationView> {
    const creatorRole = dto.kind === 'collective_contract' ? 'union_negotiator' : 'enterprise_rep';
    if (user.role !== creatorRole)
      throw forbidden('NEGOTIATION.WRONG_ROLE', `a ${dto.kind} is opened by a ${creatorRole}`);
    if (!isRegionCode(dto.scope.region))
      throw unprocessable('SCOPE.UNKNOWN_REGION', `scope.region ${dto.scope.region} is not a GB/T 2260 code`);
    return this.tx.run(async (m) => {
      const n = await this.opening.open(m, user, await this.opening.requested(m, user, dto));
      return this.viewFor(m, user, n);
    });
  }

  async list(user: AuthUser, query: ListQuery): Promise<{ items: NegotiationView[]; total: number }> {
    const m = this.tx.manager;
    // changes of the same millisecond in the order the negotiations were opened (as SQLite's scan
    // gave them), then by id: one order for every page (PostgreSQL orders ties as it finds them)
    const qb = m.createQueryBuilder(Negotiation, 'n').orderBy('n.updated_at', 'DESC').addOrderBy('n.created_at', 'ASC').addOrderBy('n.id', 'ASC');
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
    const n = await selectRow(m, Negotiation, 'id = ?', [id]);
    const relation = n && (await relationOf(m, user, n));
    if (!n || !relation) throw notFound('negotiation');
    return [n, relation];
  }

  async send(
    user: AuthUser,
    id: string,
    body: unknown,
    options: SendOptions = {},
  ): Promise<NegotiationView> {
    const type = (body as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !EVENT_TYPES.includes(type as EventType))
      throw badRequest('EVENT.UNKNOWN_TYPE', `type must be one of: ${EVENT_TYPES.join(', ')}`);
    if (ROUTE_ONLY_EVENTS.has(type as EventType) && !options.alsoWrite)
      throw badRequest('EVENT.ROUTE_ONLY', `${type} is sent by the route that receives its data, not by POST /events`);
    const dto = (await eventPipe.transform(body, { type: 'body', metatype: EVENT_DTOS[type as EventType] })) as EventDto;
    const { type: _, ...payload } = dto;
    const { view, published } = await this.tx.run(async (m) => {
      // load once, authorise
      const [n, relation] = await this.load(m, user, id);
      if (options.ifMatch !== undefined && options.ifMatch !== n.version) throw this.stale(n, relation);
      this.authorise(n, relation, dto.type);
      const { negotiation, rounds, published } = await this.commit(m, n, { type: dto.type, payload, user, relation });
      await options.alsoWrite?.(m);
      // RESPOND seats the enterprise's people: their relation is read again after it
      return { view: await this.viewFor(m, user, negotiation, dto.type === 'RESPOND' ? undefined : relation, rounds), published };
    });
    if (published) this.publications.announce(published);
    return view;
  }

  /**
   * Whether the caller could send the event now (403 / 409 as send would answer), without
   * writing: for routes that must refuse before reading a large body.
   */
  async assertMaySend(user: AuthUser, id: string, type: EventType): Promise<void> {
    const m = this.tx.manager;
    const [n, relation] = await this.load(m, user, id);
    this.authorise(n, relation, type);
    const at = this.clock.now();
    if (!procedureAllows(n, machineEvent(type, {}, relation, at, dateIn(at, this.config.TZ_NAME))))
      throw this.notAllowed(n, relation, `${type} is not allowed in state ${n.state}`);
  }

  /** Who may send it (permissions, 403) and whether it is an event of this kind at all (409). */
  private authorise(n: Negotiation, relation: Relation, type: EventType): void {
    if (!EVENTS_BY_KIND[n.kind].includes(type)) throw this.notAllowed(n, relation, `${type} is not an event of a ${n.kind}`);
    if (!mayCallerSend(type, relation, n.kind)) throw forbidden('NEGOTIATION.NOT_YOURS_TO_SEND', `you may not send ${type} in this negotiation`);
  }

  /**
   * A deadline fell due: claim it (at most once, whatever the number of sweepers) and send its
   * event as actor `system`, in one transaction. Returns false when someone else claimed it.
   */
  async fireDeadline(
    deadline: { id: string; negotiationId: string; kind: DeadlineKind; dueAt: string; subjectId?: string | null },
    alsoInTransaction?: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    const { fired, published } = await this.tx.run(async (m) => {
      if (!(await this.deadlines.claim(m, deadline.id))) return { fired: false };
      const n = await m.findOneOrFail(Negotiation, { where: { id: deadline.negotiationId } });
      // a clock of one commitment or complaint names it, so the chain says which one lapsed
      const payload = { deadline: deadline.kind, dueAt: deadline.dueAt, ...(deadline.subjectId ? { subjectId: deadline.subjectId } : {}) };
      const event: Fired = { type: DEADLINE_EVENTS[deadline.kind] ?? 'DEADLINE_PASSED', payload };
      // what the law deems to happen does so the moment the period ends, however late the sweep
      const on = dateIn(new Date(new Date(deadline.dueAt).getTime() + 1), this.config.TZ_NAME);
      if (!procedureAllows(n, machineEvent(event.type, event.payload, null, this.clock.now(), on))) {
        // the clock outlived its state (it should have been cleared): retire it rather than retry forever
        await this.deadlines.retire(m, deadline.id);
        return { fired: false };
      }
      const { published } = await this.commit(m, n, event, on);
      await alsoInTransaction?.(m);
      return { fired: true, published };
    });
    if (published) this.publications.announce(published);
    return fired;
  }

  /** prepare → transition → record → write, for an authorised event on the loaded row. */
  private async commit<E extends EventType>(
    m: EntityManager,
    n: Negotiation,
    event: Sent<E> | Fired,
    today = dateIn(this.clock.now(), this.config.TZ_NAME),
  ): Promise<{ negotiation: Negotiation; rounds: UnitRounds; published?: Agreement }> {
    const at = this.clock.now();
    const sender = 'user' in event ? event : null;
    const relation = sender?.relation ?? null;
    // facts from other rows the machine's guards read (has everyone on the ballot's roll voted?)
    const facts = await this.events.facts(m, n);
    const asMachineSees = { ...machineEvent(event.type, event.payload, relation, at, today), ...facts };
    if (!procedureAllows(n, asMachineSees)) throw this.notAllowed(n, relation, `${event.type} is not allowed in state ${n.state}${whyNot(n, event.type, facts)}`, facts);

    // prepare: the event's substance (422) and what it will record and write
    const rounds = new UnitRounds(m, n.id, (n.context as { round?: number }).round);
    const plan: Plan = sender
      ? await this.events.plan(sender.type, {
          manager: m,
          negotiation: n,
          payload: sender.payload,
          user: sender.user,
          relation: sender.relation,
          at,
          today,
          rounds,
        })
      : await this.events.planFired(event.type, { manager: m, negotiation: n, at });
    const recorded = { ...plan.recorded, ...(plan.opens ? { openedNegotiationId: plan.opens.id } : {}) };

    // transition, record
    const after = next(n, { ...asMachineSees, ...plan.machine });
    const user = sender?.user ?? null;
    const link = this.audit.link(
      { seq: n.auditSeq, head: n.auditHead },
      {
        negotiationId: n.id,
        type: event.type,
        actorId: plan.anonymous ? ANONYMOUS_WORKER : (user?.id ?? 'system'),
        role: user?.role ?? 'system',
        at: at.toISOString(),
        payload: { ...event.payload, ...plan.machine, ...recorded, from: n.state, to: after.state },
      },
    );

    // write
    const written: Negotiation = {
      ...n,
      state: after.state,
      context: after.context,
      version: n.version + 1,
      auditSeq: link.seq,
      auditHead: link.hash,
      updatedAt: at.toISOString(),
    };
    const { state, context, version, auditSeq, auditHead, updatedAt } = written;
    const updated = await updateRows(m, Negotiation, { state, context, version, auditSeq, auditHead, updatedAt }, 'id = ? AND version = ?', [n.id, n.version]);
    if (updated !== 1) throw this.stale(n, relation);
    await this.audit.append(m, link);
    const published = (await plan.write?.({ state: after.state, context: after.context, auditHead: link.hash })) ?? undefined;
    if (after.state !== n.state) await this.deadlines.enter(m, n, after.state, at, plan.clocks, { procedureEnded: isFinal(n.kind, after.state) });
    if (plan.opens && user) await this.opening.open(m, user, plan.opens);
    // work done at publication (the ledger's commitments) may have extended the chain: read the row it left
    return { negotiation: published ? await m.findOneByOrFail(Negotiation, { id: n.id }) : written, rounds, published };
  }

  /**
   * `known`: the caller's relation, when the pipeline has just loaded it and the event seated
   * nobody; `rounds`: the rounds the event's unit read and wrote.
   */
  async viewFor(m: EntityManager, user: AuthUser, n: Negotiation, known?: Relation, rounds?: UnitRounds): Promise<NegotiationView> {
    const relation = known ?? (await relationOf(m, user, n));
    const at = this.clock.now();
    const can = relation ? allowedEvents(n, relation, at, dateIn(at, this.config.TZ_NAME), await this.events.facts(m, n)) : [];
    return this.views.build(m, n, can, rounds);
  }

  /** What every 409 carries: the state, and what the caller may send in it now. */
  private standing(n: Negotiation, relation: Relation | null, facts: object = {}): { state: string; allowed: EventType[] } {
    const at = this.clock.now();
    return { state: n.state, allowed: relation ? allowedEvents(n, relation, at, dateIn(at, this.config.TZ_NAME), facts) : [] };
  }

  /** `facts`: what the machine's guards read from other rows (NegotiationEvents.facts), where the caller has them. */
  private notAllowed(n: Negotiation, relation: Relation | null, message: string, facts?: object): DomainError {
    return new DomainError(409, 'NEGOTIATION.EVENT_NOT_ALLOWED', message, this.standing(n, relation, facts));
  }

  /** A 409 like the others (`state`, `allowed`), with the version to retry with. */
  private stale(n: Negotiation, relation: Relation | null): DomainError {
    return new DomainError(409, 'NEGOTIATION.STALE_VERSION', `the negotiation has changed (version is now ${n.version}); reload and retry`, {
      ...this.standing(n, relation),
      version: n.version,
    });
  }
}

/**
 * What a refused event waits for, where the procedure says: the 409's message names it (the code
 * and `allowed` stay those of every refusal of the state).
 */
function whyNot(n: Negotiation, type: string, facts: { everyoneVoted?: unknown }): string {
  const vacant = (n.context as { vacantSeats?: string[] }).vacantSeats ?? [];
  if ((type === 'OFFER' || type === 'ACCEPT') && vacant.length) return `: a seat of the ${[...new Set(vacant)].join(' and the ')} side is vacant until it is filled (art. 31)`;
  if (type === 'CLOSE_BALLOT' && facts.everyoneVoted === false) return ': a ballot closes early only once everyone on the roll has voted, else at its deadline';
  return '';
}
