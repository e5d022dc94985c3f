import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser } from '../accounts/auth.decorators';
import { RequestHeader } from '../common/request-header';
import { badRequest } from '../common/domain-error';
import { ApiErrors } from '../common/openapi';
import { CostingDto, CostingQuery, CurrentTermsDto, CurrentTermsSetDto, SampleQuery, SampleUploadDto } from './costing.dto';
import { CostingService } from './costing.service';
import { SAMPLE_COLUMNS } from './sample-reader';
import { IdOf } from '../common/id.pipe';
import { parseIdempotencyKey } from '../idempotency/idempotency.store';

export const SAMPLE_CONTENT_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl'];
const sampleBody = (columns: readonly string[]) => ({
  'text/csv': { schema: { type: 'string', description: `A header line naming the columns (${columns.join(', ')}, any order), then one row per line` } },
  'application/x-ndjson': { schema: { type: 'string', description: `One JSON object per line with the fields ${columns.join(', ')}` } },
  'application/jsonl': { schema: { type: 'string', description: 'As application/x-ndjson' } },
});

@ApiTags('costing')
@Controller('api/negotiations/:id')
export class CostingController {
  constructor(private readonly costing: CostingService) {}

  @Post('order-samples')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Hand over an order or online-time sample (enterprise chief)',
    description:
      `Streamed, up to 10⁷ rows and SAMPLE_BODY_LIMIT_BYTES. kind=orders: ${SAMPLE_COLUMNS.orders.join(', ')}; kind=online_time: ` +
      `${SAMPLE_COLUMNS.online_time.join(', ')}. riderHash must be a pseudonym: phone or ID-card numbers are rejected rows. ` +
      'The SHA-256 and counts go on the chain (PROVIDE_INFORMATION); an orders sample stops the informationRequest clock; the rows are folded into rider-days and never served. ' +
      'Idempotency-Key: taken once the sample is read, its SHA-256 standing for the body; a retry gets the first answer and stores nothing twice.',
    requestBody: { required: true, content: sampleBody([...SAMPLE_COLUMNS.orders, '| online_time:', ...SAMPLE_COLUMNS.online_time]) },
  })
  @ApiCreatedResponse({ type: SampleUploadDto, description: 'The sample is in; bad rows are listed by line' })
  @ApiErrors({
    400: 'Not CSV or JSON lines (SAMPLE.CONTENT_TYPE), an unknown kind, or not the columns of this kind, no header at all (SAMPLE.BAD_FORMAT)',
    403: 'Not the enterprise chief (NEGOTIATION.NOT_YOURS_TO_SEND)',
    404: 'No such negotiation, or not yours',
    409: 'Not while talks are in this state (bargaining or suspended only)',
    413: 'Over SAMPLE_BODY_LIMIT_BYTES',
    422: 'No good row (SAMPLE.EMPTY)',
  })
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdOf('negotiation')) id: string,
    @Query() query: SampleQuery,
    @RequestHeader('content-type') contentType = '',
    @RequestHeader('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
  ) {
    const format = contentType.startsWith('text/csv') ? 'csv' : SAMPLE_CONTENT_TYPES.some((t) => contentType.startsWith(t)) ? 'jsonl' : null;
    if (!format) throw badRequest('SAMPLE.CONTENT_TYPE', 'send CSV (text/csv) or JSON lines (application/x-ndjson)');
    const key = parseIdempotencyKey(idempotencyKey);
    return this.costing.upload(user, id, query.kind, format, request.body as AsyncIterable<Buffer>, key === undefined ? undefined : { key, url: request.url });
  }

  @Put('current-terms')
  @ApiOperation({ summary: 'Declare the rules riders are paid by today (enterprise chief)', description: 'The baseline of every costing; on the chain as DECLARE_CURRENT_TERMS.' })
  @ApiOkResponse({ type: CurrentTermsSetDto, description: 'The current rules are declared' })
  @ApiErrors({ 403: 'Not the enterprise chief', 404: 'No such negotiation, or not yours', 409: 'Not while talks are in this state' })
  declare(@CurrentUser() user: AuthUser, @Param('id', new IdOf('negotiation')) id: string, @Body() body: CurrentTermsDto) {
    return this.costing.declareCurrentTerms(user, id, body.terms as never);
  }

  @Get('costing')
  @ApiOperation({
    summary: "What the current rules and each side's latest offer pay per online hour",
    description: 'Costed against the latest order and online-time samples: hourly pay per rider-day weighted by rider-hours, the share below the minimum wage, the platform cost.',
  })
  @ApiOkResponse({ type: CostingDto, description: 'The costing (empty items until both samples are in)' })
  @ApiErrors({ 403: 'Not a representative of either side nor the bureau (COSTING.NOT_YOURS)', 404: 'No such negotiation or round' })
  get(@CurrentUser() user: AuthUser, @Param('id', new IdOf('negotiation')) id: string, @Query() query: CostingQuery) {
    return this.costing.costing(user, id, query.round);
  }
}
