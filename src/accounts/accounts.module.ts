import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginLimiter } from './login-limiter';
import { WorkersController } from './workers.controller';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { WorkersService } from './workers.service';

@Module({
  controllers: [AuthController, WorkersController, DirectoryController],
  providers: [AuthService, LoginLimiter, AuthGuard, WorkersService, DirectoryService],
  exports: [AuthService, AuthGuard, DirectoryService],
})
export class AccountsModule {}
