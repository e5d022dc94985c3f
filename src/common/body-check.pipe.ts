import { ArgumentMetadata, BadRequestException, PipeTransform } from '@nestjs/common';
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
/** `maxProblems`: the answer names at most so many (a 256 KiB body of `1e999,` was 40 000 messages, 3 MB). */
export const BODY_RULES = { maxDepth: 16, maxProblems: 100 } as const;

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

/** A part of the body that may not be stored: where (`terms.pieceRates[0].baseFen`, '' for the body itself) and why. */
export interface BodyProblem {
  path: string;
  message: string;
}

/**
 * Every part of the body that may not be stored, in the order they stand in it; nesting too
 * deep is the one answer when it is found (nothing below it is looked at). Walks with a stack of
 * its own, so depth costs no recursion.
 */
export function bodyProblems(body: unknown): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length) {
    if (problems.length >= BODY_RULES.maxProblems) return [...problems, { path: '', message: `and more: the first ${BODY_RULES.maxProblems} are named` }];
    const { value, path, depth } = stack.pop()!;
    const name = path || 'the body';
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) problems.push({ path, message: `${name} ${problem}` });
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) problems.push({ path, message: `${name} must be a number between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}` });
    } else if (value !== null && typeof value === 'object') {
      if (depth >= BODY_RULES.maxDepth) return [{ path: '', message: `the body is nested deeper than ${BODY_RULES.maxDepth} levels` }];
      const children: typeof stack = [];
      for (const [key, child] of Object.entries(value)) {
        const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
        const problem = textProblem(key);
        if (problem) problems.push({ path: childPath, message: `the field name ${JSON.stringify(childPath)} ${problem}` });
        else children.push({ value: child, path: childPath, depth: depth + 1 });
      }
      // popped first to last: the problems are listed in the body's order
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return problems;
}

/** `terms.pieceRates[0].baseFen` as ValidationPipe's messages begin: `terms.pieceRates.0.baseFen`. */
const asValidationPath = (path: string) => path.replace(/\[(\d+)\]/g, '.$1');
/** The field a message of class-validator's is about: `title must…`, `nested property scope must…`, `each value in members…`. */
const VALIDATION_FIELD = /^(?:each value in )?(?:nested property )?(\S+)/;

/**
 * The global pipe in front of ValidationPipe (app.ts): 400 BODY.MALFORMED. API.md: the message
 * names every broken field, so a body with a part that may not be stored is also validated
 * against the route's DTO, and the answer lists both (each field once: the DTO's message for a
 * part already named is left out). Too deep a body is refused before any validation.
 */
export class BodyCheckPipe implements PipeTransform {
  /** `validation`: the ValidationPipe this pipe stands in front of (app.ts), asked for its messages early. */
  constructor(private readonly validation: PipeTransform) {}

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // a worker import (POST /api/workers) arrives as a stream and is checked row by row
    if (metadata.type !== 'body' || value instanceof Readable) return value;
    const problems = bodyProblems(value);
    if (!problems.length) return value;
    const messages = problems.map((p) => p.message);
    const named = new Set(problems.map((p) => asValidationPath(p.path)));
    if (named.has('')) throw badRequest('BODY.MALFORMED', messages);
    try {
      await this.validation.transform(value, metadata);
    } catch (error) {
      const more = error instanceof BadRequestException ? (error.getResponse() as { message?: unknown }).message : undefined;
      for (const m of Array.isArray(more) ? more : []) if (typeof m === 'string' && !named.has(VALIDATION_FIELD.exec(m)?.[1] ?? '')) messages.push(m);
    }
    // one message is answered as a text (DomainErrorFilter), as before
    throw badRequest('BODY.MALFORMED', messages);
  }
}
