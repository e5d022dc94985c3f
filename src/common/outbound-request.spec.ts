import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { addressProblem, checkDestination, DestinationRefused, HostResolver, postToDestination } from './outbound-request';

const PRODUCTION = { requireHttps: true, allowPrivate: false };
const DEVELOPMENT = { requireHttps: false, allowPrivate: true };
/** A resolver that knows only the names a test gives it (and never asks real DNS). */
const names =
  (table: Record<string, string[]>): HostResolver =>
  async (host) => {
    const addresses = table[host];
    if (!addresses) throw new Error(`ENOTFOUND ${host}`);
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

describe('addressProblem', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '100.127.255.254',
    '224.0.0.1', '255.255.255.255', '240.0.0.1', '192.0.2.1', '198.18.0.1',
    '::', '::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '::127.0.0.1', '::8.8.8.8', 'fec0::1', 'fd00::1', 'fe80::1', 'ff02::1',
    '64:ff9b::7f00:1', '2002:7f00:1::1', '2001::1', '2001:db8::1', '4000::1',
  ])('refuses %s', (address) => {
    expect(addressProblem(address)).toEqual(expect.any(String));
  });

  it.each(['93.184.216.34', '8.8.8.8', '100.63.255.255', '100.128.0.1', '2606:4700:4700::1111'])('lets %s through', (address) => {
    expect(addressProblem(address)).toBeNull();
  });
});

describe('checkDestination in production', () => {
  it.each([
    ['https://[::ffff:127.0.0.1]:9443/', /7f00:1 is in the ipv4Mapped range/],
    ['https://[::]/', /unspecified/],
    ['https://[::ffff:a9fe:a9fe]/', /ipv4Mapped/],
    ['https://100.64.0.1/', /carrierGradeNat/],
    ['https://[fec0::1]/', /deprecatedSiteLocal/],
    ['https://localhost/hook', /localhost: 127\.0\.0\.1 is in the loopback range/],
    ['https://2130706433/hook', /127\.0\.0\.1 is in the loopback range/],
    ['https://rebind.example/hook', /rebind\.example: 10\.0\.0\.5 is in the private range/],
    ['https://unknown.example/hook', /does not resolve/],
    ['http://hooks.example/hook', /use https/],
    ['ftp://hooks.example/hook', /use https/],
  ])('refuses %s', async (url, why) => {
    const resolve = names({ localhost: ['127.0.0.1'], 'rebind.example': ['93.184.216.34', '10.0.0.5'], 'hooks.example': ['93.184.216.34'] });
    const refused = checkDestination(url, PRODUCTION, resolve);
    await expect(refused).rejects.toBeInstanceOf(DestinationRefused);
    await expect(refused).rejects.toThrow(why);
  });

  it('takes an https name whose every address is public, and keeps the address it checked', async () => {
    const destination = await checkDestination('https://hooks.example/x', PRODUCTION, names({ 'hooks.example': ['2606:4700:4700::1111', '93.184.216.34'] }));
    expect(destination.address).toEqual({ address: '2606:4700:4700::1111', family: 6 });
  });

  it('resolves at every check: a name that starts resolving to a private address is refused from then on', async () => {
    const table: Record<string, string[]> = { 'hooks.example': ['93.184.216.34'] };
    await expect(checkDestination('https://hooks.example/x', PRODUCTION, names(table))).resolves.toBeDefined();
    table['hooks.example'] = ['127.0.0.1'];
    await expect(checkDestination('https://hooks.example/x', PRODUCTION, names(table))).rejects.toThrow(/loopback/);
  });
});

describe('postToDestination', () => {
  let server: Server;
  let port: number;
  const seen: string[] = [];
  let answer: { status: number; location?: string } = { status: 200 };
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.headers.host} ${req.url}`);
      req.resume();
      req.on('end', () => res.writeHead(answer.status, answer.location ? { location: answer.location } : {}).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    answer = { status: 200 };
  });

  it('connects to the address it checked, without resolving the name again', async () => {
    // hook.invalid has no DNS answer at all (RFC 6761): only the checked address can be reached
    const destination = await checkDestination(`http://hook.invalid:${port}/x`, DEVELOPMENT, names({ 'hook.invalid': ['127.0.0.1'] }));
    await expect(postToDestination(destination, {}, '{}', 2000)).resolves.toEqual({ status: 200 });
    expect(seen).toEqual([`POST hook.invalid:${port} /x`]);
  });

  it('answers a redirect with its status and Location, and does not follow it', async () => {
    answer = { status: 307, location: `http://127.0.0.1:${port}/internal` };
    const destination = await checkDestination(`http://127.0.0.1:${port}/x`, DEVELOPMENT, names({}));
    await expect(postToDestination(destination, {}, '{}', 2000)).resolves.toEqual({ status: 307, location: `http://127.0.0.1:${port}/internal` });
    expect(seen).toEqual([`POST 127.0.0.1:${port} /x`]);
  });
});
