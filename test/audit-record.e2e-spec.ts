import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Agreement } from '../src/agreements/agreement.entity';
import { Round } from '../src/negotiations/round.entity';
import { TestApp, freshDatabaseUrl, startTestApp } from './support/test-app';
import { rawSql } from './support/raw-sql';
import { openContract, seats, sendOk, terms, toPublished } from './support/negotiation-helpers';

/** Verification recomputes every derived row from the chain (issue 9 item 11, API.md "Evidence that outlives the database"). */
describe('verification of the rows derived from the chain', () => {
  let t: TestApp;
  let databaseUrl: string;
  let id: string;
  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl();
    t = await startTestApp({ scenario: false, databaseUrl });
    id = await toPublished(t);
  });
  afterAll(() => t.close());

  const verify = async (negotiationId = id) =>
    (await t.http().get(`/api/negotiations/${negotiationId}/audit/verify`).set('Authorization', await t.login('bureau.reviewer'))).body;
  const sql = (text: string, params: unknown[]) => rawSql(t.dataSource, text, params);

  /** Runs `edit`, checks what verify says, then puts the row back as it was. */
  async function tampered(edit: () => Promise<unknown>, restore: () => Promise<unknown>) {
    await edit();
    try {
      return await verify();
    } finally {
      await restore();
      expect(await verify()).toMatchObject({ valid: true });
    }
  }

  it('a published contract verifies, rows and all', async () => {
    expect(await verify()).toMatchObject({ valid: true, entries: 10 });
  });

  it("names the round whose terms were edited with SQL, though the chain's links still hold", async () => {
    const round = await t.dataSource.getRepository(Round).findOneByOrFail({ negotiationId: id, round: 2 });
    const result = await tampered(
      () => sql('UPDATE rounds SET terms = ? WHERE negotiation_id = ? AND round = 2', [JSON.stringify(terms(900)), id]),
      () => sql('UPDATE rounds SET terms = ? WHERE negotiation_id = ? AND round = 2', [JSON.stringify(round.terms), id]),
    );
    expect(result).toEqual({ valid: false, derived: 'rounds[2].terms', reason: expect.stringContaining('"baseFen":900') });
  });

  it('names a changed answer, a deleted round and a round the chain never had', async () => {
    const answered = await tampered(
      () => sql("UPDATE rounds SET answer_type = 'OFFER' WHERE negotiation_id = ? AND round = 2", [id]),
      () => sql("UPDATE rounds SET answer_type = 'ACCEPT' WHERE negotiation_id = ? AND round = 2", [id]),
    );
    expect(answered).toMatchObject({ valid: false, derived: 'rounds[2].answerType' });
    const round = await t.dataSource.getRepository(Round).findOneByOrFail({ negotiationId: id, round: 2 });
    expect(await tampered(() => t.dataSource.getRepository(Round).delete({ negotiationId: id, round: 2 }), () => t.dataSource.getRepository(Round).insert(round))).toEqual({
      valid: false,
      derived: 'rounds[2]',
      reason: 'the chain has this row; the table does not',
    });
    const extra = { ...round, round: 3 };
    expect(await tampered(() => t.dataSource.getRepository(Round).insert(extra), () => t.dataSource.getRepository(Round).delete({ negotiationId: id, round: 3 }))).toMatchObject({
      valid: false,
      derived: 'rounds[3]',
      reason: 'the table has this row; the chain does not',
    });
  });

  it('names a seat handed to someone else', async () => {
    const rep3 = await t.userId('platform.rep3');
    const result = await tampered(
      () => sql('UPDATE representatives SET chief = ? WHERE negotiation_id = ? AND user_id = ?', [true, id, rep3]),
      () => sql('UPDATE representatives SET chief = ? WHERE negotiation_id = ? AND user_id = ?', [false, id, rep3]),
    );
    expect(result).toMatchObject({ valid: false, derived: `representatives[${rep3}].chief` });
  });

  it("names the published agreement's terms when they were edited", async () => {
    const agreement = await t.dataSource.getRepository(Agreement).findOneByOrFail({ negotiationId: id });
    const result = await tampered(
      () => sql('UPDATE agreements SET terms = ? WHERE id = ?', [JSON.stringify(terms(1)), agreement.id]),
      () => sql('UPDATE agreements SET terms = ? WHERE id = ?', [JSON.stringify(agreement.terms), agreement.id]),
    );
    expect(result).toMatchObject({ valid: false, derived: 'agreement.terms' });
  });

  it("names the negotiation's state or scope when they were edited", async () => {
    const state = await tampered(
      () => sql("UPDATE negotiations SET state = 'bargaining' WHERE id = ?", [id]),
      () => sql("UPDATE negotiations SET state = 'published' WHERE id = ?", [id]),
    );
    expect(state).toMatchObject({ valid: false, derived: 'negotiation.state' });
    const [{ region }] = (await sql('SELECT region FROM negotiations WHERE id = ?', [id])) as Array<{ region: string }>;
    const moved = await tampered(
      () => sql("UPDATE negotiations SET region = '110000' WHERE id = ?", [id]),
      () => sql('UPDATE negotiations SET region = ? WHERE id = ?', [region, id]),
    );
    expect(moved).toMatchObject({ valid: false, derived: 'negotiation.region' });
  });

  it('checks comments and the answers to them in a rule change', async () => {
    const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('platform.chief')).send({
      kind: 'rule_change',
      title: '派单规则调整',
      scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [], workerCategories: [] },
      representatives: await seats(t, 'platform'),
      proposal: terms(650),
    });
    const rc = res.body.id as string;
    await sendOk(t, rc, 'rider.0002', { type: 'COMMENT', text: '建议延长。' });
    await sendOk(t, rc, 'rider.0003', { type: 'COMMENT', text: '不应扣款。' });
    await sendOk(t, rc, 'union.chief', { type: 'CLOSE_CONSULTATION' });
    const comments = (await t.http().get(`/api/negotiations/${rc}/comments`).set('Authorization', await t.login('union.chief'))).body;
    const answers = comments.map((c: { id: string }, i: number) => ({ commentId: c.id, adopted: i === 0, reason: i === 0 ? '采纳' : '另议' }));
    await sendOk(t, rc, 'platform.chief', { type: 'RESPOND_TO_OPINIONS', answers });
    await sendOk(t, rc, 'platform.chief', { type: 'PUBLISH' });
    expect(await verify(rc)).toMatchObject({ valid: true });
    await sql('UPDATE comments SET answer_reason = ? WHERE id = ?', ['采纳了', comments[1].id]);
    expect(await verify(rc)).toMatchObject({ valid: false, derived: `comments[${comments[1].id}].answerReason` });
  });

  it('npm run audit:verify names the derived row too', async () => {
    const other = await openContract(t);
    await sendOk(t, other, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
    await sql('UPDATE rounds SET note = ? WHERE negotiation_id = ? AND round = 1', ['改过', other]);
    const run = spawnSync(
      process.execPath,
      ['--require', join(__dirname, 'support', 'register-ts.js'), join(__dirname, '..', 'src', 'cli', 'verify-audit.ts'), other, id],
      { env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' }, encoding: 'utf8' },
    );
    expect(run.stdout).toContain(`BROKEN ${other} derived rounds[1].note: the chain gives null; the table holds "改过"`);
    expect(run.stdout).toContain(`ok     ${id} 10 entries`);
    expect(run.status).toBe(1);
  });
});
