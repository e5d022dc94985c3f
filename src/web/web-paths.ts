import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Templates and the stylesheet are not TypeScript, so the build does not copy them: they are
 * read from src/web/ at the repo root, whether the code runs from src/ (tests) or dist/src/.
 */
export function webAssetPath(name: string): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'src', 'web', name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`src/web/${name} not found above ${__dirname}`);
}
