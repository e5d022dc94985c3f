import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../accounts/auth-user';
import { PageQuery } from '../common/page-query';
import { InboxService } from './inbox.service';
import { IsOptional, Matches } from 'class-validator';
import { CurrentUser, Public } from '../accounts/auth.decorators';
import { AgreementsService } from './agreements.service';

export class AgreementQueryDto extends PageQuery {
  @IsOptional() @Matches(/^\d{6}$/, { message: 'region must be a six-digit GB/T 2260 code' })
  region?: string;

  @IsOptional() @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  industry?: string;

  @IsOptional() @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  category?: string;
}

@ApiTags('agreements')
@Controller('api/agreements')
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly inbox: InboxService,
  ) {}

  @Public()
  @Get()
  list(@Query() query: AgreementQueryDto) {
    return this.agreements.list(query);
  }

  @Public()
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.agreements.get(id);
  }

  /** Is the published text the negotiated text? Anyone may ask (DESIGN §2). */
  @Public()
  @Get(':id/verify')
  verify(@Param('id', ParseUUIDPipe) id: string) {
    return this.agreements.verify(id);
  }

  @ApiBearerAuth()
  @Get(':id/acknowledgements')
  acknowledgements(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.inbox.acknowledgements(user, id);
  }
}
