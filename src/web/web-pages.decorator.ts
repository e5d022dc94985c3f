import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../accounts/auth.decorators';
import { WebErrorFilter } from './web-errors';
import { LoginRequired, WebSessionGuard } from './web-guards';

/**
 * A controller of pages: outside the API's bearer-token guard and its OpenAPI document, with
 * the cookie session and errors rendered as pages; `signedIn` pages send strangers to /login.
 */
export function WebPages(options: { signedIn?: boolean } = {}) {
  return applyDecorators(
    ApiExcludeController(),
    Public(),
    ...(options.signedIn ? [LoginRequired()] : []),
    UseGuards(WebSessionGuard),
    UseFilters(WebErrorFilter),
  );
}
