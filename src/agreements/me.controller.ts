import { Controller, Get, HttpCode, MessageEvent, Param, ParseUUIDPipe, Post, Query, Sse } from '@nestjs/common';
import { Observable, filter, from, interval, map, merge, switchMap } from 'rxjs';
import { covers } from './coverage';
import { PublicationBus } from './publication-bus';
import { toAgreementView } from './agreements.service';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../accounts/auth-user';
import { PageQuery } from '../common/page-query';
import { CurrentUser, Roles } from '../accounts/auth.decorators';
import { InboxService } from './inbox.service';

@ApiTags('workers')
@ApiBearerAuth()
@Roles('worker')
@Controller('api/me')
export class MeController {
  constructor(
    private readonly inbox: InboxService,
    private readonly bus: PublicationBus,
  ) {}

  @Get('inbox')
  list(@CurrentUser() user: AuthUser, @Query() query: PageQuery) {
    return this.inbox.inbox(user, query.page, query.pageSize);
  }

  @Post('inbox/:agreementId/ack')
  @HttpCode(200)
  acknowledge(@CurrentUser() user: AuthUser, @Param('agreementId', ParseUUIDPipe) agreementId: string) {
    return this.inbox.acknowledge(user, agreementId);
  }

  /** Server-Sent Events: one `publication` event per new publication covering the caller; a `ping` every 25 s keeps proxies from closing the line. */
  @Sse('stream')
  stream(@CurrentUser() user: AuthUser): Observable<MessageEvent> {
    return from(this.inbox.workerOf(user)).pipe(
      switchMap((worker) =>
        merge(
          this.bus.publications.pipe(
            filter((agreement) => covers(agreement.scope, worker)),
            map((agreement): MessageEvent => ({ type: 'publication', id: agreement.id, data: toAgreementView(agreement) })),
          ),
          interval(25_000).pipe(map((): MessageEvent => ({ type: 'ping', data: '' }))),
        ),
      ),
    );
  }
}
