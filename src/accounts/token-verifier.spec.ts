import { createSigner } from 'fast-jwt';
import { VERIFIED_TOKENS_KEPT, VERIFIED_TOKEN_KEPT_MS, tokenVerifier } from './token-verifier';

describe('tokenVerifier', () => {
  const secret = 'a secret of at least thirty-two characters';
  const sign = createSigner({ key: secret, algorithm: 'HS256' });
  afterEach(() => jest.restoreAllMocks());

  it('returns the claims of a good token, from memory the second time', () => {
    const verifier = tokenVerifier(secret);
    const token = sign({ sub: 'u1', jti: 'j1', exp: Math.floor(Date.now() / 1000) + 3600 });
    const first = verifier.verify<{ sub: string }>(token);
    expect(first.sub).toBe('u1');
    expect(verifier.verify(token)).toBe(first);
  });

  it('refuses a token signed with another key, a changed token and an expired one, remembered or not', () => {
    const verifier = tokenVerifier(secret);
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const good = sign({ sub: 'u1', jti: 'j1', exp });
    verifier.verify(good);
    const [header, , signature] = good.split('.');
    const changed = `${header}.${Buffer.from(JSON.stringify({ sub: 'admin', jti: 'j1', exp })).toString('base64url')}.${signature}`;
    expect(() => verifier.verify(changed)).toThrow();
    expect(() => verifier.verify(createSigner({ key: 'another secret of thirty-two characters!', algorithm: 'HS256' })({ sub: 'u1', exp }))).toThrow();
    expect(() => verifier.verify(sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) - 1 }))).toThrow();
  });

  it('forgets a remembered token when it expires', () => {
    const verifier = tokenVerifier(secret);
    const now = Date.now();
    const token = sign({ sub: 'u1', exp: Math.floor(now / 1000) + 60 });
    verifier.verify(token);
    jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    expect(() => verifier.verify(token)).toThrow(/expired/);
  });

  it('verifies a remembered token again after VERIFIED_TOKEN_KEPT_MS, and keeps at most VERIFIED_TOKENS_KEPT', () => {
    const verifier = tokenVerifier(secret);
    const now = Date.now();
    const token = sign({ sub: 'u1', exp: Math.floor(now / 1000) + 86_400 });
    const first = verifier.verify(token);
    jest.spyOn(Date, 'now').mockReturnValue(now + VERIFIED_TOKEN_KEPT_MS + 1);
    const again = verifier.verify(token);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    for (let i = 0; i < VERIFIED_TOKENS_KEPT; i++) verifier.verify(sign({ sub: `u${i}`, exp: Math.floor(now / 1000) + 86_400 }));
    // the first token was the oldest remembered: it is verified anew
    expect(verifier.verify(token)).not.toBe(again);
  });
});
