import { createVerifier } from 'fast-jwt';

/** How many verified tokens are remembered (the oldest is forgotten first), and for how long at most. */
export const VERIFIED_TOKENS_KEPT = 10_000;
export const VERIFIED_TOKEN_KEPT_MS = 10 * 60_000;

/**
 * Checks our access tokens (HS256, signed by @nestjs/jwt at login). fast-jwt keeps the key
 * built once (jsonwebtoken built a KeyObject on every verify: 16 % of an OFFER's time). A
 * verified token's claims are remembered, by the token itself, until it expires (ten minutes at
 * most): a rider's app polling with the same token costs one HMAC, not one per request, and
 * the request budget and the auth guard, which both verify, one Map lookup each. fast-jwt's own
 * cache keys by a SHA-256 of the token, 2.4 % of an OFFER at two a request.
 */
export abstract class TokenVerifier {
  abstract verify<T extends object>(token: string): T;
}

export const tokenVerifier = (secret: string): TokenVerifier => {
  const verify = createVerifier({ key: secret, algorithms: ['HS256'] });
  const verified = new Map<string, { claims: object; until: number }>();
  return {
    verify<T extends object>(token: string): T {
      const now = Date.now();
      const kept = verified.get(token);
      if (kept && now < kept.until) return kept.claims as T;
      verified.delete(token);
      // a token that fails throws here, and is not remembered
      const claims = verify(token) as T & { exp?: unknown };
      if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
      const expires = typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity;
      verified.set(token, { claims, until: Math.min(expires, now + VERIFIED_TOKEN_KEPT_MS) });
      return claims;
    },
  };
};
