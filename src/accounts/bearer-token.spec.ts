import { bearerToken } from './auth.guard';

describe('bearerToken', () => {
  it('reads the token whatever the case of the scheme name', () => {
    for (const header of ['Bearer abc.def.ghi', 'bearer abc.def.ghi', 'BEARER abc.def.ghi', 'Bearer  abc.def.ghi '])
      expect(bearerToken(header)).toBe('abc.def.ghi');
  });

  it('has no token for another scheme, an empty one, or none', () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearerabc', 'Bearer a b'])
      expect(bearerToken(header)).toBeUndefined();
  });
});
