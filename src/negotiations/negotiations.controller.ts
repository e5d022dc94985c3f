import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AuthUser } from '../accounts/auth-user';
import { PageQuery } from '../common/page-query';
import { CurrentUser } from '../accounts/auth.decorators';
import { badRequest } from '../common/domain-error';
import { ApiErrors, ApiList, oneOfSchema } from '../common/openapi';
import { RequestHeader } from '../common/request-header';
import { CreateNegotiationDto } from './dto/create-negotiation.dto';
import { EVENT_DTOS } from './dto/events.dto';
import { NegotiationRecords } from './negotiation-records.service';
import { AuditEntryDto, ChainBrokenDto, DerivedBrokenDto, ChainIntactDto, CommentViewDto, RoundViewDto } from './negotiation-records.dto';
import { NEGOTIATION_STATES, NegotiationViewDto } from './negotiation-view.dto';
import { NEGOTIATION_KINDS, NegotiationKind } from './negotiation.types';
import { NegotiationsService } from './negotiations.service';
import { IdOf } from '../common/id.pipe';

export class ListNegotiationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NEGOTIATION_STATES, description: 'Only negotiations in this state' })
  @IsOptional() @IsIn(NEGOTIATION_STATES)
  state?: string;

  @ApiPropertyOptional({ enum: NEGOTIATION_KINDS, description: 'Only negotiations of this kind' })
  @IsOptional() @IsIn(NEGOTIATION_KINDS)
  kind?: NegotiationKind;
}

/**
 * `If-Match: 3` (or `"3"`, `W/"3"`): the version the client last read; `*` matches any version
 * (RFC 9110 §13.1.1). A version the negotiation is not at — 0, say — is a 409, like any stale one.
 */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const version = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header)?.[1];
  if (version === undefined) throw badRequest('EVENT.BAD_IF_MATCH', 'If-Match must be the negotiation version, e.g. "3", or *');
  return Number(version);
}

/** The events' body: one schema per event, told apart by `type`. */
const EVENT_BODY = {
  ...oneOfSchema(...Object.values(EVENT_DTOS)),
  discriminator: {
    propertyName: 'type',
    mapping: Object.fromEntries(Object.entries(EVENT_DTOS).map(([type, dto]) => [type, getSchemaPath(dto)])),
  },
};
const NOT_READABLE = 'No such negotiation, or the caller is not party to it (and not a worker it covers, from consultation on)';

@ApiTags('negotiations')
@ApiExtraModels(...Object.values(EVENT_DTOS), ChainIntactDto, ChainBrokenDto, DerivedBrokenDto)
@Controller('api/negotiations')
export class NegotiationsController {
  constructor(
    private readonly negotiations: NegotiationsService,
    private readonly records: NegotiationRecords,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a negotiation', description: 'A union negotiator opens a collective_contract with its opening proposal; an enterprise rep proposes a rule_change.' })
  @ApiCreatedResponse({ type: NegotiationViewDto, description: 'The new negotiation' })
  @ApiErrors({
    403: 'The caller\'s role may not open this kind (NEGOTIATION.WRONG_ROLE)',
    422: 'Unknown region or enterprise, scope outside the union\'s region, no counterparty, invalid representatives, terms below the minimum wage',
  })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateNegotiationDto) {
    return this.negotiations.create(user, body);
  }

  @Get()
  @ApiOperation({ summary: 'List negotiations', description: 'Only those the caller is party to (a worker: those covering them, from consultation on); the bureau and admin see all. Newest change first.' })
  @ApiList(NegotiationViewDto, 'One page of negotiation views')
  list(@CurrentUser() user: AuthUser, @Query() query: ListNegotiationsQuery) {
    return this.negotiations.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a negotiation', description: 'The view, with what this caller may send now (`can`).' })
  @ApiOkResponse({ type: NegotiationViewDto, description: 'The negotiation view' })
  @ApiErrors({ 404: NOT_READABLE })
  get(@CurrentUser() user: AuthUser, @Param('id', new IdOf('negotiation')) id: string) {
    return this.negotiations.get(user, id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send an event',
    description: 'One body per event, `type` first (API.md lists who may send which). The answer is the view after the event.',
  })
  @ApiBody({ schema: EVENT_BODY })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version the client saw, e.g. `3`; 409 when the negotiation has moved on', schema: { type: 'string', example: '3' } })
  @ApiOkResponse({ type: NegotiationViewDto, description: 'The negotiation after the event' })
  @ApiErrors({
    400: 'Malformed event (unknown type, broken fields), a malformed If-Match (EVENT.BAD_IF_MATCH)',
    403: 'This caller may not send this event here (NEGOTIATION.NOT_YOURS_TO_SEND)',
    404: NOT_READABLE,
    409: 'Not allowed in this state or not this side\'s turn (NEGOTIATION.EVENT_NOT_ALLOWED, with `state` and `allowed`), or a stale If-Match (NEGOTIATION.STALE_VERSION, with `version`)',
    422: 'A rule of substance: below the minimum wage, impossible vote tally, invalid representatives, unanswered opinions, a resumption date past, an extension too long',
  })
  send(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdOf('negotiation')) id: string,
    @Body() body: object,
    @RequestHeader('if-match') ifMatch?: string,
  ) {
    return this.negotiations.send(user, id, body, { ifMatch: parseIfMatch(ifMatch) });
  }

  @Get(':id/rounds')
  @ApiOperation({ summary: 'The rounds (协商记录)', description: 'Every offer in order, what it changed and how it was answered.' })
  @ApiOkResponse({ type: [RoundViewDto], description: 'Rounds, first to last' })
  @ApiErrors({ 404: NOT_READABLE })
  rounds(@CurrentUser() user: AuthUser, @Param('id', new IdOf('negotiation')) id: string) {
    return this.records.rounds(user, id);
  }

  @Get(':id/comments')
  @ApiOperation({ summary: 'The opinions on the draft', description: 'With the enterprise\'s answers; to the enterprise, workers\' comments carry no author.' })
  @ApiOkResponse({ type: [CommentViewDto], description: 'Comments, oldest first' })
  @ApiErrors({ 404: NOT_READABLE })
  comments(@CurrentUser() user: AuthUser, @Param('id', new IdOf('negotiation')) id: string) {
    return this.records.comments(user, id);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: 'The audit chain', description: 'Every entry of the hash chain, in order.' })
  @ApiOkResponse({ type: [AuditEntryDto], description: 'Audit entries by seq' })
  @ApiErrors({ 404: NOT_READABLE })
  audit(@CurrentUser() user: AuthUser, @Param('id', new IdOf('negotiation')) id: string) {
    return this.records.auditEntries(user, id);
  }

  @Get(':id/audit/verify')
  @ApiOperation({ summary: 'Verify the audit chain', description: 'Recomputes every hash and checks the chain reaches the head the negotiation records.' })
  @ApiOkResponse({ schema: oneOfSchema(ChainIntactDto, ChainBrokenDto, DerivedBrokenDto), description: 'Whether the chain holds, and the ledger rows recomputed from it' })
  @ApiErrors({ 404: NOT_READABLE })
  verify(@CurrentUser() user: AuthUser, @Param('id', new IdOf('negotiation')) id: string) {
    return this.records.verify(user, id);
  }
}
