import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics/index.js';
import { hash } from '../util/hash.js';
import type * as Pagefind from 'pagefind';
import type { PageManifest } from './pages.js';

export const SEARCH_DIR = 'pagefind';

/**
 * The search index's cache key: the bytes of every HTML page (via the manifest's output hashes).
 * Unchanged pages mean an unchanged index, so a warm build reuses the previous one.
 */
export function searchKey(manifest: PageManifest, version: string): string {
  const pages = Object.entries(manifest)
    .filter(([p]) => p.endsWith('.html'))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([p, m]) => `${p}=${m.out}`);
  return hash(version, ...pages);
}

/**
 * Index the built HTML with Pagefind (its Node API; the binary comes from an optional npm
 * dependency, nothing is downloaded). Only elements marked `data-pagefind-body` are indexed, and
 * the theme marks them only on searchable pages: drafts, 404 and redirects are left out.
 */
export async function buildSearchIndex(dir: string, language: string): Promise<Diagnostic[]> {
  let pagefind: typeof Pagefind;
  try {
    pagefind = await import('pagefind');
  } catch (e) {
    return [
      error(
        'search/unavailable',
        `Search index not built: Pagefind could not be loaded (${(e as Error).message}). Reinstall dependencies, or set search.enabled: false.`,
      ),
    ];
  }
  try {
    const { index, errors } = await pagefind.createIndex({
      forceLanguage: language.slice(0, 2),
      includeCharacters: '_$',
    });
    if (!index) return [error('search/index-failed', `Pagefind failed: ${errors.join('; ')}.`)];
    const added = await index.addDirectory({ path: dir, glob: '**/*.html' });
    if (added.errors.length)
      return [
        error(
          'search/index-failed',
          `Pagefind could not index the site: ${added.errors.join('; ')}.`,
        ),
      ];
    const written = await index.writeFiles({ outputPath: path.join(dir, SEARCH_DIR) });
    if (written.errors.length)
      return [
        error(
          'search/index-failed',
          `Pagefind could not write its files: ${written.errors.join('; ')}.`,
        ),
      ];
    return [];
  } finally {
    await pagefind.close();
  }
}
