import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** fixtures/ sits at the repo root, whether the code runs from src/ (tests) or dist/src/ (build). */
export function fixturePath(name: string): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'fixtures', name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`fixtures/${name} not found above ${__dirname}`);
}
