import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock } from '../common/clock';
import { Deadline } from './deadline.entity';
import { PlannedDeadline } from './deadline-plan';
import { DeadlineKind } from './rule-pack';
import { AuthUser } from '../accounts/auth-user';
import { partyCondition } from '../negotiations/negotiation-access';
import { Negotiation } from '../negotiations/negotiation.entity';
import { Notification } from './notification.entity';

export interface DeadlineListItem {
  negotiationId: string;
  title: string;
  kind: DeadlineKind;
  dueAt: string;
  overdue: boolean;
}

export interface DeadlineView {
  kind: DeadlineKind;
  dueAt: string;
  overdue: boolean;
}

@Injectable()
export class DeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** On a change of state: stop the old state's clocks, start the new state's, in the same transaction. */
  async replace(manager: EntityManager, negotiationId: string, planned: PlannedDeadline[]): Promise<void> {
    const now = this.clock.now().toISOString();
    await manager
      .createQueryBuilder()
      .update(Deadline)
      .set({ clearedAt: now })
      .where('negotiation_id = :negotiationId AND cleared_at IS NULL', { negotiationId })
      .execute();
    if (planned.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(Deadline)
      .values(
        planned.map((p) => ({
          id: randomUUID(),
          negotiationId,
          kind: p.kind,
          dueAt: p.dueAt.toISOString(),
          firedAt: null,
          clearedAt: null,
          warningsSent: [],
          createdAt: now,
        })),
      )
      .execute();
  }

  /** EXTEND: the bureau adds days to the running coordination period. */
  async extend(manager: EntityManager, negotiationId: string, kind: DeadlineKind, days: number): Promise<void> {
    const row = await manager.findOne(Deadline, { where: { negotiationId, kind, clearedAt: IsNull() } });
    if (!row) return;
    const dueAt = new Date(new Date(row.dueAt).getTime() + days * 24 * 3600 * 1000).toISOString();
    await manager.createQueryBuilder().update(Deadline).set({ dueAt }).where('id = :id', { id: row.id }).execute();
  }

  /** The running clocks of one negotiation, soonest first. */
  async running(negotiationId: string, manager: EntityManager = this.dataSource.manager): Promise<DeadlineView[]> {
    const rows = await manager.find(Deadline, { where: { negotiationId, clearedAt: IsNull() }, order: { dueAt: 'ASC' } });
    const now = this.clock.now().toISOString();
    return rows.map((row) => ({ kind: row.kind, dueAt: row.dueAt, overdue: row.dueAt < now }));
  }

  /**
   * The caller's running clocks across negotiations: upcoming within `dueWithinDays`, and/or
   * already overdue; with neither filter, all of them.
   */
  async forUser(user: AuthUser, filter: { dueWithinDays?: number; overdue?: boolean }): Promise<DeadlineListItem[]> {
    const party = partyCondition(user);
    if (party === 'none') return [];
    const now = this.clock.now();
    const qb = this.dataSource
      .getRepository(Deadline)
      .createQueryBuilder('d')
      .innerJoin(Negotiation, 'n', 'n.id = d.negotiation_id')
      .select(['d.negotiation_id AS "negotiationId"', 'n.title AS "title"', 'd.kind AS "kind"', 'd.due_at AS "dueAt"'])
      .where('d.cleared_at IS NULL')
      .orderBy('d.due_at', 'ASC');
    if (party !== 'all') qb.andWhere(party.where, party.params);
    const windows: string[] = [];
    if (filter.overdue) windows.push('d.due_at <= :now');
    if (filter.dueWithinDays !== undefined) windows.push('(d.due_at > :now AND d.due_at <= :horizon)');
    if (windows.length)
      qb.andWhere(`(${windows.join(' OR ')})`, {
        now: now.toISOString(),
        horizon: new Date(now.getTime() + (filter.dueWithinDays ?? 0) * 24 * 3600 * 1000).toISOString(),
      });
    const rows = await qb.getRawMany<Omit<DeadlineListItem, 'overdue'>>();
    return rows.map((r) => ({ ...r, overdue: r.dueAt <= now.toISOString() }));
  }

  notifications(user: AuthUser): Promise<Notification[]> {
    return this.dataSource.getRepository(Notification).find({ where: { userId: user.id }, order: { createdAt: 'DESC' }, take: 100 });
  }
}
