import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Commitment } from '../src/ledger/commitment.entity';
import { TestApp, freshDatabaseUrl, startTestApp } from './support/test-app';

/** The verification CLI reads the database directly, as an auditor without the service would. */
describe('npm run audit:verify', () => {
  let t: TestApp;
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl();
    t = await startTestApp({ databaseUrl });
  });
  afterAll(() => t.close());

  const verify = (...ids: string[]) =>
    spawnSync(process.execPath, ['--require', join(__dirname, 'support', 'register-ts.js'), join(__dirname, '..', 'src', 'cli', 'verify-audit.ts'), ...ids], {
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
      encoding: 'utf8',
    });

  it("names a commitment row changed behind the chain's back", async () => {
    const row = await t.dataSource.getRepository(Commitment).findOneByOrFail({ clauseIndex: 1 });
    await t.dataSource.getRepository(Commitment).update({ id: row.id }, { progress: 100 });
    const result = verify(row.negotiationId);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`BROKEN ${row.negotiationId} derived commitments[1].progress`);
    await t.dataSource.getRepository(Commitment).update({ id: row.id }, { progress: row.progress });
    // the CLI is a second process that transpiles the app first: on a loaded machine that alone can take half a minute
  }, 120_000);

  it('reports every demo chain intact, then names the first broken entry after tampering', async () => {
    const intact = verify();
    expect(intact.stdout).toContain('3 intact, 0 broken');
    expect(intact.status).toBe(0);

    const entry = await t.dataSource.getRepository(AuditEntry).findOneByOrFail({ seq: 4, type: 'OFFER' });
    await t.dataSource.getRepository(AuditEntry).update({ negotiationId: entry.negotiationId, seq: 4 }, { at: '2020-01-01T00:00:00.000Z' });
    const broken = verify(entry.negotiationId);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`BROKEN ${entry.negotiationId} first broken seq 4: hash does not match the entry`);
  });

});
