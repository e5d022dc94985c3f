import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, from, lastValueFrom } from 'rxjs';
import { AuthUser } from '../accounts/auth-user';
import { IdempotencyStore, fingerprint, parseIdempotencyKey } from './idempotency.store';

/**
 * A body the handler reads itself as it streams in (order samples, src/costing) cannot be
 * fingerprinted before the work starts: such a route takes the key itself once it has read
 * the body (CostingService.upload).
 */
const isStream = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && (typeof (body as { pipe?: unknown }).pipe === 'function' || Symbol.asyncIterator in body);

const WITHOUT_KEYS = 'idempotency:without-keys';

/**
 * A route whose request must leave no row tied to its sender: a ballot cast. The key's row
 * would hold the voter's id beside the fingerprint of their choice and their receipt (API.md:
 * no row links a worker to a choice). Such a route acts every time; its own rules (one ballot
 * per voter) make a repeat harmless.
 */
export const WithoutIdempotencyKeys = () => SetMetadata(WITHOUT_KEYS, true);

/**
 * `Idempotency-Key` on every API POST made by a signed-in principal (IdempotencyStore): the
 * first answer is kept as the bytes sent, and a repeat gets those bytes with the same status.
 * Routes without a principal (login) have no one to keep keys for and ignore the header.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    if (request.method !== 'POST' || !request.url.startsWith('/api/')) return next.handle();
    const key = parseIdempotencyKey(request.headers['idempotency-key']);
    if (key === undefined || !request.user || isStream(request.body) || this.reflector.get<boolean>(WITHOUT_KEYS, context.getHandler())) return next.handle();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(
      this.store
        .once(request.user.id, key, fingerprint(request.method, request.url, request.body), async () => {
          const value = await lastValueFrom(next.handle(), { defaultValue: undefined });
          return { status, body: value === undefined ? '' : JSON.stringify(value) };
        })
        .then(({ answer }) => {
          if (answer.body === '') return undefined;
          // the same bytes the first time and every repeat: the answer as kept, not re-serialised
          reply.header('content-type', 'application/json; charset=utf-8');
          return answer.body;
        }),
    );
  }
}
