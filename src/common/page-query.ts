import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The last page any list may ask for: 10⁸ items at 100 a page, more than any list holds. Past
 * it the offset overflowed SQLite's 64-bit integers (page 10²⁰: a 500, "datatype mismatch").
 */
export const MAX_PAGE = 1_000_000;

/** `?page=&pageSize=` of every list: pages from 1 to MAX_PAGE, at most 100 items a page. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1, description: 'Page number, from 1' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'Items per page' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  pageSize: number = 20;
}
