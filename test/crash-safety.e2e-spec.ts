import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { fixturePath } from '../src/common/fixture-path';
import { dataSourceOptions } from '../src/database/data-source-options';
import { deadlinesOnEntering } from '../src/deadlines/deadline-plan';
import { Deadline } from '../src/deadlines/deadline.entity';
import { RulePacks } from '../src/deadlines/rule-pack';
import { Negotiation } from '../src/negotiations/negotiation.entity';
import { User } from '../src/accounts/user.entity';
import { Organization } from '../src/accounts/organization.entity';
import { freshDatabaseUrl } from './support/test-app';
import { COUNT_SHEET, terms } from './support/negotiation-helpers';

/**
 * Issue 9 item 10: the service, a process of its own, is killed with SIGKILL in the middle of a
 * burst of writes and started again on the same database. Every write it acknowledged (200/201)
 * is there, no event is half-written, every chain verifies with all its derived rows, and
 * the deadlines that were running still run.
 */
const ZONE = 'Asia/Shanghai';
const termOf = (n: Negotiation) => {
  const { expiresOn, renewalOpensAt } = n.context as { expiresOn?: string | null; renewalOpensAt?: string | null };
  return expiresOn && renewalOpensAt ? { expiresOn, renewalOpensAt } : null;
};

interface Service {
  process: ChildProcess;
  url: string;
}

function start(databaseUrl: string): Promise<Service> {
  const child = fork(join(__dirname, 'support', 'service-process.ts'), [databaseUrl], {
    execArgv: ['--require', join(__dirname, 'support', 'register-ts.js')],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ process: child, url: `http://127.0.0.1:${(m as { port: number }).port}` }));
    child.once('exit', (code) => reject(new Error(`the service exited with ${code} before it served`)));
  });
}

function stop(service: Service, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (service.process.exitCode !== null || service.process.signalCode !== null) return resolve();
    service.process.once('exit', () => resolve());
    service.process.kill(signal);
  });
}

