import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled script of a worker thread, `rel` relative to `lib/` (`pipeline/markdown/worker.js`). Worker
 * threads need JavaScript: when Colophon itself runs from `src/` (the tests), the script is taken
 * from `lib/`, which `npm test` compiles first.
 */
export function workerScript(rel: string): string {
  const beside = fileURLToPath(new URL(`../${rel}`, import.meta.url));
  if (existsSync(beside)) return beside;
  return fileURLToPath(new URL(`../../lib/${rel}`, import.meta.url));
}
