import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiHeader, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { AuthUser } from '../accounts/auth-user';
import { PageQuery } from '../common/page-query';
import { CurrentUser } from '../accounts/auth.decorators';
import { badRequest } from '../common/domain-error';
import { CreateNegotiationDto } from './dto/create-negotiation.dto';
import { EVENT_DTOS } from './dto/events.dto';
import { NegotiationRecords } from './negotiation-records.service';
import { NEGOTIATION_KINDS, NegotiationKind } from './negotiation.types';
import { NegotiationsService } from './negotiations.service';

export class ListNegotiationsQuery extends PageQuery {
  @IsOptional() @IsString()
  state?: string;

  @IsOptional() @IsIn(NEGOTIATION_KINDS)
  kind?: NegotiationKind;
}

function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const version = Number(header.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(version) || version < 1) throw badRequest('EVENT.BAD_IF_MATCH', 'If-Match must be the negotiation version, e.g. "3"');
  return version;
}

@ApiTags('negotiations')
@ApiBearerAuth()
@ApiExtraModels(...Object.values(EVENT_DTOS))
@Controller('api/negotiations')
export class NegotiationsController {
  constructor(
    private readonly negotiations: NegotiationsService,
    private readonly records: NegotiationRecords,
  ) {}

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateNegotiationDto) {
    return this.negotiations.create(user, body);
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListNegotiationsQuery) {
    return this.negotiations.list(user, query);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.negotiations.get(user, id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiBody({ schema: { oneOf: Object.values(EVENT_DTOS).map((dto) => ({ $ref: getSchemaPath(dto) })) } })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version the client saw; 409 when stale' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat returns the first answer and changes nothing' })
  send(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: object,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.negotiations.send(user, id, body, { ifMatch: parseIfMatch(ifMatch), idempotencyKey });
  }

  @Get(':id/rounds')
  rounds(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.records.rounds(user, id);
  }

  @Get(':id/comments')
  comments(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.records.comments(user, id);
  }

  @Get(':id/audit')
  audit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.records.auditEntries(user, id);
  }

  @Get(':id/audit/verify')
  verify(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.records.verify(user, id);
  }
}
