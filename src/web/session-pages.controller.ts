import { Body, Controller, Get, Post, Query, Redirect, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Role } from '../accounts/user.entity';
import { DomainError } from '../common/domain-error';
import { Pages } from './pages';
import { summarizeError } from './web-errors';
import { CsrfGuard } from './web-guards';
import { field, localPath } from './web-params';
import { WebRequest, WebSession } from './web-session';
import { WebPages } from './web-pages.decorator';

/** Where each role starts: riders at their notices, everyone else at their negotiations. */
export function homeOf(role: Role): string {
  return role === 'worker' ? '/inbox' : '/negotiations';
}

@WebPages()
@Controller()
export class SessionPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly session: WebSession,
  ) {}

  @Get('login')
  async loginForm(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query('next') next?: string) {
    const t = this.pages.t(request);
    return this.pages.render(request, reply, 'login', { title: t('login.title'), next: localPath(next, '') }, { forms: true });
  }

  @Post('login')
  @UseGuards(CsrfGuard)
  @Redirect('/', 303)
  async logIn(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @Body() form: Record<string, unknown>) {
    const next = localPath(field(form, 'next'), '');
    try {
      const user = await this.session.logIn(request, reply, field(form, 'username'), field(form, 'password'));
      return { url: next || homeOf(user.role) };
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 401) throw error;
      const summary = summarizeError(error, this.pages.lang(request));
      this.session.flash(reply, { level: 'error', messages: [summary.headline] });
      return { url: next ? `/login?next=${encodeURIComponent(next)}` : '/login' };
    }
  }

  @Post('logout')
  @UseGuards(CsrfGuard)
  @Redirect('/', 303)
  async logOut(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.session.logOut(request, reply);
    this.session.flash(reply, { level: 'ok', messages: [this.pages.t(request)('logout.done')] });
    return { url: '/' };
  }
}
