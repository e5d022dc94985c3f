import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityTarget } from 'typeorm';
import { Organization } from '../accounts/organization.entity';
import { Clock } from '../common/clock';
import { checkDestination, DestinationPolicy, HOST_RESOLVER, HostResolver, postToDestination } from '../common/outbound-request';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import type { DeliveryAttempt } from './webhook-delivery.entity';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './webhook-signature';

/** Retry with exponential back-off: 10 s, 20 s, 40 s … for 8 attempts (about 21 minutes). */
export const WEBHOOK_RETRY = { attempts: 8, firstDelayMs: 10_000, timeoutMs: 5_000 } as const;

/** A row of a delivery table: one message to one organisation's webhook, with every attempt so far. */
export interface DeliveryRow {
  id: string;
  /** pending → delivered | failed (gave up after the last attempt). */
  status: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: string;
  attempts: DeliveryAttempt[];
}

/** One kind of webhook (publications, checkpoints): its table, whose webhook a row goes to, and what it says. */
export interface WebhookKind<Row extends DeliveryRow> {
  table: EntityTarget<Row>;
  recipientId(delivery: Row): string;
  /** The JSON body, built at each attempt. */
  body(delivery: Row): Promise<string>;
}

/**
 * The one delivery loop of every webhook: claims the due rows of a kind's table, signs each
 * body (HMAC over `<timestamp>.<body>`, webhook-signature.ts), posts it through
 * outbound-request (the host resolved and checked at every attempt, the checked address
 * connected to, no redirect followed), and records the attempt: delivered, retried with
 * back-off, or given up. Each caller's rows are its own table; this writes only their status.
 */
@Injectable()
export class WebhookSender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(HOST_RESOLVER) private readonly resolve: HostResolver,
  ) {}

  /** Production posts only over https to public addresses; development and tests also to localhost. */
  private get policy(): DestinationPolicy {
    return { requireHttps: this.config.isProduction, allowPrivate: !this.config.isProduction };
  }

  /** Sends every delivery of this kind that is due; returns how many were attempted. */
  async deliverDue<Row extends DeliveryRow>(kind: WebhookKind<Row>): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource
      .getRepository(kind.table)
      .createQueryBuilder('d')
      .where("d.status = 'pending' AND d.next_attempt_at <= :now", { now: now.toISOString() })
      .orderBy('d.next_attempt_at', 'ASC')
      .getMany();
    let attempted = 0;
    for (const delivery of due)
      if (await this.claim(kind, delivery, now)) {
        await this.attempt(kind, delivery);
        attempted++;
      }
    return attempted;
  }

  /** A short lease, so a second instance does not send the same delivery at the same time. */
  private async claim<Row extends DeliveryRow>(kind: WebhookKind<Row>, delivery: Row, now: Date): Promise<boolean> {
    const lease = new Date(now.getTime() + 2 * WEBHOOK_RETRY.timeoutMs).toISOString();
    const result = await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .update<DeliveryRow>(kind.table)
        .set({ nextAttemptAt: lease })
        .where("id = :id AND status = 'pending' AND next_attempt_at = :seen", { id: delivery.id, seen: delivery.nextAttemptAt })
        .execute(),
    );
    return result.affected === 1;
  }

  private async attempt<Row extends DeliveryRow>(kind: WebhookKind<Row>, delivery: Row): Promise<void> {
    const recipient = await this.dataSource.getRepository(Organization).findOneByOrFail({ id: kind.recipientId(delivery) });
    const at = this.clock.now();
    const attempt: DeliveryAttempt =
      recipient.webhookUrl && recipient.webhookSecret
        ? await this.send(recipient.webhookUrl, recipient.webhookSecret, await kind.body(delivery), at)
        : { at: at.toISOString(), status: null, error: 'no webhook configured' };
    const attempts = [...delivery.attempts, attempt];
    const delivered = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
    const gaveUp = !delivered && attempts.length >= WEBHOOK_RETRY.attempts;
    const retryAt = new Date(at.getTime() + WEBHOOK_RETRY.firstDelayMs * 2 ** (attempts.length - 1)).toISOString();
    const status: DeliveryRow['status'] = delivered ? 'delivered' : gaveUp ? 'failed' : 'pending';
    await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .update<DeliveryRow>(kind.table)
        .set({ attempts, status, nextAttemptAt: delivered || gaveUp ? at.toISOString() : retryAt })
        .where('id = :id', { id: delivery.id })
        .execute(),
    );
  }

  private async send(url: string, secret: string, body: string, at: Date): Promise<DeliveryAttempt> {
    const attempt: DeliveryAttempt = { at: at.toISOString(), status: null, error: null };
    const timestamp = Math.floor(at.getTime() / 1000);
    try {
      // resolved and checked now, not when the URL was set: a name may start resolving elsewhere
      const destination = await checkDestination(url, this.policy, this.resolve);
      const headers = {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
      };
      const response = await postToDestination(destination, headers, body, WEBHOOK_RETRY.timeoutMs);
      attempt.status = response.status;
      // a redirect would re-send the signed body wherever the receiver says: a failed attempt
      if (response.status >= 300 && response.status < 400) attempt.error = `redirect to ${response.location ?? '(no Location)'} not followed`;
    } catch (error) {
      attempt.error = (error as Error).message;
    }
    return attempt;
  }
}
