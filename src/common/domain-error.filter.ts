import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DomainError } from './domain-error';
import { logUnexpected } from './logging';

/**
 * The stable `code` of a 4xx that is not one of our DomainErrors (README: every 4xx body has
 * one): ValidationPipe's 400s, Fastify's refusals of a body, Nest's unknown routes, the
 * request budget's 429.
 */
export const CODES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'REQUEST.INVALID',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'BODY.TOO_LARGE',
  415: 'BODY.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.TOO_MANY',
};

/** Fastify's refusals of a body it could not parse (FST_ERR_CTP_INVALID_JSON, …): the body is malformed. */
const codeOf = (error: { code?: unknown }, status: number): string =>
  status === 400 && typeof error.code === 'string' && error.code.startsWith('FST_ERR_CTP') ? 'BODY.MALFORMED' : (CODES_BY_STATUS[status] ?? `HTTP.${status}`);

/**
 * One place where errors become HTTP (API.md "Errors"): domain errors keep their code,
 * Nest's HTTP exceptions pass through with a code by their status, anything else is a 500
 * without internals whose stack is logged with the request id.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse();
    const { status, body, unexpected } = this.toResponse(error);
    if (unexpected) logUnexpected(host.switchToHttp().getRequest(), error);
    if (error instanceof DomainError) for (const [name, value] of Object.entries(error.headers)) reply.header?.(name, value);
    if (typeof reply.status === 'function' && typeof reply.send === 'function') {
      reply.status(status).send(body);
    }
  }

  toResponse(error: unknown): { status: number; body: Record<string, unknown>; unexpected?: true } {
    if (error instanceof DomainError) {
      const message = error.details.length === 1 ? error.details[0] : error.details;
      return {
        status: error.status,
        body: { statusCode: error.status, error: STATUS_CODES[error.status], code: error.code, message, ...error.extra },
      };
    }
    if (error instanceof HttpException) {
      const response = error.getResponse();
      const status = error.getStatus();
      const body = typeof response === 'string' ? { statusCode: status, error: STATUS_CODES[status], message: response } : (response as Record<string, unknown>);
      // Nest hands Fastify's own refusals over as HttpExceptions caused by them
      const code = status >= 400 && status < 500 && body.code === undefined ? codeOf((error.cause ?? {}) as { code?: unknown }, status) : undefined;
      return { status, body: code ? { ...body, code } : body };
    }
    const fastifyStatus = (error as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const message = (error as Error).message;
      return { status: fastifyStatus, body: { statusCode: fastifyStatus, error: STATUS_CODES[fastifyStatus], code: codeOf(error as { code?: unknown }, fastifyStatus), message } };
    }
    return { status: 500, body: { statusCode: 500, error: STATUS_CODES[500], message: 'Internal server error' }, unexpected: true };
  }
}
