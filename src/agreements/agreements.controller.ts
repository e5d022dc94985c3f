import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CacheableRead, ImmutableAnswers, LIST_MAX_AGE_SECONDS, PUBLISHED_MAX_AGE_SECONDS, etagOf, notModified } from '../common/cacheable-read';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../accounts/auth-user';
import { PageQuery } from '../common/page-query';
import { InboxService } from './inbox.service';
import { IsOptional, Matches } from 'class-validator';
import { CurrentUser, Public } from '../accounts/auth.decorators';
import { ApiErrors, ApiList, oneOfSchema } from '../common/openapi';
import { AcknowledgementCountsDto, AgreementViewDto, PublicationBrokenDto, PublicationIntactDto } from './agreement.dto';
import { AgreementsService } from './agreements.service';
import { IdOf } from '../common/id.pipe';
import { Transactions } from '../database/transactions';

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
    private readonly immutable: ImmutableAnswers,
    private readonly tx: Transactions,
  ) {}

  /** ETag: the audit heads of the page and the total, so a new publication changes it. */
  @Public()
  @CacheableRead()
  @Get()
  @ApiOperation({ summary: 'Published agreements', description: 'Contracts and rule changes, newest first; public. ETag and Cache-Control for caches.' })
  @ApiList(AgreementViewDto, 'One page of publications')
  @ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the current ETag' })
  async list(@Query() query: AgreementQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const list = await this.agreements.list(query);
    const etag = etagOf(String(list.total), ...list.items.map((a) => a.auditHead));
    return notModified(request, reply, etag, LIST_MAX_AGE_SECONDS) ? undefined : list;
  }

  /** ETag: the audit head the publication was made at. */
  @Public()
  @CacheableRead()
  @Get(':id')
  @ApiOperation({ summary: 'A published agreement', description: 'ETag: the audit head it was published at; Cache-Control for caches.' })
  @ApiOkResponse({ type: AgreementViewDto, description: 'The publication' })
  @ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the ETag' })
  @ApiErrors({ 404: NO_AGREEMENT })
  async get(@Param('id', new IdOf('agreement')) id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const agreement = await this.agreements.get(id);
    const etag = etagOf(agreement.auditHead);
    // the next read of this URL is answered before Nest (ImmutableAnswers), once it is committed
    if (!this.tx.readsUncommitted) this.immutable.keep(request.url, etag, agreement, PUBLISHED_MAX_AGE_SECONDS);
    return notModified(request, reply, etag, PUBLISHED_MAX_AGE_SECONDS) ? undefined : agreement;
  }

  /** Is the published text the negotiated text? Anyone may ask (DESIGN §2). */
  @Public()
  @Get(':id/verify')
  @ApiOperation({ summary: 'Check a publication against its audit chain', description: 'Whether the published terms are the terms the audit chain shows both sides agreed; public.' })
  @ApiOkResponse({ schema: oneOfSchema(PublicationIntactDto, PublicationBrokenDto), description: 'intact, or which check failed' })
  @ApiErrors({ 404: NO_AGREEMENT })
  verify(@Param('id', new IdOf('agreement')) id: string) {
    return this.agreements.verify(id);
  }

  @Get(':id/acknowledgements')
  @ApiOperation({ summary: 'How many covered workers acknowledged', description: 'For the negotiation\'s representatives and the bureau.' })
  @ApiOkResponse({ type: AcknowledgementCountsDto, description: 'Covered and acknowledged, counted now' })
  @ApiErrors({ 403: 'Only its representatives and the bureau (AGREEMENT.COUNTS_RESTRICTED)', 404: NO_AGREEMENT })
  acknowledgements(@CurrentUser() user: AuthUser, @Param('id', new IdOf('agreement')) id: string) {
    return this.inbox.acknowledgements(user, id);
  }
}
