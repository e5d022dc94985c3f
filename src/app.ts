import compress from '@fastify/compress';
import { Logger, ValidationPipe } from '@nestjs/common';
import { VALIDATION_OPTIONS, keepValidationRulesLookedUp } from './common/validation';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { Clock } from './common/clock';
import { HostResolver } from './common/outbound-request';
import { BodyCheckPipe } from './common/body-check.pipe';
import { DomainErrorFilter } from './common/domain-error.filter';
import { DomainError } from './common/domain-error';
import { AccessLog, NestPinoLogger, REQUEST_ID_HEADER, createLogger, requestIdGenerator } from './common/logging';
import { createOpenApiDocument } from './common/openapi-document';
import { ImmutableAnswers } from './common/cacheable-read';
import { arrivalOrder } from './common/arrival-order';
import { closeGracefully } from './common/graceful-close';
import { securityHeaders } from './common/security-headers';
import { trustedPeers } from './common/trusted-proxies';
import { AppConfig } from './config/app-config';
import { registerWebPlugins } from './web/web-plugins';
import { registerImportBody } from './accounts/import-body';
import type { DestinationStream } from 'pino';

export interface AppOverrides {
  clock?: Clock;
  /** Where the log lines go (tests read them); by default standard output. */
  logDestination?: DestinationStream;
  /** Where outgoing requests (webhooks) resolve host names; tests give names answers of their own. */
  resolver?: HostResolver;
}

/**
 * Answers shorter than this go uncompressed: a negotiation view (~1.5 KB) fits in two TCP
 * segments either way, and a brotli or gzip context per answer cost OFFER a tenth of its
 * throughput. Pages, the stylesheet and lists are longer and are compressed.
 */
export const COMPRESS_FROM_BYTES = 2048;

/**
 * The longest path segment (an id) routed; a longer one is 414 URI Too Long. Fastify's default
 * of 100 answered an unknown 200-character id with 414 where a 36-character one gets its
 * route's 404; ids are UUIDs, codes are shorter, and the whole request line is bounded by
 * Node's 16 KiB header limit anyway.
 */
export const MAX_PARAM_LENGTH = 2048;

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Builds the application (not yet listening): the same set-up for `npm start` and the tests. */
export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<NestFastifyApplication> {
  const logger = createLogger(config, overrides.logDestination);
  // the client address (request.ip, rate limits) and the request id come from X-Forwarded-For
  // and X-Request-Id only when the peer is a configured proxy (docs/deploy.md)
  const trusted = trustedPeers(config.TRUST_PROXY);
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    loggerInstance: logger,
    logController: new AccessLog(),
    genReqId: requestIdGenerator(trusted),
    trustProxy: (address: string) => trusted(address),
  });
  // helmet's headers (src/common/security-headers.ts) and the request id, on every answer
  const security = securityHeaders();
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    reply.headers(security).header(REQUEST_ID_HEADER, request.id);
  });
  // `?region=&industry=` — API.md's own templates, a form's blank fields: an empty value is no filter
  adapter.getInstance().addHook('onRequest', async (request) => {
    const query = request.query as Record<string, unknown>;
    for (const key of Object.keys(query)) if (query[key] === '') delete query[key];
  });
  // the API speaks JSON (API.md): a form or plain text sent to it is 415, not read as something
  // else (a JSON event sent as text/plain was "no event type"); the pages take forms
  adapter.getInstance().addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const type = request.headers['content-type']?.split(';')[0].trim().toLowerCase();
    if (type === 'application/x-www-form-urlencoded' || type === 'text/plain')
      throw new DomainError(415, 'BODY.UNSUPPORTED_MEDIA_TYPE', `the API takes JSON (Content-Type: application/json), and CSV (text/csv) or JSON lines (application/x-ndjson) where a route says so, not ${type}`);
  });
  // JSON is UTF-8 (RFC 8259 §8.1): bytes that are not were decoded as U+FFFD, and a text was
  // stored other than it was sent (a lone surrogate, its \u-escaped twin, was already a 400).
  // Registered as Nest's own JSON parser, which it replaces; the rest is Fastify's default parser
  const parseJson = adapter.getInstance().getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  adapter.useBodyParser('application/json', false, { bodyLimit: config.BODY_LIMIT_BYTES }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      return done(new DomainError(400, 'BODY.MALFORMED', 'the body is not UTF-8 text'), undefined);
    }
    parseJson(request, text, (error, parsed) => {
      // valid JSON refused all the same: secure-json-parse's guard against prototype poisoning
      // (Fastify said "Body is not valid JSON")
      if (error && isJson(text)) return done(new DomainError(400, 'BODY.MALFORMED', 'no field may be named __proto__, nor a field named constructor hold one named prototype'), undefined);
      done(error, parsed);
    });
  });
  // abortOnError: false — a bad rule pack or database throws to the caller (main prints it) instead of exiting the process
  const options = { logger: new NestPinoLogger(logger), bufferLogs: false, abortOnError: false };
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, overrides.clock, overrides.resolver), adapter, options as never);
  // published agreements already read once are answered before Nest (src/common/cacheable-read.ts)
  adapter.getInstance().addHook('onRequest', app.get(ImmutableAnswers).hook);
  // every other request starts in the order it arrived (src/common/arrival-order.ts); an answer
  // from memory, above, takes a few microseconds, less than the turn of the loop it would wait
  adapter.getInstance().addHook('onRequest', arrivalOrder());
  // at shutdown a connection that owes nothing (not even a whole request) does not hold it up
  closeGracefully(adapter.getInstance(), config.SHUTDOWN_GRACE_MS);
  // brotli or gzip when the client asks; the SSE stream (/api/me/stream) writes to the socket itself and is never buffered
  await app.register(compress as never, { encodings: ['br', 'gzip'], threshold: COMPRESS_FROM_BYTES });
  registerImportBody(app, config);
  // the web pages: cookies, CSRF tokens and nunjucks templates (src/web/web-plugins.ts)
  await registerWebPlugins(app, config);
  // the body as a whole first (depth, numbers, control characters), then the route's DTO
  keepValidationRulesLookedUp();
  const validation = new ValidationPipe(VALIDATION_OPTIONS);
  app.useGlobalPipes(new BodyCheckPipe(validation), validation);
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableShutdownHooks();
  // built at the first request for /docs (a scan of every route: a tenth of a start)
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  Logger.flush();
  return app;
}
