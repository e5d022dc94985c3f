import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, DECORATORS, getSchemaPath } from '@nestjs/swagger';

/**
 * The helpers every controller uses to describe itself in the OpenAPI document (`/docs-json`,
 * built in openapi-document.ts). README "API document" says how to document a route.
 */

/** What DomainErrorFilter sends for every 4xx (API.md "Errors"). */
export class ErrorBody {
  @ApiProperty({ description: 'The HTTP status again', example: 404, minimum: 400, maximum: 599 })
  statusCode!: number;

  @ApiProperty({ description: 'The HTTP reason phrase', example: 'Not Found' })
  error!: string;

  @ApiProperty({
    description: 'What is wrong; a list when several things are (a 400 names every broken field)',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'negotiation not found',
  })
  message!: string | string[];

  @ApiProperty({
    description:
      'Stable machine-readable code: a domain rule\'s (`TERMS.BELOW_MINIMUM_WAGE`, …), or by status for what is refused before the rules: ' +
      '`BODY.MALFORMED` (not JSON), `REQUEST.INVALID` (a broken or unknown field; `message` names each), `ROUTE.NOT_FOUND`, `BODY.TOO_LARGE`, `BODY.UNSUPPORTED_MEDIA_TYPE`, `REQUEST.TOO_MANY`',
    example: 'NEGOTIATION.NOT_FOUND',
  })
  code!: string;
}

/** 409: the event is not allowed now, or the If-Match version is stale. */
export class ConflictBody extends ErrorBody {
  @ApiPropertyOptional({ description: 'The negotiation\'s state now', example: 'bargaining' })
  state?: string;

  @ApiPropertyOptional({ description: 'The event types this caller may send now', type: [String], example: ['OFFER', 'ACCEPT'] })
  allowed?: string[];

  @ApiPropertyOptional({ description: 'The negotiation\'s version now (stale If-Match)', type: 'integer', example: 4 })
  version?: number;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/** What each status means anywhere in this API; a route adds what it means there. */
export const ERROR_MEANINGS: Record<ErrorStatus, string> = {
  400: 'Malformed input: unknown field, wrong type or range; `message` names every broken field',
  401: 'No token, or a bad, expired or logged-out one',
  403: 'Authenticated, but this person may not do this',
  404: 'No such thing (also for things the caller may not know exist)',
  409: 'Not allowed in the current state, or not this side\'s turn (`state`, `allowed`), or a stale `If-Match` version',
  413: 'Body over the size limit (BODY_LIMIT_BYTES)',
  415: 'A content type this route does not take',
  422: 'Well-formed, but breaks a rule of substance',
  429: 'Rate limit (RATE_LIMIT_PER_MINUTE per route and client address) exceeded',
  503: 'A dependency is down',
};

/**
 * The error responses of a route: `@ApiErrors({ 404: 'No such negotiation', 422: true })` —
 * `true` takes the general meaning. 401, 429, and 400/413 for routes with input are added to
 * every operation by the document builder, so list them only to say something specific.
 */
export function ApiErrors(errors: Partial<Record<ErrorStatus, string | true>>) {
  return applyDecorators(
    ApiExtraModels(ErrorBody, ConflictBody),
    ...Object.entries(errors).map(([status, text]) =>
      ApiResponse({
        status: Number(status),
        description: text === true ? ERROR_MEANINGS[Number(status) as ErrorStatus] : text,
        type: Number(status) === 409 ? ConflictBody : ErrorBody,
      }),
    ),
  );
}

/** The schema of every list answer: `{ items, total }` (API.md). */
export function listSchema(item: Type, extra: Record<string, object> = {}) {
  return {
    type: 'object',
    required: ['items', 'total', ...Object.keys(extra)],
    properties: {
      items: { type: 'array', items: { $ref: getSchemaPath(item) } },
      total: { type: 'integer', minimum: 0, description: 'Matching items in all pages' },
      ...extra,
    },
  };
}

/** `200 { items: [item], total }`. */
export function ApiList(item: Type, description: string) {
  return applyDecorators(ApiExtraModels(item), ApiResponse({ status: 200, description, schema: listSchema(item) }));
}

/** A schema that is one of several DTOs (e.g. a verification result). */
export function oneOfSchema(...types: Type[]) {
  return { oneOf: types.map((type) => ({ $ref: getSchemaPath(type) })) };
}

/**
 * Marks operations as needing no token (`security: []`, overriding the document's bearer
 * requirement). Used by `@Public()`, so the document says exactly what the guard lets through.
 * On a class it marks every route of the controller.
 */
export function ApiPublic(): ClassDecorator & MethodDecorator {
  const mark = (handler: object) =>
    Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...Reflect.getMetadata(DECORATORS.API_OPERATION, handler), security: [] }, handler);
  return ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      mark(descriptor.value);
      return descriptor;
    }
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype))
      if (name !== 'constructor' && typeof prototype[name] === 'function') mark(prototype[name] as object);
    return target;
  }) as ClassDecorator & MethodDecorator;
}
