import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock } from '../common/clock';
import { Deadline } from './deadline.entity';
import { PlannedDeadline } from './deadline-plan';
import { DeadlineKind } from './rule-pack';

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
}
