import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyView from '@fastify/view';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash, randomBytes } from 'node:crypto';
import nunjucks from 'nunjucks';
import { AppConfig } from '../config/app-config';
import { webAssetPath } from './web-paths';
import { CSRF_COOKIE, sessionTag } from './web-session';

/**
 * The Fastify plugins the pages stand on: cookies (session, CSRF secret, flash, language),
 * nunjucks templates with auto-escaping, and CSRF tokens. Form bodies
 * (application/x-www-form-urlencoded) are parsed by Nest's Fastify adapter itself.
 */
export async function registerWebPlugins(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  // signs the CSRF secret and flash cookies; without JWT_SECRET (development) a fresh one per start
  const cookieSecret = config.JWT_SECRET
    ? createHash('sha256').update(`xieshang web cookies\n${config.JWT_SECRET}`).digest('hex')
    : randomBytes(32).toString('hex');
  await app.register(fastifyCookie as never, { secret: cookieSecret });
  await app.register(fastifyCsrf as never, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: config.isProduction, signed: true },
    // tokens are bound to the session they were minted for (pages.ts mints with the same tag)
    getUserInfo: sessionTag,
    csrfOpts: { hmacKey: createHash('sha256').update(`xieshang csrf\n${cookieSecret}`).digest() },
  });
  await app.register(fastifyView as never, {
    engine: { nunjucks },
    root: webAssetPath('views'),
    production: config.isProduction,
    options: {
      // every {{ value }} is HTML-escaped: a comment containing <script> shows as text
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
      noCache: !config.isProduction,
    },
  });
}
