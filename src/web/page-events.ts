import { HttpException, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../accounts/auth-user';
import { DomainError } from '../common/domain-error';
import { NegotiationsService } from '../negotiations/negotiations.service';
import { Lang } from './i18n';
import { summarizeError } from './web-errors';
import { WebSession } from './web-session';

/**
 * Events sent from the pages' forms. They go through NegotiationsService.send exactly as the
 * API's do (same rules, permissions, audit entry); how it went is left as the flash message
 * on the page the POST redirects to. A 4xx is the reader's to see, in their language where
 * its code is known; anything else is a real failure and is thrown.
 */
@Injectable()
export class PageEvents {
  constructor(
    private readonly negotiations: NegotiationsService,
    private readonly session: WebSession,
  ) {}

  async send(
    reply: FastifyReply,
    caller: { user: AuthUser; lang: Lang },
    negotiationId: string,
    body: Record<string, unknown>,
    outcome: { done: string; ifMatch?: number },
  ): Promise<boolean> {
    try {
      await this.negotiations.send(caller.user, negotiationId, body, outcome.ifMatch === undefined ? {} : { ifMatch: outcome.ifMatch });
      this.session.flash(reply, { level: 'ok', messages: [outcome.done] });
      return true;
    } catch (error) {
      const refused = (error instanceof DomainError && error.status < 500) || (error instanceof HttpException && error.getStatus() < 500);
      if (!refused) throw error;
      const summary = summarizeError(error, caller.lang);
      this.session.flash(reply, { level: 'error', messages: [summary.headline, ...summary.details] });
      return false;
    }
  }
}
