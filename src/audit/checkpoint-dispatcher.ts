import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { WebhookKind, WebhookSender } from '../agreements/webhook-sender';
import { BackgroundPass } from '../common/background-pass';
import { AppConfig } from '../config/app-config';
import { CheckpointDelivery } from './checkpoint-delivery.entity';
import { Checkpoints, signedPart } from './checkpoints.service';

/**
 * Sends each checkpoint to every bureau with a webhook through the same delivery loop as
 * publication webhooks (WebhookSender): signed, the destination checked at every attempt,
 * redirects not followed, the same retries, every attempt recorded.
 * Body: { "event": "checkpoint", "deliveryId", "checkpoint": { seq, at, root, heads, signature }, "publicKey" }.
 */
@Injectable()
export class CheckpointDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly background = new BackgroundPass(() => this.deliverDue(), new Logger('CheckpointDispatcher'));

  private readonly checkpointsToBureaus: WebhookKind<CheckpointDelivery> = {
    table: CheckpointDelivery,
    recipientId: (delivery) => delivery.organizationId,
    body: async (delivery) => {
      const checkpoint = await this.checkpoints.find(delivery.checkpointSeq);
      const { publicKey } = await this.checkpoints.publicKey();
      return JSON.stringify({ event: 'checkpoint', deliveryId: delivery.id, checkpoint: signedPart(checkpoint), publicKey });
    },
  };

  constructor(
    private readonly config: AppConfig,
    private readonly checkpoints: Checkpoints,
    private readonly sender: WebhookSender,
  ) {}

  onApplicationBootstrap(): void {
    this.checkpoints.onQueued = () => this.background.kick();
    if (this.config.SWEEP_INTERVAL_MS > 0) this.background.every(this.config.SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.background.stop();
  }

  /** Sends every checkpoint delivery that is due; returns how many were attempted. */
  deliverDue(): Promise<number> {
    return this.sender.deliverDue(this.checkpointsToBureaus);
  }
}
