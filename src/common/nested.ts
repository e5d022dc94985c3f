import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsObject, IsOptional, ValidateIf, ValidateNested } from 'class-validator';

/**
 * A field holding one object of a DTO class. class-validator's ValidateNested alone lets a
 * missing value through (and validates an array element by element), so the services would
 * meet `undefined` or `[]` where an object was promised: required unless `optional`, and an
 * object, not an array.
 */
export const Nested = (type: () => new () => object, options: Presence = {}) =>
  applyDecorators(presence(options), IsObject(), ValidateNested(), Type(type));

/** A field holding an array of objects of a DTO class; required unless `optional` or `omittable`. */
export const NestedList = (type: () => new () => object, options: Presence = {}) =>
  applyDecorators(presence(options), IsArray(), ValidateNested({ each: true }), Type(type));

/**
 * May be left out, but is not null when given: class-validator's IsOptional also waves `null`
 * through, and terms are stored and computed on as given — `"termMonths": null` was published
 * as a contract's term (and counted as 12 months). The field's own rules then refuse null (400).
 */
export const Omittable = () => ValidateIf((_, value) => value !== undefined);

/**
 * Required when `when` holds of the body, and checked whenever given: a field checked only when
 * required let `"opinion": 3` through with an approval, and `"representatives": 5` unnamed
 * when `accept` itself was broken (400 names every broken field). An empty text where none is
 * needed (`"opinion": ""` with an approval) is as good as none.
 */
export const RequiredWhen = <T>(when: (body: T) => boolean) => ValidateIf((body: T, value) => when(body) || (value !== undefined && value !== ''));

/** `optional`: may be left out or null; `omittable`: may be left out, not null; neither: required. */
interface Presence {
  optional?: boolean;
  omittable?: boolean;
}
const presence = (options: Presence) => (options.omittable ? Omittable() : options.optional ? IsOptional() : IsDefined());
