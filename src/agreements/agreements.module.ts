import { Module } from '@nestjs/common';
import { NegotiationsModule } from '../negotiations/negotiations.module';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { InboxService } from './inbox.service';
import { MeController } from './me.controller';
import { WebhookDispatcher } from './webhook-dispatcher';

@Module({
  imports: [NegotiationsModule],
  controllers: [AgreementsController, MeController],
  providers: [AgreementsService, InboxService, WebhookDispatcher],
  exports: [AgreementsService, InboxService, WebhookDispatcher],
})
export class AgreementsModule {}
