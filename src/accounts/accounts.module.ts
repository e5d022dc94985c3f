import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginLimiter } from './login-limiter';
import { WorkersController } from './workers.controller';
import { OrganizationWebhookController } from './organization-webhook.controller';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { WorkersService } from './workers.service';
import { Associations } from './associations';

@Module({
  controllers: [AuthController, WorkersController, OrganizationWebhookController, DirectoryController],
  providers: [AuthService, LoginLimiter, AuthGuard, WorkersService, DirectoryService, Associations],
  exports: [AuthService, AuthGuard, DirectoryService, Associations],
})
export class AccountsModule {}
