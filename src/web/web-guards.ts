import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../accounts/auth-user';
import { WebRequest, WebSession } from './web-session';

/**
 * The pages sit outside the API's bearer-token guard (they are @Public() there) and check the
 * session cookie here instead.
 */
const LOGIN_REQUIRED = 'webLoginRequired';
/** A page for logged-in people: others are sent to the login form and brought back after. */
export const LoginRequired = () => SetMetadata(LOGIN_REQUIRED, true);

/** The logged-in person (null on public pages when nobody is). */
export const WebUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser | null => {
  return context.switchToHttp().getRequest<WebRequest>().webUser ?? null;
});

/** Thrown where a page needs a login; WebErrorFilter turns it into a redirect to /login. */
export class LoginRequiredError extends Error {}

/** Thrown when a form's CSRF token is missing or wrong; shown as a page, never acted on. */
export class CsrfError extends Error {}

@Injectable()
export class WebSessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly session: WebSession,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WebRequest>();
    request.webUser = await this.session.userOf(request);
    const required = this.reflector.getAllAndOverride<boolean>(LOGIN_REQUIRED, [context.getHandler(), context.getClass()]);
    if (required && !request.webUser) throw new LoginRequiredError();
    return true;
  }
}

type CsrfCheck = (request: FastifyRequest, reply: Pick<FastifyReply, 'send' | 'unsignCookie'>, next: () => void) => void;

/**
 * Every form POST carries the token from @fastify/csrf-protection (a secret in a signed
 * HttpOnly cookie, the token in a hidden field). The plugin's check answers through
 * `reply.send(error)` or `next()`; here either becomes a boolean, so a failure is a page
 * rendered by WebErrorFilter rather than Fastify's JSON error.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const check = (request.server as unknown as { csrfProtection: CsrfCheck }).csrfProtection;
    return new Promise((resolve, reject) => {
      check(request, { unsignCookie: (value: string) => reply.unsignCookie(value), send: () => reject(new CsrfError()) } as never, () =>
        resolve(true),
      );
    });
  }
}
