import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { Readable } from 'node:stream';
import { badRequest } from './domain-error';

/**
 * Checks every request body as a whole before any DTO sees it: a rule that holds for every
 * field of every route, so no route can forget it.
 * - Nesting deeper than `maxDepth` is refused before validation recurses into it (no body of
 *   ours is more than five levels deep).
 * - Every number must be a finite, safe integer or a fraction: `1e308` or 9007199254740993
 *   would be stored rounded.
 * - No text may carry C0 control characters other than tab and newline (a carriage return only
 *   before a newline, as forms send it), DEL or C1 controls, or the bidirectional overrides and
 *   isolates (U+202A–U+202E, U+2066–U+2069) that make a text read differently from what it says,
 *   nor half of a UTF-16 surrogate pair, which is no character.
 */
export const BODY_RULES = { maxDepth: 16 } as const;

const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\r(?!\n)/;

/** Half of a UTF-16 surrogate pair without its other half (JSON can write one as `\ud800`). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text may not be stored, or null. */
export function textProblem(text: string): string | null {
  const found = FORBIDDEN_CHARACTER.exec(text);
  if (found) return `contains the control character U+${hex(found[0])} at position ${found.index + 1}`;
  // no character at all: stored as UTF-8 it became U+FFFD, and the chain, which hashed the text
  // as sent, no longer matched the row (audit/verify reported a record nobody had changed)
  const lone = LONE_SURROGATE.exec(text);
  if (!lone) return null;
  return `contains the lone surrogate U+${hex(lone[0])} at position ${lone.index + 1}, half of a character`;
}

const hex = (character: string) => character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/** Why the body is refused, or null. Walks with a stack of its own, so depth costs no recursion. */
export function bodyProblem(body: unknown): string | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    const name = path || 'the body';
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return `${name} ${problem}`;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return `${name} must be a number between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`;
    } else if (value !== null && typeof value === 'object') {
      if (depth >= BODY_RULES.maxDepth) return `the body is nested deeper than ${BODY_RULES.maxDepth} levels`;
      for (const [key, child] of Object.entries(value)) {
        const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
        const problem = textProblem(key);
        if (problem) return `the field name ${JSON.stringify(childPath)} ${problem}`;
        stack.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** The global pipe in front of ValidationPipe (app.ts): 400 BODY.MALFORMED naming the field. */
@Injectable()
export class BodyCheckPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // a worker import (POST /api/workers) arrives as a stream and is checked row by row
    if (metadata.type !== 'body' || value instanceof Readable) return value;
    const problem = bodyProblem(value);
    if (problem) throw badRequest('BODY.MALFORMED', problem);
    return value;
  }
}
