import { LoggerService } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { AppConfig } from '../config/app-config';
import { TrustedPeer } from './trusted-proxies';

/**
 * The service's one log: pino, as JSON lines (pretty-printed in development). Fastify logs
 * through it, and so does Nest (start-up lines, background passes), so every line an
 * operator greps has the same shape.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A proxy's request id is kept only if it looks like one: no spaces, quotes or newlines to forge log lines with. */
const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * Whatever else ends up in a log object, these never do. The access line names its fields one
 * by one and never logs headers or bodies; this is the net under it (an error carrying a
 * request, a careless `log.info(body)`).
 */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  ...['password', 'accessToken', 'token', 'secret', 'text'].flatMap((key) => [key, `*.${key}`]),
];

/** An error as its type, message, code and stack: not its enumerable extras (a failed query's parameters hold user data). */
function errorFields(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  return { type: error.name, message: error.message, code: (error as { code?: unknown }).code, stack: error.stack };
}

export function createLogger(config: AppConfig, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACTED, censor: '[redacted]' },
    serializers: { err: errorFields },
  };
  if (destination) return pino(options, destination);
  // pino-pretty is a development dependency: production and CI write JSON. It formats in this
  // thread, not as a transport: a transport is a worker thread of its own, about 20 MiB and a
  // tenth of a second at start for a console a developer reads
  const pretty = config.NODE_ENV === 'development' ? prettyPrinter() : null;
  if (pretty) return pino(options, pretty({ ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l', singleLine: true, sync: true }));
  return pino(options);
}

/** pino-pretty, or null where development dependencies were not installed (`npm ci --omit=dev`): then JSON. */
function prettyPrinter(): typeof import('pino-pretty') | null {
  try {
    return require('pino-pretty') as typeof import('pino-pretty');
  } catch {
    return null;
  }
}

/** A request's id: the trusted proxy's `X-Request-Id` when it sent a usable one, else a fresh UUID. */
export function requestIdGenerator(trusted: TrustedPeer): (raw: IncomingMessage) => string {
  return (raw) => {
    const sent = raw.headers[REQUEST_ID_HEADER];
    if (typeof sent === 'string' && REQUEST_ID.test(sent) && trusted(raw.socket?.remoteAddress)) return sent;
    return randomUUID();
  };
}

interface LoggedRequest extends FastifyRequest {
  user?: { id: string };
  webUser?: { id: string } | null;
}

const UNNAMED_IN_LOG = 'unnamedInLog';

/**
 * Where a worker says how they vote or what they think of the agreement, the route's request
 * line names nobody: neither the user nor the address. Who voted and how are stored apart
 * (BallotBoxService); a line with the voter and the millisecond of each cast, beside the
 * database's log of its changes in commit order, would put them back together. A Fastify route
 * option, so the route itself says it (API and page alike).
 */
export const UnnamedInLog = () => RouteConfig({ [UNNAMED_IN_LOG]: true });

/**
 * One line per request, written when the response is done: request id, method, the route
 * pattern (`/api/negotiations/:id`, not the address with its ids and query), status, duration,
 * who asked and from where. Fastify's own pair of lines (incoming, completed) and its "route not found"
 * give way to it.
 */
export class AccessLog extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'reqId' });
  }

  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const { user, webUser } = request as LoggedRequest;
    const unnamed = (request.routeOptions?.config as { [UNNAMED_IN_LOG]?: boolean } | undefined)?.[UNNAMED_IN_LOG] === true;
    const line = {
      method: request.method,
      route: request.routeOptions?.url ?? null,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      userId: unnamed ? null : (user?.id ?? webUser?.id ?? null),
      // the client as TRUST_PROXY decides it: the socket's peer, or the address a trusted proxy forwarded
      ip: unnamed ? null : clientAddress(request),
      ...(error ? { err: error } : {}),
    };
    if (error || reply.statusCode >= 500) reply.log.error(line, 'request');
    else reply.log.info(line, 'request');
  }
}

/**
 * request.ip reads the socket, which is gone once a client that was refused before its body
 * was read (a large upload answered 403/422) has been disconnected.
 */
function clientAddress(request: FastifyRequest): string | null {
  try {
    return request.ip;
  } catch {
    return null;
  }
}

/** A 5xx's stack, on the request's own logger: the line carries the request id the client got back. */
export function logUnexpected(request: FastifyRequest, error: unknown): void {
  request.log.error({ err: error }, 'unexpected error');
}

/**
 * Nest's logger (start-up, background passes, `new Logger('Context')`) written as pino lines
 * with the context as a field. Nest's own bootstrapping chatter — every module loaded, every
 * route mapped — is debug: an operator wants one "listening" line, not a hundred.
 */
export class NestPinoLogger implements LoggerService {
  private static readonly FRAMEWORK = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = contextOf(rest);
    this.write(context && NestPinoLogger.FRAMEWORK.has(context) ? 'debug' : 'info', message, context);
  }

  error(message: unknown, ...rest: unknown[]): void {
    const context = contextOf(rest);
    const stack = typeof rest[0] === 'string' && rest[0].includes('\n') ? rest[0] : undefined;
    if (message instanceof Error) this.logger.error({ context, err: message }, message.message);
    else this.logger.error({ context, ...(stack ? { stack } : {}) }, String(message));
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, contextOf(rest));
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, contextOf(rest));
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, contextOf(rest));
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, contextOf(rest));
  }

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'fatal', message: unknown, context: string | undefined): void {
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }
}

/** Nest passes the context as the last argument. */
function contextOf(rest: unknown[]): string | undefined {
  const last = rest.at(-1);
  return typeof last === 'string' && !last.includes('\n') ? last : undefined;
}
