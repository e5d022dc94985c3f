import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/**
 * A request header, left out of the OpenAPI parameters: the route documents it with
 * `@ApiHeader` (optional headers) or the bearer security scheme (Authorization) — Nest's
 * `@Headers(name)` would add a second copy, marked required.
 */
export const RequestHeader = createParamDecorator(
  (name: string, context: ExecutionContext): string | undefined => context.switchToHttp().getRequest().headers[name],
);
