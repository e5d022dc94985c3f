import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { LiveStreams } from './live-streams';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors, listSchema } from '../common/openapi';
import { AcknowledgementDto, AgreementViewDto, InboxItemDto, MinutesNoticeDto } from './agreement.dto';
import { ApiExtraModels } from '@nestjs/swagger';
import { AuthUser } from '../accounts/auth-user';
import { PageQuery } from '../common/page-query';
import { CurrentUser, Roles } from '../accounts/auth.decorators';
import { InboxService } from './inbox.service';
import { IdOf } from '../common/id.pipe';
import { NoBody } from '../common/no-body.pipe';

@ApiTags('workers')
@ApiExtraModels(InboxItemDto, AgreementViewDto, MinutesNoticeDto)
@Roles('worker')
@Controller('api/me')
export class MeController {
  constructor(
    private readonly inbox: InboxService,
    private readonly streams: LiveStreams,
  ) {}

  @Get('inbox')
  @ApiOperation({
    summary: "The worker's inbox (我的通知)",
    description: 'Every publication whose scope covers the worker, newest first; and the signed minutes of every answered round of a negotiation covering the worker (2024 协商指引).',
  })
  @ApiOkResponse({
    description: 'One page of the inbox, how many are unread, and the latest signed minutes',
    schema: listSchema(InboxItemDto, {
      unread: { type: 'integer', minimum: 0, description: 'Publications not yet acknowledged (all pages)' },
      minutes: { type: 'array', maxItems: 50, items: { $ref: getSchemaPath(MinutesNoticeDto) }, description: 'Signed minutes of rounds, newest first (at most 50)' },
    }),
  })
  @ApiErrors({ 403: 'Not a worker (AUTH.WRONG_ROLE), or a worker login without a worker record (INBOX.NOT_A_WORKER)' })
  list(@CurrentUser() user: AuthUser, @Query() query: PageQuery) {
    return this.inbox.inbox(user, query.page, query.pageSize);
  }

  @Post('inbox/:agreementId/ack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge a publication (我已知悉)', description: 'Idempotent: a repeat keeps the first time.' })
  @ApiOkResponse({ type: AcknowledgementDto, description: 'Acknowledged' })
  @ApiErrors({ 403: 'Not a worker (or without a worker record), or the publication does not cover the worker (INBOX.NOT_COVERED)', 404: 'No such published agreement' })
  acknowledge(@CurrentUser() user: AuthUser, @Param('agreementId', new IdOf('agreement')) agreementId: string, @Body(NoBody) _: undefined) {
    return this.inbox.acknowledge(user, agreementId);
  }

  /**
   * Server-Sent Events: one `publication` event per new publication covering the caller; a `ping`
   * every 25 s keeps proxies from closing the line (LiveStreams). The worker is looked up before
   * the stream opens (so a non-worker gets a plain 403, and once the headers are out the stream
   * is listening). Opening one spends the person's request budget (never the address's: riders
   * share carrier-NAT addresses), and a person holds at most STREAMS_PER_USER.
   */
  @Get('stream')
  @ApiOperation({
    summary: 'New publications, as they happen (Server-Sent Events)',
    description:
      'A `publication` event (id: the agreement id; data: the agreement as JSON) for each new publication covering the worker, and a `ping` every 25 s. ' +
      'Reconnect after a drop and read the inbox for what was missed. At most STREAMS_PER_USER (default 5) open streams per person.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An event stream that stays open',
    content: {
      'text/event-stream': {
        schema: { type: 'string', description: 'Lines `event: publication`, `id: <agreement id>`, `data: <AgreementViewDto JSON>`; or `event: ping`' },
        example: 'event: publication\nid: 5d2c…\ndata: {"id":"5d2c…","kind":"collective_contract",…}\n\n',
      },
    },
  })
  @ApiErrors({
    403: 'Not a worker (AUTH.WRONG_ROLE), or a worker login without a worker record (INBOX.NOT_A_WORKER)',
    429: 'This person already holds STREAMS_PER_USER open streams (STREAM.TOO_MANY)',
  })
  async stream(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<void> {
    this.streams.open(user.id, await this.inbox.workerOf(user), reply);
  }
}
