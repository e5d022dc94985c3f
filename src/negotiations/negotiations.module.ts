import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AgreementsModule } from '../agreements/agreements.module';
import { AuditModule } from '../audit/audit.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { LedgerModule } from '../ledger/ledger.module';
import { NegotiationEvents } from './negotiation-events';
import { NegotiationOpening } from './negotiation-opening';
import { NegotiationRecords } from './negotiation-records.service';
import { NegotiationViews } from './negotiation-view';
import { NegotiationsController } from './negotiations.controller';
import { NegotiationsService } from './negotiations.service';
import { SeatChecks } from './seat-checks';
import { SeatEvents } from './seat-events';
import { BallotsModule } from '../ballots/ballots.module';

/** Negotiations publish through agreements and run their clocks through deadlines; neither depends back on it. */
@Module({
  imports: [AuditModule, AgreementsModule, DeadlinesModule, AccountsModule, BallotsModule, LedgerModule],
  controllers: [NegotiationsController],
  providers: [NegotiationsService, NegotiationRecords, NegotiationViews, NegotiationEvents, SeatChecks, SeatEvents, NegotiationOpening],
  exports: [NegotiationsService, NegotiationRecords],
})
export class NegotiationsModule {}
