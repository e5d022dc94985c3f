import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { NegotiationAccess } from './negotiation-access';
import { NegotiationEffects } from './negotiation-effects';
import { NegotiationRecords } from './negotiation-records.service';
import { NegotiationViews } from './negotiation-view';
import { NegotiationsController } from './negotiations.controller';
import { NegotiationsService } from './negotiations.service';
import { SeatChecks } from './seat-checks';
import { NegotiationOpening } from './negotiation-opening';

@Module({
  imports: [AuditModule, DeadlinesModule],
  controllers: [NegotiationsController],
  providers: [NegotiationsService, NegotiationRecords, NegotiationAccess, NegotiationViews, NegotiationEffects, SeatChecks, NegotiationOpening],
  exports: [NegotiationsService, NegotiationRecords, NegotiationAccess],
})
export class NegotiationsModule {}
