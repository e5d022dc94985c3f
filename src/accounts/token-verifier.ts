import { createVerifier } from 'fast-jwt';

/**
 * Checks our access tokens (HS256, signed by @nestjs/jwt at login). fast-jwt keeps the key
 * built once (jsonwebtoken built a KeyObject on every verify: 16 % of an OFFER's time) and
 * remembers recently verified tokens until they expire, so a rider's app polling with the
 * same token costs one HMAC, not one per request.
 */
export abstract class TokenVerifier {
  abstract verify<T extends object>(token: string): T;
}

export const tokenVerifier = (secret: string): TokenVerifier => {
  const verify = createVerifier({ key: secret, algorithms: ['HS256'], cache: 10_000 });
  return { verify: (token) => verify(token) };
};
