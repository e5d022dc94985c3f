import { spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { Organization } from '../src/accounts/organization.entity';
import { isValidWebhookSignature } from '../src/agreements/webhook-signature';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { GENESIS_HASH, canonicalJson, hashLink } from '../src/audit/audit-chain';
import { checkAgainstCheckpoint } from '../src/audit/checkpoint-check';
import { CheckpointDelivery } from '../src/audit/checkpoint-delivery.entity';
import { CheckpointDispatcher } from '../src/audit/checkpoint-dispatcher';
import { Leaf, leafData, proofHolds, signatureHolds } from '../src/audit/checkpoint-tree';
import { Checkpoints } from '../src/audit/checkpoints.service';
import { leafHash, nodeHash } from '../src/audit/merkle';
import { Negotiation } from '../src/negotiations/negotiation.entity';
import { TestApp, freshDatabaseUrl, startTestApp } from './support/test-app';
import { rawSql } from './support/raw-sql';
import { openContract, seats, sendOk, toConsultation, publishFromConsultation } from './support/negotiation-helpers';

const HOUR = 3600_000;

describe('signed checkpoints of every chain head', () => {
  let t: TestApp;
  let databaseUrl: string;
  let checkpoints: Checkpoints;
  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl();
    t = await startTestApp({ scenario: false, databaseUrl, env: { CHECKPOINT_INTERVAL: 'PT1H' } });
    checkpoints = t.app.get(Checkpoints);
  });
  afterAll(() => t.close());

  const heads = async (): Promise<Leaf[]> =>
    (await t.dataSource.getRepository(Negotiation).find()).map((n): Leaf => [n.id, n.auditSeq, n.auditHead]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const publicKey = async () => createPublicKey((await t.http().get('/api/audit/public-key')).body.publicKey);
  const list = async (after?: number) => (await t.http().get(`/api/audit/checkpoints${after === undefined ? '' : `?after=${after}`}`)).body;

  it('signs one right after a publication commits, over every head, publicly listed', async () => {
    const other = await openContract(t);
    const id = await toConsultation(t);
    const made = firstValueFrom(checkpoints.made);
    await publishFromConsultation(t, id);
    const checkpoint = await made;
    expect(checkpoint).toMatchObject({ seq: 1, reason: 'publication', heads: 2 });
    // the root by hand over the two heads, in id order (RFC 6962: two leaves, one node)
    const [a, b] = await heads();
    expect([a[0], b[0]].sort()).toEqual([id, other].sort());
    expect(checkpoint.root).toBe(nodeHash(leafHash(leafData(a)), leafHash(leafData(b))).toString('hex'));
    const listed = await list();
    expect(listed).toEqual([{ seq: 1, at: checkpoint.at, root: checkpoint.root, heads: 2, signature: checkpoint.signature }]);
    expect(signatureHolds(listed[0], await publicKey())).toBe(true);
    expect(signatureHolds({ ...listed[0], heads: 3 }, await publicKey())).toBe(false);
  });

  it('at the interval: not before it has passed, and not when no head moved', async () => {
    await openContract(t);
    t.clock.advance(HOUR - 1);
    expect(await checkpoints.onInterval()).toBeNull(); // the publication's is younger than an hour
    t.clock.advance(1);
    expect(await checkpoints.onInterval()).toMatchObject({ seq: 2, reason: 'interval', heads: 3 });
    t.clock.advance(HOUR);
    expect(await checkpoints.onInterval()).toBeNull(); // no head moved since
    expect((await list(1)).map((c: { seq: number }) => c.seq)).toEqual([2]);
    expect((await t.http().get('/api/audit/checkpoints?after=-1')).status).toBe(400);
  });

  it('gives each chain head an inclusion proof that leads to the signed root', async () => {
    const [latest] = await list(1);
    for (const [negotiationId, seq, head] of await heads()) {
      const res = await t.http().get(`/api/audit/checkpoints/${latest.seq}/proof/${negotiationId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ checkpoint: latest, leaf: { negotiationId, seq, head }, treeSize: 3 });
      expect(proofHolds(res.body)).toBe(true);
      expect(proofHolds({ ...res.body, leaf: { ...res.body.leaf, head: GENESIS_HASH } })).toBe(false);
    }
    expect((await t.http().get(`/api/audit/checkpoints/99/proof/${(await heads())[0][0]}`)).status).toBe(404);
    expect((await t.http().get(`/api/audit/checkpoints/${latest.seq}/proof/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('catches a whole chain rewritten with SQL, head columns and all, which the chain check alone calls valid', async () => {
    const [saved] = (await list()).slice(-1);
    const dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
    writeFileSync(join(dir, 'checkpoint.json'), JSON.stringify(saved));
    const published = (await t.dataSource.getRepository(AuditEntry).findOneByOrFail({ type: 'PUBLISH' })).negotiationId;
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--require', join(__dirname, 'support', 'register-ts.js'), join(__dirname, '..', 'src', 'cli', 'verify-audit.ts'), ...args], {
        env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
        encoding: 'utf8',
      });
    const before = cli('--checkpoint', join(dir, 'checkpoint.json'));
    expect(before.stdout).toContain(`ok     checkpoint ${saved.seq}: all 3 committed heads are in the database, signature valid`);
    expect(before.status).toBe(0);

    // the vote is rewritten to unanimity and every later link re-hashed, then both head columns
    const entries = await t.dataSource.getRepository(AuditEntry).find({ where: { negotiationId: published }, order: { seq: 'ASC' } });
    let prevHash = GENESIS_HASH;
    for (const e of entries) {
      const payload = e.type === 'RECORD_VOTE' ? canonicalJson({ ...JSON.parse(e.payload), present: 12, inFavour: 12, against: 0 }) : e.payload;
      const hash = hashLink({ ...e, payload, prevHash });
      await rawSql(t.dataSource, 'UPDATE audit_entries SET payload = ?, prev_hash = ?, hash = ? WHERE negotiation_id = ? AND seq = ?', [payload, prevHash, hash, published, e.seq]);
      prevHash = hash;
    }
    await rawSql(t.dataSource, 'UPDATE negotiations SET audit_head = ? WHERE id = ?', [prevHash, published]);
    await rawSql(t.dataSource, 'UPDATE agreements SET audit_head = ? WHERE negotiation_id = ?', [prevHash, published]);
    // …and the vote the negotiation row keeps, so that every row derived from the chain agrees with the rewrite
    const row = await t.dataSource.getRepository(Negotiation).findOneByOrFail({ id: published });
    const context = row.context as { vote: Record<string, number> };
    await rawSql(t.dataSource, 'UPDATE negotiations SET context = ? WHERE id = ?', [JSON.stringify({ ...context, vote: { ...context.vote, present: 12, inFavour: 12, against: 0 } }), published]);

    const verify = await t.http().get(`/api/negotiations/${published}/audit/verify`).set('Authorization', await t.login('bureau.reviewer'));
    expect(verify.body).toEqual({ valid: true, entries: entries.length, head: prevHash });
    expect(await checkAgainstCheckpoint(t.dataSource.manager, saved, await publicKey())).toMatchObject({ holds: false, negotiationId: published });
    const after = cli('--checkpoint', join(dir, 'checkpoint.json'));
    expect(after.stdout).toContain(`BROKEN checkpoint ${saved.seq} negotiation ${published}: its chain no longer reaches the committed head`);
    expect(after.status).toBe(1);
  });

  it("catches a database whose own copy of the checkpoint was rewritten to match, and a forged signature", async () => {
    const [saved] = (await list()).slice(-1);
    expect(await checkAgainstCheckpoint(t.dataSource.manager, { ...saved, signature: Buffer.alloc(64).toString('base64') }, await publicKey())).toMatchObject({
      holds: false,
      problem: 'the signature does not hold for this public key',
    });
    const leaves = await heads();
    await rawSql(t.dataSource, 'UPDATE checkpoints SET leaves = ? WHERE seq = ?', [JSON.stringify(leaves), saved.seq]);
    expect(await checkAgainstCheckpoint(t.dataSource.manager, saved)).toMatchObject({ holds: false, problem: `the database's checkpoint ${saved.seq} does not hash to the saved root` });
  });
});

describe('checkpoint delivery and keys', () => {
  let server: Server;
  let received: Array<{ headers: IncomingMessage['headers']; body: string }>;
  let answer = 204;
  beforeAll(async () => {
    received = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answer, answer === 307 ? { location: 'http://127.0.0.1:1/' } : {}).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("sends each checkpoint to the bureau's webhook, signed; a redirect is a failed attempt, not followed", async () => {
    const t = await startTestApp({ scenario: false });
    try {
      const secret = 'bureau-webhook-secret-0123456789';
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/checkpoints`;
      // the bureau registers its own endpoint
      expect((await t.http().put('/api/organizations/mine/webhook').set('Authorization', await t.login('bureau.reviewer')).send({ url, secret })).status).toBe(200);
      await openContract(t);
      const made = (await t.app.get(Checkpoints).make('interval'))!;
      // queuing kicks the dispatcher; a pass by hand sends whatever it has not sent yet
      await t.app.get(CheckpointDispatcher).deliverDue();
      const delivered = await settled(t, made.seq);
      expect(delivered).toMatchObject({ status: 'delivered', attempts: [expect.objectContaining({ status: 204 })] });
      expect(received).toHaveLength(1);
      const [{ headers, body }] = received;
      expect(isValidWebhookSignature(secret, String(headers['x-xieshang-timestamp']), body, String(headers['x-xieshang-signature']))).toBe(true);
      const sent = JSON.parse(body);
      expect(sent).toMatchObject({ event: 'checkpoint', checkpoint: { seq: made.seq, root: made.root, heads: 1, signature: made.signature } });
      expect(signatureHolds(sent.checkpoint, createPublicKey(sent.publicKey))).toBe(true);

      answer = 307;
      await openContract(t);
      const second = (await t.app.get(Checkpoints).make('interval'))!;
      await t.app.get(CheckpointDispatcher).deliverDue();
      expect(await settled(t, second.seq)).toMatchObject({ status: 'pending', attempts: [expect.objectContaining({ status: 307 })] });
      expect(received).toHaveLength(2); // the redirect's target was never asked
    } finally {
      answer = 204;
      await t.close();
    }
  });

  it("lets a bureau's own reviewers set its checkpoint webhook, and nobody else", async () => {
    const t = await startTestApp({ scenario: false });
    try {
      const body = { url: 'http://127.0.0.1:9/checkpoints', secret: 'bureau-webhook-secret-0123456789' };
      const put = async (username: string) => t.http().put('/api/organizations/mine/webhook').set('Authorization', await t.login(username)).send(body);
      for (const outsider of ['union.chief', 'rider.0001', 'admin', 'instructor.1']) expect((await put(outsider)).status).toBe(403);
      // an association's representative passes the role guard, but nothing is sent to an association
      expect((await put('assoc.chief')).body).toMatchObject({ statusCode: 403, code: 'WEBHOOK.NOT_A_RECIPIENT' });
      const organizations = t.dataSource.getRepository(Organization);
      expect(await organizations.findOneByOrFail({ id: await t.orgId('bureau') })).toMatchObject({ webhookUrl: null, webhookSecret: null });
      expect((await put('bureau.reviewer')).body).toEqual({ url: body.url });
      expect(await organizations.findOneByOrFail({ id: await t.orgId('bureau') })).toMatchObject({ webhookUrl: body.url, webhookSecret: body.secret });
      // and the bureau's people set only the bureau's
      expect(await organizations.findOneByOrFail({ id: await t.orgId('platform') })).toMatchObject({ webhookUrl: null });
    } finally {
      await t.close();
    }
  });

  it('keeps a generated key across restarts, and signs with CHECKPOINT_KEY when it is set', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const first = await startTestApp({ scenario: false, databaseUrl });
    const key = (await first.http().get('/api/audit/public-key')).body;
    await first.close();
    const second = await startTestApp({ scenario: false, databaseUrl });
    expect((await second.http().get('/api/audit/public-key')).body).toEqual(key);
    await second.close();
    expect(key).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const pair = generateKeyPairSync('ed25519');
    const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const configured = await startTestApp({ scenario: false, databaseUrl, env: { CHECKPOINT_KEY: pem } });
    try {
      expect((await configured.http().get('/api/audit/public-key')).body.publicKey).toBe(pair.publicKey.export({ type: 'spki', format: 'pem' }));
      await sendOk(configured, await openContract(configured), 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(configured, 'platform') });
      const made = (await configured.app.get(Checkpoints).make('interval'))!;
      expect(signatureHolds(made, pair.publicKey)).toBe(true);
    } finally {
      await configured.close();
    }
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(startTestApp({ scenario: false, databaseUrl, env: { CHECKPOINT_KEY: rsa } })).rejects.toThrow('checkpoints are signed with Ed25519');
  });
});

/** The delivery of a checkpoint once its first attempt is recorded (the dispatcher runs on its own kick). */
async function settled(t: TestApp, seq: number): Promise<CheckpointDelivery> {
  for (let i = 0; i < 500; i++) {
    const delivery = await t.dataSource.getRepository(CheckpointDelivery).findOneByOrFail({ checkpointSeq: seq });
    if (delivery.attempts.length) return delivery;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`checkpoint ${seq} was never attempted`);
}
