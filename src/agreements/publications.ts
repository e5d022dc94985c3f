import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Agreement } from './agreement.entity';
import { PublicationBus } from './publication-bus';
import { WebhookQueue } from './webhook-queue';

/**
 * Work another module does when something is published, in the publishing transaction (it
 * commits or rolls back with the publication). Register it once, at start-up, from the
 * module's own provider: `onModuleInit() { publications.alsoOnPublish((m, a) => …) }`.
 */
export type PublicationStep = (manager: EntityManager, agreement: Agreement) => Promise<void>;

/**
 * 公示: the one writer of agreement rows. One row whatever the number of workers covered
 * (fan-out-on-read), the webhook deliveries queued beside it, then every registered step.
 */
@Injectable()
export class Publications {
  private readonly steps: PublicationStep[] = [];

  constructor(
    private readonly webhooks: WebhookQueue,
    private readonly bus: PublicationBus,
  ) {}

  alsoOnPublish(step: PublicationStep): void {
    this.steps.push(step);
  }

  /** Writes the publication in the caller's transaction; announce() it once that has committed. */
  async publish(manager: EntityManager, agreement: Agreement): Promise<Agreement> {
    await manager.createQueryBuilder().insert().into(Agreement).values(agreement).execute();
    await this.webhooks.enqueue(manager, agreement, new Date(agreement.publishedAt));
    for (const step of this.steps) await step(manager, agreement);
    return agreement;
  }

  /** Live delivery (SSE, webhooks) of a committed publication: nobody hears of a rolled-back one. */
  announce(agreement: Agreement): void {
    this.bus.emit(agreement);
  }
}
