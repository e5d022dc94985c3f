import { Module } from '@nestjs/common';
import { NegotiationsModule } from '../negotiations/negotiations.module';
import { DeadlinesModule } from './deadlines.module';
import { DeadlineLists } from './deadline-lists';
import { DeadlineNotifier } from './deadline-notifier';
import { DeadlineSweeper } from './deadline-sweeper';
import { DeadlinesController } from './deadlines.controller';

/** The sweeper sends events through the negotiation service, and the deadline list reads who is party: both sit above the two modules. */
@Module({
  imports: [DeadlinesModule, NegotiationsModule],
  controllers: [DeadlinesController],
  providers: [DeadlineSweeper, DeadlineNotifier, DeadlineLists],
  exports: [DeadlineSweeper],
})
export class SweeperModule {}
