import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { Stylesheet } from './stylesheet';
import { HTML_LANG, Lang, LabelGroup, Translate, chooseLang, colon, label, translator } from './i18n';
import { LANG_COOKIE, WebRequest, WebSession, sessionTag } from './web-session';

interface LangRequest extends WebRequest {
  webLang?: Lang;
}

export interface RenderOptions {
  status?: number;
  /** The page has forms for visitors who are not logged in (the login form). */
  forms?: boolean;
}

/**
 * What every page shares — language, the logged-in person, the CSRF token, the flash
 * message, the stylesheet's address — and the one call that renders a template.
 */
@Injectable()
export class Pages {
  constructor(
    private readonly session: WebSession,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly stylesheet: Stylesheet,
  ) {}

  /** The page language; an explicit `?lang=` is remembered for the pages that follow. */
  lang(request: LangRequest, reply?: FastifyReply): Lang {
    if (request.webLang) return request.webLang;
    const query = (request.query as Record<string, string | undefined> | undefined)?.lang;
    const lang = chooseLang(query, request.cookies?.[LANG_COOKIE], request.headers['accept-language']);
    if (reply && (query === 'zh' || query === 'en')) reply.setCookie(LANG_COOKIE, query, this.session.cookieOptions(365 * 24 * 3600));
    request.webLang = lang;
    return lang;
  }

  t(request: LangRequest): Translate {
    return translator(this.lang(request));
  }

  get zone(): string {
    return this.config.TZ_NAME;
  }

  now(): Date {
    return this.clock.now();
  }

  async render(request: LangRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, options: RenderOptions = {}): Promise<string> {
    const lang = this.lang(request, reply);
    const user = request.webUser ?? null;
    const generateCsrf = (reply as unknown as { generateCsrf: (options: { userInfo: string }) => string }).generateCsrf;
    const withForms = Boolean(user || options.forms);
    const context = {
      ...data,
      lang,
      htmlLang: HTML_LANG[lang],
      t: translator(lang),
      colon: colon(lang),
      listSep: lang === 'zh' ? '、' : ', ',
      label: (group: LabelGroup, key: string) => label(group, key, lang),
      user,
      csrf: withForms ? generateCsrf.call(reply, { userInfo: sessionTag(request) }) : null,
      flash: this.session.takeFlash(request, reply),
      stylesheet: this.stylesheet.href,
      otherLang: this.switchLanguageHref(request.url, lang === 'zh' ? 'en' : 'zh'),
    };
    reply.code(options.status ?? 200);
    // pages differ by person and language, and a page with forms carries a CSRF secret:
    // shared caches must not hand either to anyone else
    reply.header('Cache-Control', withForms ? 'private, no-store' : 'no-cache');
    reply.header('Vary', 'Cookie, Accept-Language');
    return (reply as unknown as { viewAsync: (t: string, d: object) => Promise<string> }).viewAsync(template, context);
  }

  /** The same page in the other language: the current address with `lang` replaced. */
  switchLanguageHref(url: string, lang: Lang): string {
    const parsed = new URL(url, 'http://page.invalid');
    parsed.searchParams.set('lang', lang);
    return `${parsed.pathname}${parsed.search}`;
  }
}
