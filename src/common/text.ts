import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';

/**
 * A text people write for others to read — a title, a name, a reason, an opinion, a clause —
 * must say something: `min` to `max` characters, one of them not white space. JavaScript's `\s`
 * is Unicode's, so a text of ideographic spaces (U+3000, what a Chinese keyboard types) is
 * refused as an empty one is, and never reaches the record. An empty text is MinLength's to
 * name, and a text that is no string IsString's: each broken rule is named once.
 */
export const Text = (min: number, max: number) =>
  applyDecorators(
    IsString(),
    MinLength(min),
    MaxLength(max),
    ValidateBy({
      name: 'isNotBlank',
      validator: { validate: (value) => typeof value !== 'string' || value === '' || /\S/.test(value), defaultMessage: (args) => `${args?.property ?? 'the text'} must not be blank` },
    }),
  );
