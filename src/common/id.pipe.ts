import { PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { notFound } from './domain-error';

/**
 * A path id. Ours are UUIDs, so anything else names nothing: 404 `<WHAT>.NOT_FOUND`, as for an
 * id nobody has (API.md: 404 "no such thing"), not the 400 of Nest's ParseUUIDPipe — a client
 * following a stale or mistyped link learns the same thing either way.
 */
export class IdOf implements PipeTransform<unknown, string> {
  constructor(private readonly what: string) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !isUUID(value)) throw notFound(this.what);
    return value;
  }
}
