import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { Organization } from '../accounts/organization.entity';
import { BackgroundPass } from '../common/background-pass';
import { Clock } from '../common/clock';
import { checkDestination, DestinationPolicy, HOST_RESOLVER, HostResolver, postToDestination } from '../common/outbound-request';
import { Transactions } from '../database/transactions';
import { AppConfig } from '../config/app-config';
import { Agreement } from './agreement.entity';
import { toAgreementView } from './agreements.service';
import { PublicationBus } from './publication-bus';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './webhook-signature';
import { DeliveryAttempt, WebhookDelivery } from './webhook-delivery.entity';

/** Retry with exponential back-off: 10 s, 20 s, 40 s … for 8 attempts (about 21 minutes). */
export const WEBHOOK_RETRY = { attempts: 8, firstDelayMs: 10_000, timeoutMs: 5_000 } as const;

/**
 * Sends queued publication webhooks, signed, and retries failures from their rows, recording
 * every attempt. It runs apart from publishing: a failing platform never blocks or undoes it.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly background = new BackgroundPass(() => this.deliverDue(), this.logger);
  private subscription?: Subscription;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly bus: PublicationBus,
    private readonly tx: Transactions,
    @Inject(HOST_RESOLVER) private readonly resolve: HostResolver,
  ) {}

  /** Production posts only over https to public addresses; development and tests also to localhost. */
  private get policy(): DestinationPolicy {
    return { requireHttps: this.config.isProduction, allowPrivate: !this.config.isProduction };
  }

  onApplicationBootstrap(): void {
    this.subscription = this.bus.publications.subscribe(() => this.background.kick());
    if (this.config.SWEEP_INTERVAL_MS > 0) this.background.every(this.config.SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    return this.background.stop();
  }

  /** Sends every delivery that is due; returns how many were attempted. */
  async deliverDue(): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where("d.status = 'pending' AND d.next_attempt_at <= :now", { now: now.toISOString() })
      .orderBy('d.next_attempt_at', 'ASC')
      .getMany();
    let attempted = 0;
    for (const delivery of due) if (await this.claim(delivery, now)) attempted += await this.attempt(delivery).then(() => 1);
    return attempted;
  }

  /** A short lease, so a second instance does not send the same delivery at the same time. */
  private async claim(delivery: WebhookDelivery, now: Date): Promise<boolean> {
    const lease = new Date(now.getTime() + 2 * WEBHOOK_RETRY.timeoutMs).toISOString();
    const result = await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .update(WebhookDelivery)
      .set({ nextAttemptAt: lease })
        .where("id = :id AND status = 'pending' AND next_attempt_at = :seen", { id: delivery.id, seen: delivery.nextAttemptAt })
        .execute(),
    );
    return result.affected === 1;
  }

  private async attempt(delivery: WebhookDelivery): Promise<void> {
    const [enterprise, agreement] = await Promise.all([
      this.dataSource.getRepository(Organization).findOneByOrFail({ id: delivery.enterpriseId }),
      this.dataSource.getRepository(Agreement).findOneByOrFail({ id: delivery.agreementId }),
    ]);
    const at = this.clock.now();
    const attempt: DeliveryAttempt = { at: at.toISOString(), status: null, error: null };
    if (!enterprise.webhookUrl || !enterprise.webhookSecret) attempt.error = 'no webhook configured';
    else {
      const body = JSON.stringify({ event: 'publication', deliveryId: delivery.id, agreement: toAgreementView(agreement) });
      const timestamp = Math.floor(at.getTime() / 1000);
      try {
        // resolved and checked now, not when the URL was set: a name may start resolving elsewhere
        const destination = await checkDestination(enterprise.webhookUrl, this.policy, this.resolve);
        const headers = {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(enterprise.webhookSecret, timestamp, body),
        };
        const response = await postToDestination(destination, headers, body, WEBHOOK_RETRY.timeoutMs);
        attempt.status = response.status;
        // a redirect would re-send the signed body wherever the platform says: a failed attempt
        if (response.status >= 300 && response.status < 400) attempt.error = `redirect to ${response.location ?? '(no Location)'} not followed`;
      } catch (error) {
        attempt.error = (error as Error).message;
      }
    }
    const attempts = [...delivery.attempts, attempt];
    const delivered = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
    const gaveUp = !delivered && attempts.length >= WEBHOOK_RETRY.attempts;
    const retryAt = new Date(at.getTime() + WEBHOOK_RETRY.firstDelayMs * 2 ** (attempts.length - 1)).toISOString();
    await this.tx.run((m) =>
      m.update(
        WebhookDelivery,
        { id: delivery.id },
        { attempts, status: delivered ? 'delivered' : gaveUp ? 'failed' : 'pending', nextAttemptAt: delivered || gaveUp ? at.toISOString() : retryAt },
      ),
    );
  }
}
