import { Injectable } from '@nestjs/common';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { AuthUser } from '../accounts/auth-user';
import { AuthService } from '../accounts/auth.service';
import { AppConfig } from '../config/app-config';

/**
 * The pages' login: the API's access token, kept in an HttpOnly, SameSite=Lax cookie (Secure
 * in production) so no script ever sees it. It lives as long as the token (12 h).
 */
export const SESSION_COOKIE = 'xs_session';
export const LANG_COOKIE = 'xs_lang';
export const FLASH_COOKIE = 'xs_flash';
export const CSRF_COOKIE = 'xs_csrf';

/**
 * What a CSRF token is bound to: the session cookie (hashed). A token minted for one session,
 * or before login, fails for any other, even with a cookie planted in the victim's browser.
 */
export function sessionTag(request: FastifyRequest): string {
  return createHash('sha256').update(request.cookies?.[SESSION_COOKIE] ?? '').digest('base64url');
}
const SESSION_SECONDS = 12 * 3600;

export interface Flash {
  level: 'ok' | 'error';
  messages: string[];
}

/** Request fields the web guards fill in. */
export interface WebRequest extends FastifyRequest {
  webUser?: AuthUser | null;
}

@Injectable()
export class WebSession {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  cookieOptions(maxAge?: number): CookieSerializeOptions {
    return { path: '/', httpOnly: true, sameSite: 'lax', secure: this.config.isProduction, ...(maxAge ? { maxAge } : {}) };
  }

  /** The logged-in person, or null (no cookie, or a token that expired or names nobody). */
  async userOf(request: FastifyRequest): Promise<AuthUser | null> {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) return null;
    try {
      return await this.auth.userFromToken(token);
    } catch {
      return null;
    }
  }

  /** Throws AUTH.BAD_CREDENTIALS (401) on a wrong username or password, AUTH.TOO_MANY_ATTEMPTS (429) when it must wait. */
  async logIn(request: FastifyRequest, reply: FastifyReply, username: string, password: string): Promise<Omit<AuthUser, 'workerId'>> {
    const { accessToken, user } = await this.auth.login(username, password, request.ip);
    reply.setCookie(SESSION_COOKIE, accessToken, this.cookieOptions(SESSION_SECONDS));
    // a fresh CSRF secret for the new session: one planted before login is worth nothing after
    reply.clearCookie(CSRF_COOKIE, this.cookieOptions());
    return user;
  }

  /** Ends the session itself (a copied cookie stops working too), not just this browser's cookie. */
  async logOut(request: WebRequest, reply: FastifyReply): Promise<void> {
    const token = request.cookies?.[SESSION_COOKIE];
    if (token) await this.auth.logout(token);
    reply.clearCookie(SESSION_COOKIE, this.cookieOptions());
    reply.clearCookie(CSRF_COOKIE, this.cookieOptions());
  }

  /** A message for the page the POST redirects to; signed, so nobody plants one. */
  flash(reply: FastifyReply, flash: Flash): void {
    const value = JSON.stringify(flash);
    // browsers drop cookies over 4 KiB: a long message list is cut rather than lost
    const fitting = encodeURIComponent(value).length > 3000 ? JSON.stringify({ ...flash, messages: flash.messages.slice(0, 3) }) : value;
    reply.setCookie(FLASH_COOKIE, fitting, { ...this.cookieOptions(60), signed: true });
  }

  /** Reads the flash once: it is cleared as it is shown. */
  takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | null {
    const raw = request.cookies?.[FLASH_COOKIE];
    if (!raw) return null;
    reply.clearCookie(FLASH_COOKIE, this.cookieOptions());
    const unsigned = reply.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return null;
    try {
      const flash = JSON.parse(unsigned.value) as Flash;
      return (flash.level === 'ok' || flash.level === 'error') && Array.isArray(flash.messages) ? flash : null;
    } catch {
      return null;
    }
  }
}
