import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BackgroundPass } from '../common/background-pass';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { NegotiationsService } from '../negotiations/negotiations.service';
import { Deadline } from './deadline.entity';
import { DeadlineNotifier } from './deadline-notifier';

const DAY_MS = 24 * 3600 * 1000;
/** Advance warnings, in days before a deadline falls due (issue 4: 3 days and 1 day). */
export const WARNING_DAYS = [3, 1] as const;

/**
 * Fires due deadlines as ordinary machine events sent by actor `system`. Rows, not timers: a
 * restart loses nothing (the first sweep runs at start-up), and each row is claimed with
 * `UPDATE … WHERE fired_at IS NULL`, so two instances never fire one twice.
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineSweeper');
  private readonly background = new BackgroundPass(() => this.sweep(), this.logger);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly negotiations: NegotiationsService,
    private readonly notifier: DeadlineNotifier,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.SWEEP_INTERVAL_MS === 0) return;
    await this.sweep();
    this.background.every(this.config.SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.background.stop();
  }

  /** One pass: fire what is due, then send the advance warnings now owed. */
  async sweep(): Promise<{ fired: number; warned: number }> {
    const now = this.clock.now();
    const due = await this.dataSource
      .getRepository(Deadline)
      .createQueryBuilder('d')
      .where('d.fired_at IS NULL AND d.cleared_at IS NULL AND d.due_at <= :now', { now: now.toISOString() })
      .orderBy('d.due_at', 'ASC')
      .getMany();
    let fired = 0;
    for (const deadline of due) {
      try {
        // the people responsible are told in the same transaction: never fired but untold
        if (await this.negotiations.fireDeadline(deadline, (m) => this.notifier.passed(m, deadline))) fired++;
      } catch (error) {
        this.logger.error(`deadline ${deadline.id} (${deadline.kind}) did not fire: ${(error as Error).message}`);
      }
    }
    return { fired, warned: await this.warn(now) };
  }

  private async warn(now: Date): Promise<number> {
    const horizon = new Date(now.getTime() + Math.max(...WARNING_DAYS) * DAY_MS).toISOString();
    const upcoming = await this.dataSource
      .getRepository(Deadline)
      .createQueryBuilder('d')
      .where('d.fired_at IS NULL AND d.cleared_at IS NULL AND d.due_at > :now AND d.due_at <= :horizon', { now: now.toISOString(), horizon })
      .getMany();
    let warned = 0;
    for (const deadline of upcoming) {
      const daysLeft = (new Date(deadline.dueAt).getTime() - now.getTime()) / DAY_MS;
      // the closest warning owed; earlier ones that were missed are not sent late
      const owed = WARNING_DAYS.filter((days) => daysLeft <= days).at(-1);
      if (owed === undefined || deadline.warningsSent.some((sent) => sent <= owed)) continue;
      if (await this.notifier.warn(deadline, owed)) warned++;
    }
    return warned;
  }
}
