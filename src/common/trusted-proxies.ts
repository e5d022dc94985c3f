import ipaddr from 'ipaddr.js';

/**
 * Which peers may speak for the client (TRUST_PROXY): only a request whose socket comes from
 * one of these addresses has its `X-Forwarded-For` and `X-Request-Id` believed. Everyone else
 * is the client themselves, so a forged header cannot move a login's rate limit to another
 * address nor plant a request id in the logs.
 */
export type TrustedPeer = (address: string | undefined) => boolean;

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** A bare address is a range of one; IPv4-mapped IPv6 (::ffff:10.0.0.1) counts as the IPv4 address. */
function rangeOf(entry: string): Range {
  if (entry.includes('/')) {
    const [address, bits] = ipaddr.parseCIDR(entry);
    return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96
      ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96]
      : [address, bits];
  }
  const address = ipaddr.process(entry);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/** The entries of a TRUST_PROXY value that are neither an address nor a CIDR range. */
export function invalidProxyEntries(list: string): string[] {
  return splitList(list).filter((entry) => {
    try {
      rangeOf(entry);
      return false;
    } catch {
      return true;
    }
  });
}

/** Parses TRUST_PROXY ("10.0.0.0/8, 127.0.0.1"; empty: nobody) into a predicate on peer addresses. */
export function trustedPeers(list: string): TrustedPeer {
  const ranges = splitList(list).map(rangeOf);
  if (ranges.length === 0) return () => false;
  return (address) => {
    if (!address || !ipaddr.isValid(address)) return false;
    const peer = ipaddr.process(address);
    return ranges.some(([range, bits]) => range.kind() === peer.kind() && peer.match(range as never, bits));
  };
}

function splitList(list: string): string[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}
