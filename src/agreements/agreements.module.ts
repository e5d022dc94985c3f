import { Module } from '@nestjs/common';
import { NegotiationsModule } from '../negotiations/negotiations.module';
import { AuditModule } from '../audit/audit.module';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { InboxService } from './inbox.service';
import { MeController } from './me.controller';
import { WebhookDispatcher } from './webhook-dispatcher';
import { PublicationWatcher } from './publication-watcher';

@Module({
  imports: [NegotiationsModule, AuditModule],
  controllers: [AgreementsController, MeController],
  providers: [AgreementsService, InboxService, WebhookDispatcher, PublicationWatcher],
  exports: [AgreementsService, InboxService, WebhookDispatcher],
})
export class AgreementsModule {}
