import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_POLICY, securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it('are the headers helmet itself sets for the policy', () => {
    const set: Record<string, string> = {};
    const res = { setHeader: (k: string, v: string) => (set[k.toLowerCase()] = v), removeHeader: (k: string) => delete set[k.toLowerCase()] };
    helmet(SECURITY_POLICY)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
    expect(securityHeaders()).toEqual(set);
  });

  it("keep the pages' policy: own scripts and forms only, no upgrade to https", () => {
    const csp = securityHeaders()['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(securityHeaders()['x-content-type-options']).toBe('nosniff');
    expect(securityHeaders()['x-powered-by']).toBeUndefined();
  });
});
