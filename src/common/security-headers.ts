import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the pages may load: their own styles, images and forms, nothing from elsewhere. */
export const SECURITY_POLICY: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      scriptSrc: ["'self'"],
      formAction: ["'self'"],
      // served over plain http on a LAN too (npm start): do not rewrite its own URLs to https
      upgradeInsecureRequests: null,
    },
  },
};

/**
 * helmet's headers for a policy, computed once. They do not depend on the request (no CSP
 * nonces here), and @fastify/helmet rebuilt helmet's middleware — parsing the CSP again — on
 * every request: a tenth of a public read's time.
 */
export function securityHeaders(options: HelmetOptions = SECURITY_POLICY): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => (failure = error));
  if (failure) throw failure;
  return headers;
}
