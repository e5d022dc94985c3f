import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
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

/**
 * Answers that never change — a published agreement: its id names one publication — kept as
 * bytes and served from Fastify's first hook, before Nest's guards, pipes and interceptors, the
 * way a reverse proxy in front would serve them. On a publication day every rider's phone asks
 * for the same few agreements; the first read goes through the controller and is kept here.
 */
@Injectable()
export class ImmutableAnswers {
  private readonly kept = new Map<string, { etag: string; body: string; maxAgeSeconds: number }>();

  /** Keeps a 200 answer for this exact URL (path and query as the client sent them). */
  keep(url: string, etag: string, body: unknown, maxAgeSeconds: number): void {
    if (this.kept.has(url)) return;
    this.kept.set(url, { etag, body: JSON.stringify(body), maxAgeSeconds });
    if (this.kept.size > IMMUTABLE_ANSWERS_KEPT) this.kept.delete(this.kept.keys().next().value!);
  }

  /** Fastify `onRequest`: answers a kept URL itself, 304 when If-None-Match names its tag. */
  readonly hook = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const hit = request.method === 'GET' || request.method === 'HEAD' ? this.kept.get(request.url) : undefined;
    if (!hit) return done();
    // answered here: the rest of the hooks and the route are skipped (Fastify: reply sent, done not called)
    if (notModified(request, reply, hit.etag, hit.maxAgeSeconds)) reply.send();
    else reply.type('application/json; charset=utf-8').send(hit.body);
  };
}

/** Published agreements kept as bytes: at 1–2 KB each, a few MB at most. */
const IMMUTABLE_ANSWERS_KEPT = 2_000;
