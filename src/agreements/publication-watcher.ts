import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BackgroundPass } from '../common/background-pass';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Agreement } from './agreement.entity';
import { PublicationBus } from './publication-bus';

/** Publications committed a little before the last look are looked at again (commit order ≠ clock order). */
const OVERLAP_MS = 5_000;

/**
 * With several instances on one database, a worker's SSE connection may sit on an instance
 * that did not publish: every PUBLICATION_POLL_MS each instance reads the publications since
 * its last look and announces those it has not announced yet.
 */
@Injectable()
export class PublicationWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly background = new BackgroundPass(() => this.look(), new Logger('PublicationWatcher'));
  private since: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: PublicationBus,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.since = this.clock.now().toISOString();
  }

  onApplicationBootstrap(): void {
    if (this.config.PUBLICATION_POLL_MS > 0) this.background.every(this.config.PUBLICATION_POLL_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.background.stop();
  }

  /** Announces publications since the last look; returns how many it read. */
  async look(): Promise<number> {
    const from = new Date(new Date(this.since).getTime() - OVERLAP_MS).toISOString();
    const now = this.clock.now().toISOString();
    const recent = await this.dataSource
      .getRepository(Agreement)
      .createQueryBuilder('a')
      .where('a.published_at >= :from', { from })
      .orderBy('a.published_at', 'ASC')
      .getMany();
    // only a look that succeeded moves the mark: a failed one is looked at again next time
    this.since = now;
    recent.forEach((agreement) => this.bus.emit(agreement));
    return recent.length;
  }
}
