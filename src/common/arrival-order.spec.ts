import { readFile } from 'node:fs/promises';
import { arrivalOrder } from './arrival-order';

describe('arrivalOrder', () => {
  const started: string[] = [];
  const arrive = (hook: ReturnType<typeof arrivalOrder>, name: string, work: () => void = () => undefined) =>
    hook(null, null, () => {
      started.push(name);
      work();
    });
  const turns = (n: number) => new Promise<void>((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : setImmediate(() => step(left - 1)));
    step(n);
  });
  beforeEach(() => started.splice(0));

  it('starts requests in the order they arrived, one per turn of the event loop', async () => {
    const hook = arrivalOrder();
    arrive(hook, 'a');
    arrive(hook, 'b');
    arrive(hook, 'c');
    expect(started).toEqual([]);
    await turns(1);
    expect(started).toEqual(['a']);
    await turns(2);
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('queues a request that arrives while others wait behind them, even one that arrives from a started request', async () => {
    const hook = arrivalOrder();
    arrive(hook, 'a', () => arrive(hook, 'late'));
    arrive(hook, 'b');
    await turns(4);
    expect(started).toEqual(['a', 'b', 'late']);
  });

  it('lets the loop poll between two starts: I/O finished meanwhile is handled before the next request starts', async () => {
    const hook = arrivalOrder();
    let read = false;
    const io = readFile(__filename).then(() => (read = true));
    const startedBeforeRead: string[] = [];
    // each request works for 0.1 ms, as a request on better-sqlite3 runs to its end: 20 ms in all
    const work = () => {
      const until = performance.now() + 0.1;
      while (performance.now() < until);
    };
    for (let i = 0; i < 200; i++) arrive(hook, `r${i}`, () => (work(), read ? undefined : startedBeforeRead.push(`r${i}`)));
    await io;
    // the file's answer came back between two starts, not after all 200
    expect(startedBeforeRead.length).toBeLessThan(200);
    await turns(200);
    expect(started).toHaveLength(200);
  });

  it('does not hold the next request back while a started one waits', async () => {
    const hook = arrivalOrder();
    let finishFirst!: () => void;
    const first = new Promise<void>((resolve) => (finishFirst = resolve));
    arrive(hook, 'slow', () => void first);
    arrive(hook, 'quick');
    await turns(3);
    expect(started).toEqual(['slow', 'quick']);
    finishFirst();
  });
});
