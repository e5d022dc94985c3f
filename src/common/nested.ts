import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';

/**
 * A field holding one object of a DTO class. class-validator's ValidateNested alone lets a
 * missing value through (and validates an array element by element), so the services would
 * meet `undefined` or `[]` where an object was promised: required unless `optional`, and an
 * object, not an array.
 */
export const Nested = (type: () => new () => object, options: { optional?: boolean } = {}) =>
  applyDecorators(options.optional ? IsOptional() : IsDefined(), IsObject(), ValidateNested(), Type(type));

/** A field holding an array of objects of a DTO class; required unless `optional`. */
export const NestedList = (type: () => new () => object, options: { optional?: boolean } = {}) =>
  applyDecorators(options.optional ? IsOptional() : IsDefined(), IsArray(), ValidateNested({ each: true }), Type(type));
