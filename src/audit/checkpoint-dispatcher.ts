import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Organization } from '../accounts/organization.entity';
import { WEBHOOK_RETRY } from '../agreements/webhook-dispatcher';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from '../agreements/webhook-signature';
import type { DeliveryAttempt } from '../agreements/webhook-delivery.entity';
import { BackgroundPass } from '../common/background-pass';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { CheckpointDelivery } from './checkpoint-delivery.entity';
import { Checkpoints, signedPart } from './checkpoints.service';

/**
 * Sends each checkpoint to every bureau with a webhook, signed as publication webhooks are
 * (HMAC over `<timestamp>.<body>`, src/agreements/webhook-signature.ts), with the same
 * retries; every attempt is recorded. Redirects are not followed: a 3xx is a failed attempt.
 * Body: { "event": "checkpoint", "deliveryId", "checkpoint": { seq, at, root, heads, signature }, "publicKey" }.
 */
@Injectable()
export class CheckpointDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly background = new BackgroundPass(() => this.deliverDue(), new Logger('CheckpointDispatcher'));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly checkpoints: Checkpoints,
  ) {}

  onApplicationBootstrap(): void {
    this.checkpoints.onQueued = () => this.background.kick();
    if (this.config.SWEEP_INTERVAL_MS > 0) this.background.every(this.config.SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.background.stop();
  }

  async deliverDue(): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource
      .getRepository(CheckpointDelivery)
      .createQueryBuilder('d')
      .where("d.status = 'pending' AND d.next_attempt_at <= :now", { now: now.toISOString() })
      .orderBy('d.next_attempt_at', 'ASC')
      .getMany();
    let attempted = 0;
    for (const delivery of due)
      if (await this.claim(delivery, now)) {
        await this.attempt(delivery);
        attempted++;
      }
    return attempted;
  }

  private async claim(delivery: CheckpointDelivery, now: Date): Promise<boolean> {
    const lease = new Date(now.getTime() + 2 * WEBHOOK_RETRY.timeoutMs).toISOString();
    const result = await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .update(CheckpointDelivery)
        .set({ nextAttemptAt: lease })
        .where("id = :id AND status = 'pending' AND next_attempt_at = :seen", { id: delivery.id, seen: delivery.nextAttemptAt })
        .execute(),
    );
    return result.affected === 1;
  }

  private async attempt(delivery: CheckpointDelivery): Promise<void> {
    const bureau = await this.dataSource.getRepository(Organization).findOneByOrFail({ id: delivery.organizationId });
    const checkpoint = await this.checkpoints.find(delivery.checkpointSeq);
    const at = this.clock.now();
    const attempt: DeliveryAttempt = { at: at.toISOString(), status: null, error: null };
    if (!bureau.webhookUrl || !bureau.webhookSecret) attempt.error = 'no webhook configured';
    else {
      const { publicKey } = await this.checkpoints.publicKey();
      const body = JSON.stringify({ event: 'checkpoint', deliveryId: delivery.id, checkpoint: signedPart(checkpoint), publicKey });
      const timestamp = Math.floor(at.getTime() / 1000);
      try {
        const response = await fetch(bureau.webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [TIMESTAMP_HEADER]: String(timestamp),
            [SIGNATURE_HEADER]: signWebhook(bureau.webhookSecret, timestamp, body),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(WEBHOOK_RETRY.timeoutMs),
        });
        attempt.status = response.status;
      } catch (error) {
        attempt.error = (error as Error).message;
      }
    }
    const attempts = [...delivery.attempts, attempt];
    const delivered = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
    const gaveUp = !delivered && attempts.length >= WEBHOOK_RETRY.attempts;
    const retryAt = new Date(at.getTime() + WEBHOOK_RETRY.firstDelayMs * 2 ** (attempts.length - 1)).toISOString();
    await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .update(CheckpointDelivery)
        .set({ attempts: attempts as never, status: delivered ? 'delivered' : gaveUp ? 'failed' : 'pending', nextAttemptAt: delivered || gaveUp ? at.toISOString() : retryAt })
        .where('id = :id', { id: delivery.id })
        .execute(),
    );
  }
}
