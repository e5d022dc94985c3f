import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { selectRows } from '../database/rows';
import { Clock } from '../common/clock';
import { Deadline } from './deadline.entity';
import { AppConfig } from '../config/app-config';
import { AgreedDates, PlannedDeadline, deadlinesOnEntering } from './deadline-plan';
import { periodEnd } from './due-at';
import { DeadlineKind, RulePackKey, RulePacks } from './rule-pack';
import { AuthUser } from '../accounts/auth-user';
import { Notification } from './notification.entity';

export interface DeadlineView {
  kind: DeadlineKind;
  dueAt: string;
  overdue: boolean;
  /** Present when the end was counted on weekends only: the holiday calendar lacked that year. */
  calendar?: 'weekends_only';
}

/** Clocks that run across changes of state: they stop only when what they wait for happens, or the procedure ends. */
const OUTLIVE_STATES: DeadlineKind[] = ['seatVacancy'];

export const calendarOf = (row: { calendar: string | null }) => (row.calendar === 'weekends_only' ? { calendar: 'weekends_only' as const } : {});

@Injectable()
export class DeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly packs: RulePacks,
  ) {}

  /**
   * A negotiation entered `state` (or was opened in it): stop the old state's clocks and start
   * the new state's from the region's rule pack, in the caller's transaction. Clocks that
   * outlive states (a vacant seat's) stop only when the procedure ends; clocks of one
   * commitment or complaint (a subject) run whatever the state.
   */
  async enter(
    manager: EntityManager,
    negotiation: { id: string; kind: 'collective_contract' | 'rule_change'; region: string },
    state: string,
    at: Date,
    agreed: AgreedDates = {},
    options: { procedureEnded?: boolean } = {},
  ): Promise<void> {
    const pack = this.packs.forRegion(negotiation.region);
    const planned = deadlinesOnEntering({ kind: negotiation.kind, state, at, pack, zone: this.config.TZ_NAME, ...agreed });
    const now = this.clock.now().toISOString();
    const qb = manager
      .createQueryBuilder()
      .update(Deadline)
      .set({ clearedAt: now })
      .where('negotiation_id = :negotiationId AND cleared_at IS NULL AND subject_id IS NULL', { negotiationId: negotiation.id });
    if (!options.procedureEnded) qb.andWhere('kind NOT IN (:...outlive)', { outlive: OUTLIVE_STATES });
    await qb.execute();
    await this.start(manager, negotiation.id, planned);
  }

  /** Starts clocks without stopping any (a seat falling vacant starts its own, art. 31). */
  async start(manager: EntityManager, negotiationId: string, planned: PlannedDeadline[]): Promise<void> {
    await this.insert(manager, negotiationId, planned, null);
  }

  /** Starts the clock of one subject (a commitment, a complaint) on the negotiation it belongs to. */
  async startFor(manager: EntityManager, negotiationId: string, subjectId: string, planned: PlannedDeadline): Promise<void> {
    await this.insert(manager, negotiationId, [planned], subjectId);
  }

  /** The subject was dealt with: its clock stops and will not fire. */
  async clearSubject(manager: EntityManager, subjectId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Deadline)
      .set({ clearedAt: this.clock.now().toISOString() })
      .where('subject_id = :subjectId AND cleared_at IS NULL', { subjectId })
      .execute();
  }

  private async insert(manager: EntityManager, negotiationId: string, planned: PlannedDeadline[], subjectId: string | null): Promise<void> {
    if (planned.length === 0) return;
    const now = this.clock.now().toISOString();
    await manager
      .createQueryBuilder()
      .insert()
      .into(Deadline)
      .values(
        planned.map((p) => ({
          id: randomUUID(),
          negotiationId,
          subjectId,
          kind: p.kind,
          dueAt: p.dueAt.toISOString(),
          firedAt: null,
          clearedAt: null,
          warningsSent: [],
          calendar: p.calendar === 'weekends_only' ? p.calendar : null,
          createdAt: now,
        })),
      )
      .execute();
  }

  /**
   * An event (not a state) starts a period of the rule pack: REQUEST_INFORMATION's. It runs
   * until `stop`, or until the negotiation leaves the state (enter() clears it).
   */
  async startPeriod(manager: EntityManager, negotiation: { id: string; region: string }, kind: DeadlineKind & RulePackKey, at: Date): Promise<void> {
    await this.stop(manager, negotiation.id, kind);
    const due = periodEnd(at, this.packs.forRegion(negotiation.region)[kind], this.config.TZ_NAME);
    await this.start(manager, negotiation.id, [{ kind, ...due }]);
  }

  /** A clock that runs to an agreed instant (a ballot's close at the end of its closesOn). */
  async startUntil(manager: EntityManager, negotiationId: string, kind: DeadlineKind, due: Date): Promise<void> {
    await this.stop(manager, negotiationId, kind);
    await this.start(manager, negotiationId, [{ kind, dueAt: due }]);
  }

  /** Stops a running clock of this kind (what it waited for has happened). */
  async stop(manager: EntityManager, negotiationId: string, kind: DeadlineKind): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Deadline)
      .set({ clearedAt: this.clock.now().toISOString() })
      .where('negotiation_id = :negotiationId AND kind = :kind AND cleared_at IS NULL', { negotiationId, kind })
      .execute();
  }

  /** Stops the oldest running clock of a kind (a vacancy filled stops one seatVacancy clock). */
  async clearOne(manager: EntityManager, negotiationId: string, kind: DeadlineKind): Promise<void> {
    const row = await manager.findOne(Deadline, { where: { negotiationId, kind, clearedAt: IsNull() }, order: { createdAt: 'ASC' } });
    if (row) await this.retire(manager, row.id);
  }

  /** Takes a due deadline for firing: true for exactly one caller, however many sweepers race. */
  async claim(manager: EntityManager, id: string): Promise<boolean> {
    const claimed = await manager
      .createQueryBuilder()
      .update(Deadline)
      .set({ firedAt: this.clock.now().toISOString() })
      .where('id = :id AND fired_at IS NULL AND cleared_at IS NULL', { id })
      .execute();
    return claimed.affected === 1;
  }

  /** A clock that outlived its state: stopped, so it is not retried forever. */
  async retire(manager: EntityManager, id: string): Promise<void> {
    await manager.createQueryBuilder().update(Deadline).set({ clearedAt: this.clock.now().toISOString() }).where('id = :id', { id }).execute();
  }

  /**
   * EXTEND: the bureau lengthens the running coordination period by `days`. The period is
   * counted again from its start, so 民法典 art. 203 applies to the longer period's own last day.
   */
  async extend(manager: EntityManager, negotiation: { id: string; region: string }, kind: 'coordination', days: number): Promise<void> {
    const row = await manager.findOne(Deadline, { where: { negotiationId: negotiation.id, kind, clearedAt: IsNull() } });
    if (!row) return;
    const period = this.packs.forRegion(negotiation.region)[kind].plus({ days });
    const due = periodEnd(new Date(row.createdAt), period, this.config.TZ_NAME);
    await manager
      .createQueryBuilder()
      .update(Deadline)
      .set({ dueAt: due.dueAt.toISOString(), calendar: due.calendar === 'weekends_only' ? due.calendar : null })
      .where('id = :id', { id: row.id })
      .execute();
  }

  /** The running clocks of one negotiation, soonest first. */
  async running(negotiationId: string, manager: EntityManager = this.dataSource.manager): Promise<DeadlineView[]> {
    // sorted here: the few rows of one negotiation, where SQLite's sorter for an ORDER BY took
    // 7 µs of every view (every OFFER) for none or two of them
    const rows = (await selectRows(manager, Deadline, 'negotiation_id = ? AND cleared_at IS NULL', [negotiationId])).sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
    const now = this.clock.now().toISOString();
    return rows.map((row) => ({ kind: row.kind, dueAt: row.dueAt, overdue: row.dueAt < now, ...calendarOf(row) }));
  }

  notifications(user: AuthUser): Promise<Notification[]> {
    return this.dataSource.getRepository(Notification).find({ where: { userId: user.id }, order: { createdAt: 'DESC' }, take: 100 });
  }
}
