import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { BackgroundPass } from '../common/background-pass';
import { AppConfig } from '../config/app-config';
import { Agreement } from './agreement.entity';
import { toAgreementView } from './agreements.service';
import { PublicationBus } from './publication-bus';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookKind, WebhookSender } from './webhook-sender';

/**
 * Sends queued publication webhooks to the enterprises, signed, and retries failures from their
 * rows (WebhookSender). It runs apart from publishing: a failing platform never blocks or undoes it.
 * Body: { "event": "publication", "deliveryId", "agreement": { …the public view… } }.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly background = new BackgroundPass(() => this.deliverDue(), new Logger('WebhookDispatcher'));
  private subscription?: Subscription;

  private readonly publications: WebhookKind<WebhookDelivery> = {
    table: WebhookDelivery,
    recipientId: (delivery) => delivery.enterpriseId,
    body: async (delivery) => {
      const agreement = await this.dataSource.getRepository(Agreement).findOneByOrFail({ id: delivery.agreementId });
      return JSON.stringify({ event: 'publication', deliveryId: delivery.id, agreement: toAgreementView(agreement) });
    },
  };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly bus: PublicationBus,
    private readonly sender: WebhookSender,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.bus.publications.subscribe(() => this.background.kick());
    if (this.config.SWEEP_INTERVAL_MS > 0) this.background.every(this.config.SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    return this.background.stop();
  }

  /** Sends every delivery that is due; returns how many were attempted. */
  deliverDue(): Promise<number> {
    return this.sender.deliverDue(this.publications);
  }
}
