import type { PostEntry } from '../content/index.js';

/** The one URL policy. Patterns are validated by the config schema; slugs by the content schema. */
export function expandPermalink(pattern: string, slug: string, date?: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return pattern
    .replace(':slug', slug)
    .replace(':year', date ? String(date.getUTCFullYear()) : '')
    .replace(':month', date ? pad(date.getUTCMonth() + 1) : '')
    .replace(':day', date ? pad(date.getUTCDate()) : '')
    .replace(/\/{2,}/g, '/');
}

export function withBase(basePath: string, sitePath: string): string {
  return basePath + sitePath.replace(/^\//, '');
}

/** A post's site path: its own `url`, else the pattern. */
export const postPath = (pattern: string, p: PostEntry) =>
  p.url ?? expandPermalink(pattern, p.id, p.date);

/** Site path of a series, topic or page: its own `url`, else the pattern with its id. */
export const entryPath = (pattern: string, e: { id: string; url?: string }) =>
  e.url ?? expandPermalink(pattern, e.id);

/**
 * Fixed URLs of generated pages (site paths, before basePath). Reserved: a post or page
 * claiming one of them is a duplicate-URL error.
 */
export const FIXED = {
  home: '/',
  homePage: (n: number) => `/page/${n}/`,
  archive: '/archive/',
  seriesIndex: '/series/',
  topicIndex: '/topics/',
  /** Only on a site with more than one author. */
  authorIndex: '/authors/',
  search: '/search/',
  notFound: '/404.html',
} as const;

/** Where a URL is written: `/blog/posts/x/` -> `posts/x/index.html` (basePath is not a folder). */
export function outputPathFor(basePath: string, url: string): string {
  const sitePath = url.startsWith(basePath) ? url.slice(basePath.length) : url.replace(/^\//, '');
  const decoded = decodeURI(sitePath);
  return decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
}
