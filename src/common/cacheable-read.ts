import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Public, cacheable reads (published agreements and their lists): riders behind one carrier-
 * grade NAT address read them all at once on a publication day, so they are never counted
 * against the per-address request budget (app.module.ts), and they carry an `ETag` and
 * `Cache-Control` so that a CDN or reverse proxy can answer them.
 */
export const CACHEABLE_READ = 'cacheableRead';
export const CacheableRead = () => SetMetadata(CACHEABLE_READ, true);

export const isCacheableRead = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(CACHEABLE_READ, context.getHandler()) === true;

/** A published agreement never changes (its id names one publication): caches may keep it an hour. */
export const PUBLISHED_MAX_AGE_SECONDS = 3600;
/** A list grows with each publication: a minute, then caches ask again (a 304 when nothing changed). */
export const LIST_MAX_AGE_SECONDS = 60;

/** A strong entity tag from the parts that determine the body (e.g. audit heads). */
export const etagOf = (...parts: string[]): string =>
  parts.length === 1 && /^[0-9a-f]{64}$/.test(parts[0]) ? `"${parts[0]}"` : `"${createHash('sha256').update(parts.join('\n')).digest('hex')}"`;

/**
 * Sets `ETag` and `Cache-Control`; answers true (and sets 304) when the request's
 * `If-None-Match` already names this tag, so the caller sends no body.
 */
export function notModified(request: FastifyRequest, reply: FastifyReply, etag: string, maxAgeSeconds: number): boolean {
  reply.header('ETag', etag);
  reply.header('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  const asked = request.headers['if-none-match'];
  if (!asked) return false;
  const tags = asked.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(etag) && !tags.includes('*')) return false;
  reply.status(304);
  return true;
}
