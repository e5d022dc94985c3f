import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../accounts/auth-user';
import { Clock } from '../common/clock';
import { partyCondition } from '../negotiations/negotiation-access';
import { Negotiation } from '../negotiations/negotiation.entity';
import { Deadline } from './deadline.entity';
import { calendarOf } from './deadlines.service';
import { DeadlineKind } from './rule-pack';

export interface DeadlineListItem {
  negotiationId: string;
  title: string;
  kind: DeadlineKind;
  dueAt: string;
  overdue: boolean;
  /** Present when the end was counted on weekends only: the holiday calendar lacked that year. */
  calendar?: 'weekends_only';
}

/**
 * `GET /api/deadlines`: clocks across the negotiations a caller is party to. It reads who is
 * party from negotiations, so it sits in the sweeper's module, above both.
 */
@Injectable()
export class DeadlineLists {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The caller's running clocks across negotiations: upcoming within `dueWithinDays`, and/or
   * already overdue (`overdue: true`); `overdue: false` leaves the overdue ones out; with
   * neither filter, all of them.
   */
  async forUser(user: AuthUser, filter: { dueWithinDays?: number; overdue?: boolean }): Promise<DeadlineListItem[]> {
    const party = partyCondition(user);
    if (party === 'none') return [];
    const now = this.clock.now();
    const qb = this.dataSource
      .getRepository(Deadline)
      .createQueryBuilder('d')
      .innerJoin(Negotiation, 'n', 'n.id = d.negotiation_id')
      .select(['d.negotiation_id AS "negotiationId"', 'n.title AS "title"', 'd.kind AS "kind"', 'd.due_at AS "dueAt"', 'd.calendar AS "calendar"'])
      .where('d.cleared_at IS NULL')
      .orderBy('d.due_at', 'ASC');
    if (party !== 'all') qb.andWhere(party.where, party.params);
    const windows: string[] = [];
    if (filter.overdue) windows.push('d.due_at <= :now');
    if (filter.dueWithinDays !== undefined) windows.push('(d.due_at > :now AND d.due_at <= :horizon)');
    // overdue=false on its own: every deadline still ahead, none already past
    else if (filter.overdue === false) windows.push('d.due_at > :now');
    if (windows.length)
      qb.andWhere(`(${windows.join(' OR ')})`, {
        now: now.toISOString(),
        horizon: new Date(now.getTime() + (filter.dueWithinDays ?? 0) * 24 * 3600 * 1000).toISOString(),
      });
    const rows = await qb.getRawMany<Omit<DeadlineListItem, 'overdue' | 'calendar'> & { calendar: string | null }>();
    return rows.map(({ calendar, ...r }) => ({ ...r, overdue: r.dueAt <= now.toISOString(), ...calendarOf({ calendar }) }));
  }
}
