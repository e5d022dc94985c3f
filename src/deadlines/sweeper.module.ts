import { Module } from '@nestjs/common';
import { NegotiationsModule } from '../negotiations/negotiations.module';
import { DeadlinesModule } from './deadlines.module';
import { DeadlineNotifier } from './deadline-notifier';
import { DeadlineSweeper } from './deadline-sweeper';
import { DeadlinesController } from './deadlines.controller';

/** The sweeper sends events through the negotiation service, so it sits above both modules. */
@Module({
  imports: [DeadlinesModule, NegotiationsModule],
  controllers: [DeadlinesController],
  providers: [DeadlineSweeper, DeadlineNotifier],
  exports: [DeadlineSweeper],
})
export class SweeperModule {}