describe('a service killed in the middle of a burst of writes', () => {
  let databaseUrl: string;
  let service: Service;
  let db: DataSource;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl();
    service = await start(databaseUrl);
    db = new DataSource({ ...dataSourceOptions(databaseUrl), migrationsRun: false });
    await db.initialize();
  }, 60_000);
  afterAll(async () => {
    await stop(service, 'SIGTERM');
    await db.destroy();
  });

  async function call(as: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    if (!tokens.has(as)) {
      const login = await fetch(`${service.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: as, password: 'demo-pass' }) });
      tokens.set(as, `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`);
    }
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: tokens.get(as)!, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  }

  it('keeps every acknowledged write and nothing half-written, and its clocks still run', async () => {
    const id = async (username: string) => (await db.getRepository(User).findOneByOrFail({ username })).id;
    const union = { chief: await id('union.chief'), members: [await id('union.rep2'), await id('union.rep3')] };
    const platform = { chief: await id('platform.chief'), members: [await id('platform.rep2'), await id('platform.rep3')] };
    const enterprise = (await db.getRepository(Organization).findOneByOrFail({ kind: 'enterprise', name: '速达外卖（十堰）网络科技有限公司' })).id;
    const contract = {
      kind: 'collective_contract',
      title: '崩溃测试',
      scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [enterprise], workerCategories: ['delivery_rider'] },
      representatives: union,
      proposal: terms(700),
    };
    const open = async () => {
      const res = await call('union.chief', 'POST', '/api/negotiations', contract);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const idle = [await open(), await open(), await open()];
    const running = await db.getRepository(Deadline).find({ where: idle.map((negotiationId) => ({ negotiationId })) });
    expect(running).toHaveLength(3);

    // each lane drives one negotiation to publication; one more lane keeps opening new ones
    const procedure: Array<[string, Record<string, unknown>]> = [
      ['platform.chief', { type: 'RESPOND', accept: true, representatives: platform }],
      ['platform.chief', { type: 'OFFER', terms: terms(600) }],
      ['union.chief', { type: 'ACCEPT' }],
      ['rider.0001', { type: 'COMMENT', text: '同意' }],
      ['union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 9, inFavour: 8, against: 1, abstained: 0, countSheetSha256: COUNT_SHEET }],
      ['union.chief', { type: 'SIGN' }],
      ['platform.chief', { type: 'SIGN' }],
      ['platform.chief', { type: 'FILE' }],
      ['bureau.reviewer', { type: 'REVIEW', decision: 'approve', opinion: '同意' }],
      ['union.chief', { type: 'PUBLISH' }],
    ];
    const lanes = await Promise.all(Array.from({ length: 6 }, open));
    const acknowledged: Array<{ negotiationId: string; version: number; type: string }> = [];
    let inFlight = 0;
    let inFlightAtKill = -1;
    let killed: Promise<void> | undefined;
    const KILL_AFTER = 30;
    const acknowledge = (negotiationId: string, version: number, type: string) => {
      acknowledged.push({ negotiationId, version, type });
      if (acknowledged.length === KILL_AFTER) {
        inFlightAtKill = inFlight - 1;
        killed = stop(service, 'SIGKILL');
      }
    };
    const attempt = async (request: () => Promise<{ status: number; body: any }>) => {
      inFlight++;
      try {
        return killed ? undefined : await request();
      } catch {
        return undefined; // the connection died with the service: outcome unknown, so nothing is claimed
      } finally {
        inFlight--;
      }
    };
    const drive = async (negotiationId: string) => {
      for (const [as, event] of procedure) {
        const res = await attempt(() => call(as, 'POST', `/api/negotiations/${negotiationId}/events`, event));
        if (!res) return;
        expect(res.status).toBe(200);
        acknowledge(negotiationId, res.body.version, event.type as string);
      }
    };
    const opener = async () => {
      while (!killed) {
        const res = await attempt(() => call('union.chief', 'POST', '/api/negotiations', contract));
        if (!res) return;
        expect(res.status).toBe(201);
        acknowledge(res.body.id, res.body.version, 'OPENED');
      }
    };
    await Promise.all([...lanes.map(drive), opener()]);
    await killed;
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(inFlightAtKill).toBeGreaterThan(0); // killed mid-burst: other writes were under way

    service = await start(databaseUrl);

    // every acknowledged write is on its chain, at the version the answer gave
    for (const a of acknowledged) {
      const entry = await db.getRepository(AuditEntry).findOneBy({ negotiationId: a.negotiationId, seq: a.version });
      expect(entry?.type).toBe(a.type);
    }
    const packs = RulePacks.load(fixturePath('rule-packs'));
    for (const n of await db.getRepository(Negotiation).find()) {
      // no half-written event: the row, its chain and its derived rows agree
      expect(n.version).toBe(n.auditSeq);
      expect(await db.getRepository(AuditEntry).countBy({ negotiationId: n.id })).toBe(n.auditSeq);
      expect((await call('bureau.reviewer', 'GET', `/api/negotiations/${n.id}/audit/verify`)).body).toEqual({ valid: true, entries: n.auditSeq, head: n.auditHead });
      // the clocks running are exactly those of the state it is in
      const pending = await db.getRepository(Deadline).find({ where: { negotiationId: n.id } });
      const planned = deadlinesOnEntering({ kind: n.kind, state: n.state, at: new Date(), pack: packs.forRegion(n.region), zone: ZONE, term: termOf(n) });
      expect(pending.filter((d) => !d.firedAt && !d.clearedAt).map((d) => d.kind).sort()).toEqual(planned.map((p) => p.kind).sort());
    }
    // the deadlines of the untouched negotiations run on, unchanged and unfired
    expect(await db.getRepository(Deadline).find({ where: idle.map((negotiationId) => ({ negotiationId })) })).toEqual(running);
    // and the restarted service takes the next write
    const next = await call('platform.chief', 'POST', `/api/negotiations/${idle[0]}/events`, procedure[0][1]);
    expect(next.status).toBe(200);
  }, 120_000);
});
