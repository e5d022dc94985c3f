import { BadRequestException, PipeTransform } from '@nestjs/common';

/**
 * The body of a route that takes none (`@Body(NoBody)`): absent or `{}`. Any field is refused
 * as ValidationPipe refuses a field a DTO does not have (API.md: 400 for an unknown field):
 * without a DTO the route read nothing and answered 200, whatever it was sent.
 */
export const NoBody: PipeTransform = {
  transform(value: unknown): undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw new BadRequestException(['the body must be empty or {}']);
    const fields = Object.keys(value);
    if (fields.length) throw new BadRequestException(fields.map((field) => `property ${field} should not exist`));
    return undefined;
  },
};
