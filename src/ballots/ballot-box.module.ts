import { Module } from '@nestjs/common';
import { NegotiationsModule } from '../negotiations/negotiations.module';
import { BallotBoxService } from './ballot-box.service';
import { BallotsController } from './ballots.controller';
import { BallotsModule } from './ballots.module';

/**
 * Casting and reading ballots over HTTP. Apart from BallotsModule because it needs the
 * negotiation (who may see it), while the negotiation write path needs BallotsModule.
 */
@Module({
  imports: [NegotiationsModule, BallotsModule],
  controllers: [BallotsController],
  providers: [BallotBoxService],
  exports: [BallotBoxService],
})
export class BallotBoxModule {}
