import ipaddr from 'ipaddr.js';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';

/**
 * Requests the server makes on someone else's say-so (webhooks): where they may go and how
 * they are sent, so that a URL cannot point the server at itself or its private network (SSRF).
 * The name is resolved when the request is made, not when the URL was registered (a name may
 * start resolving elsewhere), every address is checked, the connection goes to the checked
 * address, and redirects are answers, never followed.
 */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to. Injected, so tests can make a name change its answer. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;
export const HOST_RESOLVER = Symbol('HOST_RESOLVER');

export const systemResolver: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/** IPv6 global unicast (RFC 4291 §2.4): everything else is local, special or unassigned. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Why the server must not connect to this address, or null for a public unicast one. Decided
 * by ipaddr.js's IANA special-purpose ranges: loopback, private, unique-local, link-local,
 * site-local (fec0::/10), CGNAT (100.64/10), multicast, broadcast, reserved, documentation,
 * `::`, and IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo).
 */
export function addressProblem(address: string): string | null {
  if (!isIP(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.parse(address);
  const range = parsed.range();
  if (range !== 'unicast') return `${address} is in the ${range} range, not a public address`;
  if (parsed.kind() === 'ipv6' && !(parsed as ipaddr.IPv6).match(GLOBAL_UNICAST_V6)) return `${address} is not a global unicast address`;
  return null;
}

export interface DestinationPolicy {
  /** Production: only https. */
  requireHttps: boolean;
  /** Development and tests post to receivers on localhost; production never does. */
  allowPrivate: boolean;
}

/** The destination may not be used; the message says why (it is recorded with the attempt). */
export class DestinationRefused extends Error {}

export interface Destination {
  url: URL;
  address: ResolvedAddress;
}

/** Resolves the URL's host now and checks every address it resolves to. */
export async function checkDestination(url: string, policy: DestinationPolicy, resolve: HostResolver): Promise<Destination> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DestinationRefused(`${url} is not a URL`);
  }
  if (parsed.protocol !== 'https:' && (policy.requireHttps || parsed.protocol !== 'http:'))
    throw new DestinationRefused(`${parsed.protocol} is not allowed: use https`);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      throw new DestinationRefused(`${host} does not resolve (${(error as Error).message})`);
    }
    if (!addresses.length) throw new DestinationRefused(`${host} does not resolve`);
  }
  if (!policy.allowPrivate)
    for (const { address } of addresses) {
      const problem = addressProblem(address);
      if (problem) throw new DestinationRefused(host === address ? problem : `${host}: ${problem}`);
    }
  return { url: parsed, address: addresses[0] };
}

export interface OutboundResponse {
  status: number;
  /** Where a 3xx pointed (not followed). */
  location?: string;
}

/**
 * POSTs to the checked address and no other: the socket's lookup answers with it, so the
 * name is not resolved a second time; no connection pool, so no socket opened for an earlier
 * answer is reused; and Node's http client never follows a redirect.
 */
export function postToDestination(destination: Destination, headers: Record<string, string>, body: string, timeoutMs: number): Promise<OutboundResponse> {
  const { address, family } = destination.address;
  const lookup: LookupFunction = (_hostname, options, callback) =>
    options.all ? (callback as (e: null, a: ResolvedAddress[]) => void)(null, [{ address, family }]) : callback(null, address, family);
  const send = destination.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      destination.url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume();
        const location = response.headers.location;
        resolve({ status: response.statusCode ?? 0, ...(location ? { location } : {}) });
      },
    );
    request.on('error', (error) => reject(error.name === 'AbortError' || error.name === 'TimeoutError' ? new Error(`no answer within ${timeoutMs} ms`) : error));
    request.end(body);
  });
}
