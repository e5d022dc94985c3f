import { Agreement } from '../src/agreements/agreement.entity';
import { Publications } from '../src/agreements/publications';
import { unprocessable } from '../src/common/domain-error';
import { Negotiation } from '../src/negotiations/negotiation.entity';
import { TestApp, startTestApp } from './support/test-app';
import { COUNT_SHEET, send, sendOk, toConsultation } from './support/negotiation-helpers';

/** Another module's work at publication (Publications.alsoOnPublish) commits or rolls back with it. */
describe('work registered for publication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scenario: false });
  });
  afterAll(() => t.close());

  it('runs in the publishing transaction: it sees the new agreement, and its refusal undoes the publication', async () => {
    const id = await toConsultation(t);
    await sendOk(t, id, 'union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 9, inFavour: 8, against: 1, abstained: 0, countSheetSha256: COUNT_SHEET });
    await sendOk(t, id, 'union.chief', { type: 'SIGN' });
    await sendOk(t, id, 'platform.chief', { type: 'SIGN' });
    await sendOk(t, id, 'platform.chief', { type: 'FILE' });
    await sendOk(t, id, 'bureau.reviewer', { type: 'REVIEW', decision: 'approve' });

    let refuse = true;
    const seen: Array<{ id: string; rowsInTransaction: number }> = [];
    t.app.get(Publications).alsoOnPublish(async (manager, agreement) => {
      seen.push({ id: agreement.id, rowsInTransaction: await manager.count(Agreement, { where: { id: agreement.id } }) });
      if (refuse) throw unprocessable('TEST.REFUSED', 'the step refuses');
    });

    const refused = await send(t, id, 'union.chief', { type: 'PUBLISH' });
    expect(refused.status).toBe(422);
    expect(await t.dataSource.getRepository(Agreement).countBy({ negotiationId: id })).toBe(0);
    expect((await t.dataSource.getRepository(Negotiation).findOneByOrFail({ id })).state).toBe('effective');

    refuse = false;
    await sendOk(t, id, 'union.chief', { type: 'PUBLISH' });
    const published = await t.dataSource.getRepository(Agreement).findOneByOrFail({ negotiationId: id });
    expect(seen).toEqual([
      { id: expect.any(String), rowsInTransaction: 1 },
      { id: published.id, rowsInTransaction: 1 },
    ]);
  });
});
