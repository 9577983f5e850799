import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgUrl = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(pkgUrl, 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
};

/** Colophon's own version, shown by --version and in the generator tag. */
export const COLOPHON_VERSION: string = pkg.version;

let digest: string | undefined;

/**
 * Changes whenever Colophon's code or an installed dependency changes: part of every cache key,
 * so an upgrade (or, while developing Colophon, any edit to its code) never serves stale work.
 * Hashes this build of Colophon's own module files and the versions of its installed
 * dependencies; computed once per process (a few milliseconds).
 */
export function toolDigest(): string {
  if (digest) return digest;
  const h = createHash('sha256');
  h.update(pkg.version);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts'))
        h.update(e.name).update(readFileSync(p));
    }
  };
  walk(here);
  const require = createRequire(pkgUrl);
  for (const dep of Object.keys(pkg.dependencies ?? {}).sort()) {
    try {
      h.update(dep).update(
        (
          JSON.parse(readFileSync(require.resolve(`${dep}/package.json`), 'utf8')) as {
            version: string;
          }
        ).version,
      );
    } catch {
      // Packages that do not export package.json: their own entry file stands in for the version.
      try {
        h.update(dep).update(readFileSync(require.resolve(dep)));
      } catch {
        h.update(dep);
      }
    }
  }
  digest = h.digest('base64url').slice(0, 22);
  return digest;
}
