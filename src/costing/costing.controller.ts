import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min, ValidateNested } from 'class-validator';
import { FastifyRequest } from 'fastify';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser } from '../accounts/auth.decorators';
import { badRequest } from '../common/domain-error';
import { TermsDto } from '../terms/terms';
import { CostingService } from './costing.service';
import { SAMPLE_KINDS, SampleKind } from './sample-reader';

export class SampleQuery {
  @IsIn(SAMPLE_KINDS)
  kind!: SampleKind;
}

export class CostingQuery {
  /** Cost this round's offer (with the current rules) instead of each side's latest. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  round?: number;
}

export class CurrentTermsDto {
  @ValidateNested() @Type(() => TermsDto)
  terms!: TermsDto;
}

export const SAMPLE_CONTENT_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl'];

@ApiTags('costing')
@ApiBearerAuth()
@Controller('api/negotiations/:id')
export class CostingController {
  constructor(private readonly costing: CostingService) {}

  /**
   * The enterprise chief hands over a sample: `kind=orders` (riderHash, day, km, minutes, night,
   * badWeather) or `kind=online_time` (riderHash, day, onlineMinutes), as CSV with a header
   * line or as JSON lines, streamed (up to 10⁷ rows).
   */
  @Post('order-samples')
  @HttpCode(201)
  @ApiConsumes(...SAMPLE_CONTENT_TYPES)
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SampleQuery,
    @Headers('content-type') contentType = '',
    @Req() request: FastifyRequest,
  ) {
    const format = contentType.startsWith('text/csv') ? 'csv' : SAMPLE_CONTENT_TYPES.some((t) => contentType.startsWith(t)) ? 'jsonl' : null;
    if (!format) throw badRequest('SAMPLE.CONTENT_TYPE', 'send CSV (text/csv) or JSON lines (application/x-ndjson)');
    return this.costing.upload(user, id, query.kind, format, request.body as AsyncIterable<Buffer>);
  }

  /** The rules riders are paid by today, in the terms schema: the baseline of every costing. */
  @Put('current-terms')
  declare(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: CurrentTermsDto) {
    return this.costing.declareCurrentTerms(user, id, body.terms as never);
  }

  /** The current rules and each side's latest offer (or `?round=n`) costed against the samples. */
  @Get('costing')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: CostingQuery) {
    return this.costing.costing(user, id, query.round);
  }
}
