import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { CheckpointDispatcher } from './checkpoint-dispatcher';
import { CheckpointsController } from './checkpoints.controller';
import { Checkpoints } from './checkpoints.service';

/** Signed checkpoints over every chain head, their routes, and their delivery to bureaus. */
@Module({
  // checkpoints follow publications (PublicationBus)
  imports: [AgreementsModule],
  controllers: [CheckpointsController],
  providers: [Checkpoints, CheckpointDispatcher],
  exports: [Checkpoints, CheckpointDispatcher],
})
export class CheckpointsModule {}
