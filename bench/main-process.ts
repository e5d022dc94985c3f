import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A Node process of its own (the built `dist/src/main.js`, or any script) serving on a port. */
export interface ServingProcess {
  child: ChildProcess;
  url: string;
  /** From spawning to the first 200 of /health. */
  ms: number;
  /** What it wrote to stdout and stderr so far (for a failure's message). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * What `npm start` runs, as arguments to Node: the flags and the script of package.json's
 * `start`, the script as an absolute path (why `--max-semi-space-size=16`: README, "Memory").
 */
export function npmStartArgs(): string[] {
  // bench/ when run from source (tests), dist/bench/ when built: the nearest package.json up
  let root = __dirname;
  while (!existsSync(join(root, 'package.json'))) root = dirname(root);
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = scripts.start.split(/\s+/);
  if (node !== 'node') throw new Error(`npm start runs ${node}, not node`);
  return args.map((a) => (a.startsWith('-') ? a : join(root, a)));
}

/**
 * The bench serves the app in its own process: run it with the V8 flags `npm start` gives the
 * service (re-executing itself when they are missing), so that its figures are the service's.
 * Null when this process has them and should go on, else the re-executed run's exit code.
 */
export function withServiceFlags(): Promise<number> | null {
  const flags = npmStartArgs().filter((a) => a.startsWith('-'));
  if (flags.every((f) => process.execArgv.includes(f))) return null;
  const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

/** A port nobody listens on now (the kernel's choice), for a process told its port by `PORT`. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs `args` with the Node running the caller, `PORT` and `env` over this process's
 * environment (`undefined` unsets a variable), and waits until `GET /health` answers 200 (bench cold-start, test/start).
 */
export async function startServing(args: string[], options: { port: number; env: Record<string, string | undefined>; cwd?: string; timeoutMs?: number }): Promise<ServingProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: Object.fromEntries(Object.entries({ ...process.env, ...options.env, PORT: String(options.port) }).filter(([, value]) => value !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGTERM: a service that has not ended 20 s later (its shutdown grace is 10 s) is killed, and that is a failure, with its log
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill();
    const late = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(late);
    if (child.signalCode === 'SIGKILL') throw new Error(`${args.join(' ')} did not end within 20 s of SIGTERM\n${output}`);
  };
  const url = `http://127.0.0.1:${options.port}`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
      if (performance.now() - t0 > timeoutMs) throw new Error(`no 200 from /health within ${timeoutMs} ms`);
      if (await fetch(`${url}/health`).then((r) => r.status === 200, () => false)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
  } catch (error) {
    await stop();
    throw new Error(`${args.join(' ')}: ${(error as Error).message}\n${output}`);
  }
  return { child, url, ms: performance.now() - t0, output: () => output, stop };
}
