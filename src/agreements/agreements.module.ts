import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { ImmutableAnswers } from '../common/cacheable-read';
import { InboxService } from './inbox.service';
import { MeController } from './me.controller';
import { PublicationBus } from './publication-bus';
import { LiveStreams } from './live-streams';
import { PublicationWatcher } from './publication-watcher';
import { Publications } from './publications';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookQueue } from './webhook-queue';
import { WebhookSender } from './webhook-sender';

/** Publications and what follows them: public reads, inboxes, acknowledgements, live delivery, webhooks. Negotiations publish through Publications. */
@Module({
  imports: [AuditModule],
  controllers: [AgreementsController, MeController],
  providers: [ImmutableAnswers, AgreementsService, InboxService, Publications, PublicationBus, LiveStreams, WebhookQueue, WebhookSender, WebhookDispatcher, PublicationWatcher],
  exports: [ImmutableAnswers, AgreementsService, InboxService, Publications, PublicationBus, WebhookSender, WebhookDispatcher],
})
export class AgreementsModule {}
