import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { WorkersController } from './workers.controller';
import { WorkersService } from './workers.service';

@Module({
  controllers: [AuthController, WorkersController],
  providers: [AuthService, AuthGuard, WorkersService],
  exports: [AuthService, AuthGuard],
})
export class AccountsModule {}
