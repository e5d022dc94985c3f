import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser, Roles } from '../accounts/auth.decorators';
import { InboxService } from './inbox.service';

export class PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  page: number = 1;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  pageSize: number = 20;
}

@ApiTags('workers')
@ApiBearerAuth()
@Roles('worker')
@Controller('api/me')
export class MeController {
  constructor(private readonly inbox: InboxService) {}

  @Get('inbox')
  list(@CurrentUser() user: AuthUser, @Query() query: PageQuery) {
    return this.inbox.inbox(user, query.page, query.pageSize);
  }

  @Post('inbox/:agreementId/ack')
  @HttpCode(200)
  acknowledge(@CurrentUser() user: AuthUser, @Param('agreementId', ParseUUIDPipe) agreementId: string) {
    return this.inbox.acknowledge(user, agreementId);
  }
}
