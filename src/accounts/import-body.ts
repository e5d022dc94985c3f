import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';

export const IMPORT_CONTENT_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl'];
const IMPORT_ROUTE = /^\/api\/workers$/;
/** Order samples for costing (src/costing) arrive as a stream, read row by row as they come. */
const SAMPLE_ROUTE = /^\/api\/negotiations\/[^/]+\/order-samples$/;

export const isImport = (contentType: string | undefined): boolean => IMPORT_CONTENT_TYPES.some((type) => contentType?.startsWith(type));
const pathOf = (url: string) => url.split('?')[0];

/**
 * Bulk imports arrive as streams under their own, larger size limits, read row by row as they
 * come: a worker import (POST /api/workers) is handed over unread and WorkersService counts
 * IMPORT_BODY_LIMIT_BYTES as it reads it line by line, so a big import never sits whole in
 * memory or holds the event loop. Only the import routes take these types (415 elsewhere,
 * before the body is read), so the larger limits cannot be used to send big bodies to any
 * other route.
 */
export function registerImportBody(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    if (isImport(request.headers['content-type']) && !(request.method === 'POST' && (IMPORT_ROUTE.test(path) || SAMPLE_ROUTE.test(path))))
      return reply.code(415).send({ statusCode: 415, error: 'Unsupported Media Type', message: `${request.headers['content-type']} is taken only by POST /api/workers and POST /api/negotiations/:id/order-samples` });
  });
  fastify.addContentTypeParser(IMPORT_CONTENT_TYPES, (request, payload, done) => {
    if (SAMPLE_ROUTE.test(pathOf(request.url))) return done(null, limited(payload, config.SAMPLE_BODY_LIMIT_BYTES));
    done(null, payload);
  });
}

const tooLarge = (limit: number) => Object.assign(new DomainError(413, 'BODY.TOO_LARGE', `the body is over the limit of ${limit} bytes`), { statusCode: 413 });

/** The body as chunks, failing with 413 once it passes the limit (the rest is never read). */
async function* limited(stream: AsyncIterable<Buffer>, limit: number): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    yield chunk;
  }
}
