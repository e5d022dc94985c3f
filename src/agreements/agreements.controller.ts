import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../accounts/auth-user';
import { PageQuery } from '../common/page-query';
import { InboxService } from './inbox.service';
import { IsOptional, Matches } from 'class-validator';
import { CurrentUser, Public } from '../accounts/auth.decorators';
import { ApiErrors, ApiList, oneOfSchema } from '../common/openapi';
import { AcknowledgementCountsDto, AgreementViewDto, PublicationBrokenDto, PublicationIntactDto } from './agreement.dto';
import { AgreementsService } from './agreements.service';

export class AgreementQueryDto extends PageQuery {
  @ApiPropertyOptional({ pattern: '^\\d{6}$', description: 'GB/T 2260 code: agreements binding there (made for it, its city or province) or for a district inside it', example: '420302' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'region must be a six-digit GB/T 2260 code' })
  region?: string;

  @ApiPropertyOptional({ pattern: '^[a-z][a-z0-9_]{1,63}$', description: 'Industry code', example: 'food_delivery' })
  @IsOptional() @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  industry?: string;

  @ApiPropertyOptional({ pattern: '^[a-z][a-z0-9_]{1,63}$', description: 'Worker category covered', example: 'delivery_rider' })
  @IsOptional() @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  category?: string;
}

const NO_AGREEMENT = 'No such published agreement';

@ApiTags('agreements')
@ApiExtraModels(PublicationIntactDto, PublicationBrokenDto)
@Controller('api/agreements')
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly inbox: InboxService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Published agreements', description: 'Contracts and rule changes, newest first; public.' })
  @ApiList(AgreementViewDto, 'One page of publications')
  list(@Query() query: AgreementQueryDto) {
    return this.agreements.list(query);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'A published agreement' })
  @ApiOkResponse({ type: AgreementViewDto, description: 'The publication' })
  @ApiErrors({ 404: NO_AGREEMENT })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.agreements.get(id);
  }

  /** Is the published text the negotiated text? Anyone may ask (DESIGN §2). */
  @Public()
  @Get(':id/verify')
  @ApiOperation({ summary: 'Check a publication against its audit chain', description: 'Whether the published terms are the terms the audit chain shows both sides agreed; public.' })
  @ApiOkResponse({ schema: oneOfSchema(PublicationIntactDto, PublicationBrokenDto), description: 'intact, or which check failed' })
  @ApiErrors({ 404: NO_AGREEMENT })
  verify(@Param('id', ParseUUIDPipe) id: string) {
    return this.agreements.verify(id);
  }

  @Get(':id/acknowledgements')
  @ApiOperation({ summary: 'How many covered workers acknowledged', description: 'For the negotiation\'s representatives and the bureau.' })
  @ApiOkResponse({ type: AcknowledgementCountsDto, description: 'Covered and acknowledged, counted now' })
  @ApiErrors({ 403: 'Only its representatives and the bureau (AGREEMENT.COUNTS_RESTRICTED)', 404: NO_AGREEMENT })
  acknowledgements(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.inbox.acknowledgements(user, id);
  }
}
