import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TransformOptions, TransformResult } from 'jiti';
import { saveAtomicallySync } from '../util/files.js';
import { hash } from '../util/hash.js';
import { configTransformKey } from '../cache/keys.js';

/**
 * jiti's transform of the config (TypeScript -> CommonJS with Babel), cached by the source and
 * options under `<cache>/config/`. Loading Babel and transforming took 200-400 ms of every
 * `build` and of each Markdown worker; a cached transform is a file read. The key covers the
 * source, the options and Colophon's tool digest (jiti's version with it), a file is written
 * through a temporary name, and one that cannot be read is a miss: jiti transforms again.
 * jiti's own `fsCache` is off: it writes in place, so a concurrent build could read half a file.
 */
export function cachedTransform(
  dir: string | null,
  transform: (opts: TransformOptions) => string,
): (opts: TransformOptions) => TransformResult {
  return (opts) => {
    if (!dir) return { code: transform(opts) };
    const { source, ...rest } = opts;
    const file = path.join(dir, `${configTransformKey(rest, source)}.cjs`);
    try {
      // First line: the hash of the rest. A file that does not match it is not trusted.
      const text = readFileSync(file, 'utf8');
      const nl = text.indexOf('\n');
      const code = text.slice(nl + 1);
      if (nl > 0 && text.slice(0, nl) === `// ${hash(code)}`) return { code };
    } catch {
      // Not cached yet.
    }
    const code = transform(opts);
    // A syntax error comes back as code that throws it: worth nothing once the file is fixed.
    if (!code.startsWith('exports.__JITI_ERROR__')) pending.set(file, code);
    return { code };
  };
}

/** Transforms made by this process and not yet saved (see persistTransforms). */
const pending = new Map<string, string>();

/**
 * Save the transforms of configs loaded so far. Called once the build is known to go ahead: a
 * build refused for its output folder (`--out .`) must leave the project exactly as it was.
 */
export function persistTransforms(): void {
  // (Written with the hash of the code on its first line; see cachedTransform.)
  for (const [file, code] of pending) saveAtomicallySync(file, `// ${hash(code)}\n${code}`);
  pending.clear();
}
