import { HttpException, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../common/domain-error';
import { Lang } from './i18n';
import { Refusal } from './page-events';
import { summarizeError } from './web-errors';
import { WebSession } from './web-session';

/**
 * The ledger's forms go through the same services as the API. Done: the flash says so and the
 * caller redirects (303). Refused (a 4xx): the reason in the reader's words, for the caller to
 * show the form again as it was filled in; anything else is thrown.
 */
@Injectable()
export class LedgerForms {
  constructor(private readonly session: WebSession) {}

  flash(reply: FastifyReply, message: string): void {
    this.session.flash(reply, { level: 'ok', messages: [message] });
  }

  async attempt(reply: FastifyReply, lang: Lang, work: () => Promise<unknown>, done: string): Promise<Refusal | null> {
    try {
      await work();
      if (done) this.flash(reply, done);
      return null;
    } catch (error) {
      const refused = (error instanceof DomainError && error.status < 500) || (error instanceof HttpException && error.getStatus() < 500);
      if (!refused) throw error;
      const summary = summarizeError(error, lang);
      return { status: summary.status, messages: [summary.headline, ...summary.details] };
    }
  }
}

/** A form's whole number, or NaN (the service's validation then names the field). */
export function formInt(value: string): number {
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}
