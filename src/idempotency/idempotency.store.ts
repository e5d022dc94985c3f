import { Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LessThan } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError, badRequest, unprocessable } from '../common/domain-error';
import { Transactions } from '../database/transactions';
import { IdempotencyKey } from './idempotency-key.entity';

/** Keys are kept per principal in a 200-character column (idempotency-key.entity.ts). */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;
/** How long a key is remembered: Stripe's 24 hours; older keys are purged and act afresh. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** How long a repeat waits for the first request with its key to finish before a 409. */
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 20;

/** An answer as it went out: its status and its body, byte for byte. */
export interface Answer {
  status: number;
  body: string;
}

export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || header.length < 1 || header.length > IDEMPOTENCY_KEY_MAX_LENGTH)
    throw badRequest('EVENT.BAD_IDEMPOTENCY_KEY', `Idempotency-Key must be 1–${IDEMPOTENCY_KEY_MAX_LENGTH} characters`);
  return header;
}

/**
 * What a request is, for its key: method, URL (with its query) and body — parsed bodies as RFC
 * 8785 canonical JSON (the order of fields does not matter; no body is `{}`), text bodies as sent.
 */
export function fingerprint(method: string, url: string, body: unknown): string {
  // no body and `{}` are one request: a client that adds Content-Type and `{}` on its retry repeats it
  const text = typeof body === 'string' ? `t:${body}` : Buffer.isBuffer(body) ? `b:${body.toString('base64')}` : `j:${canonicalize(body ?? {}) ?? ''}`;
  return createHash('sha256').update(`${method.toUpperCase()} ${url}\n${text}`).digest('hex');
}

/**
 * Idempotency as Stripe does it, for any write: the first request with a key takes the key
 * (its row, inserted before the work starts — the primary key lets only one of two concurrent
 * requests have it), does the work and keeps its answer; a repeat with the same fingerprint
 * gets that answer, one with another fingerprint a 422. A refused or failed first request
 * changed nothing, so it gives the key back and a repeat is acted upon afresh.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async once(principal: string, key: string, print: string, work: () => Promise<Answer>): Promise<{ answer: Answer; replayed: boolean }> {
    const taken = await this.take(principal, key, print);
    if (taken) return { answer: taken, replayed: true };
    let answer: Answer;
    try {
      answer = await work();
    } catch (error) {
      await this.tx.run((m) => m.delete(IdempotencyKey, { userId: principal, key }));
      throw error;
    }
    if (answer.status >= 200 && answer.status < 300)
      await this.tx.run((m) => m.update(IdempotencyKey, { userId: principal, key }, { status: answer.status, response: answer.body }));
    else await this.tx.run((m) => m.delete(IdempotencyKey, { userId: principal, key }));
    return { answer, replayed: false };
  }

  /** Takes the key (undefined) or returns the first answer given under it. */
  private async take(principal: string, key: string, print: string): Promise<Answer | undefined> {
    const now = this.clock.now();
    const since = Date.now();
    let lost = 0;
    for (;;) {
      try {
        await this.tx.run(async (m) => {
          await m.delete(IdempotencyKey, { userId: principal, createdAt: LessThan(new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS).toISOString()) });
          await m.createQueryBuilder().insert().into(IdempotencyKey).values({ userId: principal, key, fingerprint: print, status: null, response: null, createdAt: now.toISOString() }).execute();
        });
        return undefined;
      } catch (error) {
        const prior = await this.tx.manager.findOne(IdempotencyKey, { where: { userId: principal, key } });
        // no row: either given back between our insert and our look (take it again) or the insert failed for another reason
        if (!prior) {
          if (++lost > 3) throw error;
          continue;
        }
        if (prior.fingerprint !== print)
          throw unprocessable('IDEMPOTENCY.KEY_REUSED_WITH_OTHER_BODY', 'this Idempotency-Key was used for another request (another route or body)');
        if (prior.status !== null) return { status: prior.status, body: prior.response ?? '' };
        // the first request with this key is still running: wait for its answer
        if (Date.now() - since > WAIT_FOR_FIRST_MS)
          throw new DomainError(409, 'IDEMPOTENCY.IN_PROGRESS', 'a request with this Idempotency-Key is still running; try again');
        await sleep(POLL_MS);
      }
    }
  }
}
