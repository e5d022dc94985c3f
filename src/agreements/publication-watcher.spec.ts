import { ManualClock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Agreement } from './agreement.entity';
import { PublicationBus } from './publication-bus';
import { PublicationWatcher } from './publication-watcher';

describe('PublicationWatcher', () => {
  it('looks again at what a failed look missed, and announces it once', async () => {
    const clock = new ManualClock(new Date('2027-01-04T01:00:00.000Z'));
    const published: Array<Pick<Agreement, 'id' | 'publishedAt'>> = [];
    let failing = false;
    let from = '';
    const query = {
      where: (_: string, params: { from: string }) => ((from = params.from), query),
      orderBy: () => query,
      getMany: async () => {
        if (failing) throw new Error('pool timeout');
        return published.filter((a) => a.publishedAt >= from);
      },
    };
    const dataSource = { getRepository: () => ({ createQueryBuilder: () => query }) };
    const bus = new PublicationBus();
    const heard: string[] = [];
    bus.publications.subscribe((a) => heard.push(a.id));
    const watcher = new PublicationWatcher(dataSource as never, bus, clock, { PUBLICATION_POLL_MS: 0 } as AppConfig);

    await watcher.look();
    clock.advance(2_000);
    published.push({ id: 'published-elsewhere', publishedAt: clock.now().toISOString() });
    clock.advance(8_000);
    failing = true;
    await expect(watcher.look()).rejects.toThrow('pool timeout');
    failing = false;
    clock.advance(1_000);
    await watcher.look();
    await watcher.look();
    expect(heard).toEqual(['published-elsewhere']);
  });
});
