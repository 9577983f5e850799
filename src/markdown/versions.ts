import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_VERSIONS } from '../cache/versions.js';

/**
 * The version of our own plugins' output (`CACHE_VERSIONS.markdown`, bumped in
 * cache/versions.ts): part of the renderer digest and of every highlight cache key.
 */
export const PIPELINE_VERSION = CACHE_VERSIONS.markdown;

/** Packages whose version changes what we output. */
export const PIPELINE_PACKAGES = [
  'unified',
  'remark-parse',
  'remark-gfm',
  'remark-math',
  'remark-directive',
  'mdast-util-directive',
  'unidecode',
  'remark-rehype',
  'rehype-raw',
  'rehype-sanitize',
  'rehype-katex',
  'katex',
  'rehype-autolink-headings',
  'rehype-stringify',
  'github-slugger',
  'shiki',
  '@shikijs/transformers',
  'beautiful-mermaid',
  '@viz-js/viz',
] as const;

const cache = new Map<string, string>();

/**
 * Installed version of a dependency, read from its package.json. Found by walking up
 * node_modules folders like Node does, because ESM-only packages do not all export
 * `./package.json` and `import.meta.resolve` is not available under every test runner.
 */
export function packageVersion(name: string): string {
  const known = cache.get(name);
  if (known !== undefined) return known;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const json = JSON.parse(
        readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8'),
      ) as {
        version?: unknown;
      };
      const version = typeof json.version === 'string' ? json.version : 'unknown';
      cache.set(name, version);
      return version;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  cache.set(name, 'unknown');
  return 'unknown';
}

export function pipelineVersions(): Record<string, string> {
  return Object.fromEntries(PIPELINE_PACKAGES.map((name) => [name, packageVersion(name)]));
}
