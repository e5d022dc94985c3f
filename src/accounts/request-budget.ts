import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { bearerToken } from './auth.guard';
import { TokenVerifier } from './token-verifier';

/**
 * Whose request budget (RATE_LIMIT_PER_MINUTE per route) a request spends: the person a valid
 * access token names, else the client address. Riders reach us from mobile networks where
 * thousands share one carrier-grade NAT address; counting their inbox reads and
 * acknowledgements per address would turn a publication day into 429s. The token is only
 * verified here (an HMAC, cached): the auth guard still decides whether it may act.
 */
export const budgetHolder =
  (tokens: TokenVerifier) =>
  (request: { headers?: { authorization?: string }; ip?: string }): string => {
    const token = bearerToken(request.headers?.authorization);
    if (token) {
      try {
        const { sub } = tokens.verify<{ sub?: string }>(token);
        if (typeof sub === 'string') return `person:${sub}`;
      } catch {
        // an invalid token spends its address's budget
      }
    }
    return `address:${request.ip ?? 'unknown'}`;
  };

/**
 * Which counter a request spends: the route's and the holder's, as text. @nestjs/throttler's
 * own key is a SHA-256 of the same text, computed at every request: a Map hashes its keys itself.
 */
export const budgetKey = (context: ExecutionContext, holder: string, throttlerName: string): string =>
  `${throttlerName}:${context.getClass().name}.${context.getHandler().name}:${holder}`;

/**
 * The budgets' counters (@nestjs/throttler's storage): one fixed window per route and holder,
 * rate-limiter-flexible's memory counters; the first request past the budget starts the block
 * (the route's minute), in which the holder is refused.
 * @nestjs/throttler's own storage keeps every hit's expiry time and, on every request, filters
 * that list and takes its minimum: work that grows with the requests of the window, 8 % of a
 * rider's inbox read at a high limit.
 */
export class WindowedBudgets implements ThrottlerStorage {
  private readonly limiters = new Map<string, RateLimiterMemory>();

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): ReturnType<ThrottlerStorage['increment']> {
    const kind = `${throttlerName}:${ttl}:${limit}:${blockDuration}`;
    let limiter = this.limiters.get(kind);
    if (!limiter) this.limiters.set(kind, (limiter = new RateLimiterMemory({ points: limit, duration: ttl / 1000, blockDuration: blockDuration / 1000 })));
    try {
      const spent = await limiter.consume(key);
      return { totalHits: spent.consumedPoints, timeToExpire: Math.ceil(spent.msBeforeNext / 1000), isBlocked: false, timeToBlockExpire: 0 };
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      const seconds = Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
      return { totalHits: refused.consumedPoints, timeToExpire: seconds, isBlocked: true, timeToBlockExpire: seconds };
    }
  }
}
