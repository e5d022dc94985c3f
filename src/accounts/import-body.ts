import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../config/app-config';

export const IMPORT_CONTENT_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl'];
const IMPORT_ROUTE = '/api/workers';

export const isImport = (contentType: string | undefined): boolean => IMPORT_CONTENT_TYPES.some((type) => contentType?.startsWith(type));

/**
 * Bulk worker imports arrive as text under their own, larger size limit. Only the import
 * route takes these types (415 elsewhere, before the body is read), so the larger limit
 * cannot be used to send big bodies to any other route.
 */
export function registerImportBody(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    if (isImport(request.headers['content-type']) && !(request.method === 'POST' && request.url.split('?')[0] === IMPORT_ROUTE))
      return reply.code(415).send({ statusCode: 415, error: 'Unsupported Media Type', message: `${request.headers['content-type']} is taken only by POST ${IMPORT_ROUTE}` });
  });
  fastify.addContentTypeParser(IMPORT_CONTENT_TYPES, { parseAs: 'string', bodyLimit: config.IMPORT_BODY_LIMIT_BYTES }, (_request, body, done) =>
    done(null, body),
  );
}
