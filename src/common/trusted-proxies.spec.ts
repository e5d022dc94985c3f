import { invalidProxyEntries, trustedPeers } from './trusted-proxies';

describe('trusted proxies (TRUST_PROXY)', () => {
  it('trusts nobody when the list is empty', () => {
    const trusted = trustedPeers('');
    expect(['127.0.0.1', '::1', '10.0.0.1'].filter(trusted)).toEqual([]);
  });

  it('trusts listed addresses and ranges, and nothing next to them', () => {
    const trusted = trustedPeers('10.1.0.0/16, 192.0.2.10 ,2001:db8::/32');
    expect(trusted('10.1.255.255')).toBe(true);
    expect(trusted('10.2.0.0')).toBe(false);
    expect(trusted('192.0.2.10')).toBe(true);
    expect(trusted('192.0.2.11')).toBe(false);
    expect(trusted('2001:db8::7')).toBe(true);
    expect(trusted('2001:db9::7')).toBe(false);
  });

  it('takes an IPv4-mapped IPv6 peer (a dual-stack socket) as its IPv4 address', () => {
    expect(trustedPeers('127.0.0.1')('::ffff:127.0.0.1')).toBe(true);
    expect(trustedPeers('::ffff:10.0.0.0/104')('10.3.4.5')).toBe(true);
  });

  it('trusts no peer without an address', () => {
    expect(trustedPeers('0.0.0.0/0')(undefined)).toBe(false);
    expect(trustedPeers('0.0.0.0/0')('not an address')).toBe(false);
  });

  it('names the entries that are neither an address nor a range', () => {
    expect(invalidProxyEntries('10.0.0.0/8, loopback, 10.0.0.0/33, ::1')).toEqual(['loopback', '10.0.0.0/33']);
    expect(invalidProxyEntries('')).toEqual([]);
  });
});
