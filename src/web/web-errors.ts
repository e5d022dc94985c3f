import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../common/domain-error';
import { logUnexpected } from '../common/logging';
import { Lang, MessageKey, Translate, isMessageKey, label, translator } from './i18n';
import { hasLabel } from './i18n/labels';
import { Pages } from './pages';
import { CsrfError, LoginRequiredError } from './web-guards';
import { WebRequest } from './web-session';

const KNOWN_STATUSES = [400, 401, 403, 404, 409, 413, 422, 429, 500];

export interface ErrorSummary {
  status: number;
  /** What went wrong, in the page's language. */
  headline: string;
  /** The service's own messages (naming the broken fields), shown under the headline. */
  details: string[];
}

/**
 * class-validator's sentences — ValidationPipe's 400s name each broken field in English — as
 * the page's words, the field by its form label where the pages have one (`reason` → 理由).
 * A sentence not listed is shown as the service wrote it.
 */
const CHECKS: ReadonlyArray<[RegExp, MessageKey]> = [
  [/^(\S+) must not be blank$/, 'check.blank'],
  [/^(\S+) must be longer than or equal to 1 characters$/, 'form.required'],
  [/^(\S+) must be longer than or equal to (\d+) characters$/, 'check.tooShort'],
  [/^(\S+) must be shorter than or equal to (\d+) characters$/, 'check.tooLong'],
  [/^(\S+) must not be less than (\S+)$/, 'check.min'],
  [/^(\S+) must not be greater than (\S+)$/, 'check.max'],
  [/^(\S+) must be an integer number$/, 'check.integer'],
];

export function inPageWords(message: string, t: Translate): string {
  for (const [sentence, key] of CHECKS) {
    const match = sentence.exec(message);
    if (!match) continue;
    const labelKey = `form.${match[1].split('.').at(-1)}`;
    return t(key, { field: isMessageKey(labelKey) ? t(labelKey) : match[1], n: match[2] ?? '' });
  }
  return message;
}

/**
 * A service's error in the reader's words: a known code gets its sentence from labels.ts,
 * any other status a general one; the service's precise messages follow as details.
 */
export function summarizeError(error: unknown, lang: Lang): ErrorSummary {
  const t = translator(lang);
  const general = (status: number) => t(`error.${KNOWN_STATUSES.includes(status) ? status : 500}` as MessageKey);
  if (error instanceof CsrfError) return { status: 403, headline: t('form.csrf'), details: [] };
  if (error instanceof DomainError) {
    const headline = hasLabel('error', error.code) ? label('error', error.code, lang) : general(error.status);
    return { status: error.status, headline, details: error.details };
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const details = (Array.isArray(message) ? message.map(String) : message ? [String(message)] : []).map((detail) => inPageWords(detail, t));
    return { status: error.getStatus(), headline: general(error.getStatus()), details };
  }
  return { status: 500, headline: general(500), details: [] };
}

/** The pages' errors as pages: a login prompt for the logged-out, an HTML error page otherwise. */
@Injectable()
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  constructor(private readonly pages: Pages) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof LoginRequiredError) {
      // after logging in, come back to the page; a form's POST address is no page to come back to
      reply.redirect(request.method === 'GET' ? `/login?next=${encodeURIComponent(request.url)}` : '/login', 303);
      return;
    }
    const summary = summarizeError(error, this.pages.lang(request));
    if (error instanceof DomainError) for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    if (summary.status >= 500) logUnexpected(request, error);
    try {
      const html = await this.pages.render(request, reply, 'error', { title: summary.headline, summary }, { status: summary.status });
      reply.send(html);
    } catch (renderError) {
      logUnexpected(request, renderError);
      reply.code(summary.status).type('text/plain; charset=utf-8').send(summary.headline);
    }
  }
}
