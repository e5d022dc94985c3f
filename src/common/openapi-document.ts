import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_MAX_LENGTH } from '../idempotency/idempotency.store';
import { ConflictBody, ERROR_MEANINGS, ErrorBody, ErrorStatus } from './openapi';

type Operation = {
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * The OpenAPI document of `/docs-json`, generated from the controllers' decorators. What
 * holds for every route is added here once rather than on each: the bearer requirement
 * (`@Public()` routes say `security: []`), 401 where a token is needed, 429 (the global
 * throttler), 400/413 where a route takes input, and `Idempotency-Key` on every POST a
 * signed-in caller makes (IdempotencyInterceptor), with its 422 and 409.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Xieshang 协商')
    .setDescription(
      'Collective bargaining for platform workers: negotiations, consultation, ratification, publication. ' +
        'JSON everywhere; times ISO 8601; money integer fen; ratios basis points. ' +
        'Errors: `{ statusCode, error, message, code? }` (409 adds `state` and `allowed`).',
    )
    .setVersion('0.1.0')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken of POST /api/auth/login' }, 'bearer')
    .addSecurityRequirements('bearer')
    .addTag('auth', 'Logging in and out')
    .addTag('negotiations', 'Collective contracts and rule changes, their events and records')
    .addTag('agreements', 'Published contracts and rule changes (public)')
    .addTag('workers', "Riders' inbox and stream; enterprises' worker registry")
    .addTag('organizations', "An enterprise's or a bureau's own webhook")
    .addTag('deadlines', 'Statutory deadlines and notifications')
    .addTag('administration', 'Registering organisations and people (admin)')
    .addTag('operations', 'Health')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorBody, ConflictBody],
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  for (const [url, path] of Object.entries(document.paths))
    for (const method of METHODS) {
      const operation = path[method] as Operation | undefined;
      if (!operation) continue;
      if (method === 'post' && url.startsWith('/api/') && !(operation.security && operation.security.length === 0)) addIdempotencyKey(operation);
      addCommonResponses(operation);
    }
  return document;
}

function addCommonResponses(operation: Operation): void {
  const add = (status: ErrorStatus) => {
    operation.responses[status] ??= {
      description: ERROR_MEANINGS[status],
      content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } },
    };
  };
  const takesInput = Boolean(operation.requestBody) || (operation.parameters?.length ?? 0) > 0;
  if (takesInput) add(400);
  if (!(operation.security && operation.security.length === 0)) add(401);
  if (operation.requestBody) add(413);
  add(429);
}

/** IdempotencyInterceptor's header: every POST by a signed-in caller takes it. */
function addIdempotencyKey(operation: Operation): void {
  operation.parameters = [
    ...(operation.parameters ?? []),
    {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        `Any string of 1–${IDEMPOTENCY_KEY_MAX_LENGTH} characters (400 EVENT.BAD_IDEMPOTENCY_KEY otherwise), kept 24 h per person: ` +
        'a repeat with the same body gets the first answer byte for byte and changes nothing; with another body or route 422 ' +
        'IDEMPOTENCY.KEY_REUSED_WITH_OTHER_BODY; while the first is still running a repeat waits for it (409 IDEMPOTENCY.IN_PROGRESS after 10 s). ' +
        'A streamed upload (order samples) cannot be fingerprinted before it is read and acts every time.',
      schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH },
    },
  ];
  const say = (status: '409' | '422', text: string) => {
    const prior = operation.responses[status] as { description?: string } | undefined;
    if (prior) prior.description = `${prior.description ?? ''}; ${text}`;
    else operation.responses[status] = { description: text, content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } } };
  };
  say('422', 'An Idempotency-Key used before with another body (IDEMPOTENCY.KEY_REUSED_WITH_OTHER_BODY)');
  say('409', 'A request with this Idempotency-Key is still running (IDEMPOTENCY.IN_PROGRESS)');
  addBadRequest(operation);
}

function addBadRequest(operation: Operation): void {
  operation.responses['400'] ??= {
    description: ERROR_MEANINGS[400],
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } },
  };
}
