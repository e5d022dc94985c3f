import { Agent, IncomingMessage, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * The receiving side of the SSE figure, run as a second process (`fork`, messages over IPC):
 *   ← { url, authorizations: (string | null)[], inFlight }   open one stream per entry
 *   → { type: 'ready', opened, failed, failures }            every stream answered
 *   ← { type: 'go', timeoutMs }                              the publication is on its way
 *   → { type: 'done', arrivals, frame }                      when each open stream had its
 *       `event: publication` frame (absolute ms: performance.timeOrigin + now), or at the timeout
 *   ← { type: 'close' }                                      drop every stream and exit
 */
interface Job {
  url: string;
  authorizations: Array<string | null>;
  inFlight: number;
}

const FRAME_START = 'event: publication';

async function main(job: Job) {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const streams: IncomingMessage[] = [];
  const arrivals: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  let frame = '';
  let waiting: (() => void) | undefined;

  const openOne = (authorization: string | null) =>
    new Promise<void>((resolve) => {
      const req = request(job.url, { agent, headers: { accept: 'text/event-stream', ...(authorization ? { authorization } : {}) } }, (res) => {
        if (res.statusCode !== 200) {
          failed++;
          let body = '';
          res.setEncoding('utf8').on('data', (c: string) => (body += c));
          res.on('end', () => {
            if (failures.length < 3) failures.push(`${res.statusCode} ${body.slice(0, 200)}`);
            resolve();
          });
          return;
        }
        streams.push(res);
        // Buffers, not strings: the frame is looked for in the bytes, and only its stream's bytes since it began are kept
        let pending: Buffer | undefined;
        let heard = false;
        res.on('data', (chunk: Buffer) => {
          if (heard) return;
          let text = pending ? Buffer.concat([pending, chunk]) : chunk;
          const start = text.indexOf(FRAME_START);
          if (start < 0) {
            pending = text.length > FRAME_START.length ? text.subarray(text.length - FRAME_START.length) : text;
            return;
          }
          const end = text.indexOf('\n\n', start);
          if (end < 0) {
            pending = text.subarray(start);
            return;
          }
          heard = true;
          pending = undefined;
          arrivals.push(performance.timeOrigin + performance.now());
          if (!frame) frame = text.subarray(start, end + 2).toString('utf8');
          text = Buffer.alloc(0);
          if (arrivals.length === streams.length) waiting?.();
        });
        res.on('error', () => undefined);
        resolve();
      });
      req.on('error', (error) => {
        failed++;
        if (failures.length < 3) failures.push(error.message);
        resolve();
      });
      req.end();
    });

  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(job.inFlight, job.authorizations.length) }, async () => {
      while (next < job.authorizations.length) await openOne(job.authorizations[next++]);
    }),
  );
  process.send!({ type: 'ready', opened: streams.length, failed, failures });

  process.on('message', (message: { type: string; timeoutMs?: number }) => {
    if (message.type === 'go') {
      const done = () => {
        clearTimeout(timer);
        waiting = undefined;
        process.send!({ type: 'done', arrivals, frame });
      };
      const timer = setTimeout(done, message.timeoutMs);
      waiting = done;
      if (arrivals.length === streams.length) done();
    }
    if (message.type === 'close') {
      for (const s of streams) s.destroy();
      agent.destroy();
      process.exit(0);
    }
  });
}

process.once('message', (job: Job) => {
  main(job).catch((error) => {
    console.error(error);
    process.exit(1);
  });
});
