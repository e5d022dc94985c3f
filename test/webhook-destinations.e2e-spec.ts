import { WebhookDelivery } from '../src/agreements/webhook-delivery.entity';
import { WebhookDispatcher } from '../src/agreements/webhook-dispatcher';
import { Agreement } from '../src/agreements/agreement.entity';
import { CheckpointDelivery } from '../src/audit/checkpoint-delivery.entity';
import { CheckpointDispatcher } from '../src/audit/checkpoint-dispatcher';
import { Checkpoints } from '../src/audit/checkpoints.service';
import { HostResolver } from '../src/common/outbound-request';
import { TestApp, startTestApp } from './support/test-app';
import { openContract, toPublished } from './support/negotiation-helpers';

/** Queuing a delivery kicks its dispatcher in the background; passes of our own until it has tried once. */
async function firstAttempt<Row extends { attempts: unknown[] }>(read: () => Promise<Row>, pass: () => Promise<unknown>): Promise<Row> {
  let delivery = await read();
  for (let n = 0; n < 100 && delivery.attempts.length === 0; n++) {
    await pass();
    await new Promise((resolve) => setTimeout(resolve, 20));
    delivery = await read();
  }
  return delivery;
}

/** Issue 9's SSRF findings, on a production-mode instance whose host names the test controls. */
describe('webhook destinations in production', () => {
  let t: TestApp;
  const dns: Record<string, string[]> = {};
  const resolver: HostResolver = async (host) => {
    if (!dns[host]) throw new Error(`ENOTFOUND ${host}`);
    return dns[host].map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  beforeAll(async () => {
    t = await startTestApp({ scenario: false, env: { NODE_ENV: 'production', LOG_LEVEL: 'silent' }, resolver });
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
    const delivery = await firstAttempt(
      () => t.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ agreementId: agreement.id }),
      () => t.app.get(WebhookDispatcher).deliverDue(),
    );
    expect(delivery.status).toBe('pending');
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ status: null, error: 'hooks.platform.example: 127.0.0.1 is in the loopback range, not a public address' }),
    ]);
  });

  it("refuses to register a bureau's checkpoint webhook on a private address", async () => {
    dns['bureau.example'] = ['10.1.2.3'];
    const res = await t.http().put('/api/organizations/mine/webhook').set('Authorization', await t.login('bureau.reviewer')).send({ url: 'https://bureau.example/checkpoints', secret });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'WEBHOOK.NOT_PUBLIC_HTTPS', message: expect.stringContaining('private') });
  });

  it("checks a bureau's checkpoint webhook again at delivery, as the platforms': a name resolving privately now is not posted to", async () => {
    dns['bureau.example'] = ['93.184.216.34'];
    const res = await t.http().put('/api/organizations/mine/webhook').set('Authorization', await t.login('bureau.reviewer')).send({ url: 'https://bureau.example/checkpoints', secret });
    expect(res.status).toBe(200);
    dns['bureau.example'] = ['10.1.2.3'];
    await openContract(t);
    const made = (await t.app.get(Checkpoints).make('interval'))!;
    const delivery = await firstAttempt(
      () => t.dataSource.getRepository(CheckpointDelivery).findOneByOrFail({ checkpointSeq: made.seq }),
      () => t.app.get(CheckpointDispatcher).deliverDue(),
    );
    expect(delivery.status).toBe('pending');
    expect(delivery.attempts).toEqual([expect.objectContaining({ status: null, error: 'bureau.example: 10.1.2.3 is in the private range, not a public address' })]);
  });
});
