import { Module } from '@nestjs/common';
import { NegotiationsModule } from '../negotiations/negotiations.module';
import { CostingController } from './costing.controller';
import { CostingService } from './costing.service';
import { SampleStore } from './sample-store';

@Module({
  imports: [NegotiationsModule],
  controllers: [CostingController],
  providers: [CostingService, SampleStore],
  exports: [CostingService],
})
export class CostingModule {}
