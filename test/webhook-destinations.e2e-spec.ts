import { WebhookDelivery } from '../src/agreements/webhook-delivery.entity';
import { WebhookDispatcher } from '../src/agreements/webhook-dispatcher';
import { Agreement } from '../src/agreements/agreement.entity';
import { HostResolver } from '../src/common/outbound-request';
import { TestApp, startTestApp } from './support/test-app';
import { toPublished } from './support/negotiation-helpers';

/** Issue 9's SSRF findings, on a production-mode instance whose host names the test controls. */
describe('webhook destinations in production', () => {
  let t: TestApp;
  const dns: Record<string, string[]> = {};
  const resolver: HostResolver = async (host) => {
    if (!dns[host]) throw new Error(`ENOTFOUND ${host}`);
    return dns[host].map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  beforeAll(async () => {
    t = await startTestApp({ scenario: false, env: { NODE_ENV: 'production' }, resolver });
  });
  afterAll(() => t.close());

  const secret = 'platform-webhook-secret-123';
  const configure = async (url: string) =>
    t.http().put('/api/organizations/mine/webhook').set('Authorization', await t.login('platform.chief')).send({ url, secret });

  it.each([
    ['https://[::ffff:127.0.0.1]:9443/', 'ipv4Mapped'],
    ['https://[::]/', 'unspecified'],
    ['https://[::ffff:a9fe:a9fe]/', 'ipv4Mapped'],
    ['https://loopback.example/hook', 'loopback'],
    ['https://100.64.0.1/', 'carrierGradeNat'],
    ['https://[fec0::1]/', 'deprecatedSiteLocal'],
    ['http://hooks.example/hook', 'https'],
  ])('refuses to register %s', async (url, why) => {
    Object.assign(dns, { 'loopback.example': ['127.0.0.1'], 'hooks.example': ['93.184.216.34'] });
    const res = await configure(url);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('WEBHOOK.NOT_PUBLIC_HTTPS');
    expect(res.body.message).toContain(why);
  });

  it('checks again at delivery: a name that resolved publicly when registered and privately now is not posted to', async () => {
    dns['hooks.platform.example'] = ['93.184.216.34'];
    expect((await configure('https://hooks.platform.example/xieshang')).status).toBe(200);
    dns['hooks.platform.example'] = ['127.0.0.1'];
    const negotiationId = await toPublished(t);
    const agreement = await t.dataSource.getRepository(Agreement).findOneByOrFail({ negotiationId });
    const deliveries = t.dataSource.getRepository(WebhookDelivery);
    // the publication kicks the dispatcher in the background; passes of our own until it has tried
    let delivery = await deliveries.findOneByOrFail({ agreementId: agreement.id });
    for (let pass = 0; pass < 100 && delivery.attempts.length === 0; pass++) {
      await t.app.get(WebhookDispatcher).deliverDue();
      await new Promise((resolve) => setTimeout(resolve, 20));
      delivery = await deliveries.findOneByOrFail({ agreementId: agreement.id });
    }
    expect(delivery.status).toBe('pending');
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ status: null, error: 'hooks.platform.example: 127.0.0.1 is in the loopback range, not a public address' }),
    ]);
  });
});
