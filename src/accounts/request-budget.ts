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
