import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DomainError } from './domain-error';
import { logUnexpected } from './logging';

/**
 * One place where errors become HTTP (API.md "Errors"): domain errors keep their code,
 * Nest's HTTP exceptions pass through, anything else is a 500 without internals whose stack
 * is logged with the request id.
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
      const body =
        typeof response === 'string'
          ? { statusCode: error.getStatus(), error: STATUS_CODES[error.getStatus()], message: response }
          : (response as Record<string, unknown>);
      return { status: error.getStatus(), body };
    }
    const fastifyStatus = (error as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const message = (error as Error).message;
      return { status: fastifyStatus, body: { statusCode: fastifyStatus, error: STATUS_CODES[fastifyStatus], message } };
    }
    return { status: 500, body: { statusCode: 500, error: STATUS_CODES[500], message: 'Internal server error' }, unexpected: true };
  }
}
