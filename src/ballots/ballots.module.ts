import { Module } from '@nestjs/common';
import { BallotsService } from './ballots.service';

/** The roll, opening and closing: what the negotiation write path calls (it imports this module). */
@Module({
  providers: [BallotsService],
  exports: [BallotsService],
})
export class BallotsModule {}
