import { HttpException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../accounts/auth-user';
import { DomainError } from '../common/domain-error';
import { IdempotencyStore, fingerprint } from '../idempotency/idempotency.store';
import { NegotiationsService } from '../negotiations/negotiations.service';
import { Lang } from './i18n';
import { field, isUuid } from './web-params';
import { summarizeError } from './web-errors';
import { WebSession } from './web-session';

/** Why a form was sent back, for the page shown again with what was typed in it. */
export interface Refusal {
  status: number;
  messages: string[];
}

/**
 * Events sent from the pages' forms. They go through NegotiationsService.send exactly as the
 * API's do (same rules, permissions, audit entry). Done, the page says so in the flash message
 * of the page the POST redirects to. Refused (a 4xx), the caller shows the form again as it was
 * filled in, with the reason in the reader's language where its code is known; anything else is
 * a real failure and is thrown.
 */
@Injectable()
export class PageEvents {
  constructor(
    private readonly negotiations: NegotiationsService,
    private readonly session: WebSession,
    private readonly idempotency: IdempotencyStore,
  ) {}

  async send(
    reply: FastifyReply,
    caller: { user: AuthUser; lang: Lang },
    negotiationId: string,
    body: Record<string, unknown>,
    outcome: { done: string; ifMatch?: number; form: Record<string, unknown> },
  ): Promise<Refusal | null> {
    // the form's one-off key: a second press of the same form returns the first answer, and files nothing twice
    // (the same key store as the API's Idempotency-Key, with the fingerprint of the API's request)
    const key = field(outcome.form, 'key');
    const options = outcome.ifMatch === undefined ? {} : { ifMatch: outcome.ifMatch };
    const send = async () => ({ status: 200, body: JSON.stringify(await this.negotiations.send(caller.user, negotiationId, body, options)) });
    try {
      if (isUuid(key)) await this.idempotency.once(caller.user.id, key, fingerprint('POST', `/api/negotiations/${negotiationId}/events`, body), send);
      else await send();
      this.session.flash(reply, { level: 'ok', messages: [outcome.done] });
      return null;
    } catch (error) {
      const refused = (error instanceof DomainError && error.status < 500) || (error instanceof HttpException && error.getStatus() < 500);
      if (!refused) throw error;
      const summary = summarizeError(error, caller.lang);
      return { status: summary.status, messages: [summary.headline, ...summary.details] };
    }
  }
}

/** A new one-off key for an event form's hidden `key` field: one per form, fresh on every page. */
export function formKey(): string {
  return randomUUID();
}

/** 303 See Other: the POST is done and the browser loads `url` afresh, so a reload sends nothing again. */
export function seeOther(reply: FastifyReply, url: string): string {
  reply.code(303).header('Location', url);
  return '';
}
