import path from 'node:path';
import { topicId } from '../content/schemas.js';
import { expandPermalink } from '../graph/permalinks.js';
import { parseContentDate } from '../util/dates.js';
import type { ImportDoc, ImportSite } from './model.js';
import type { Report } from './report.js';
import { colophonSlug } from './slugs.js';
import { planDocs, planSections } from './plan-entries.js';
import { dedupe, planRedirects } from './plan-redirects.js';

/**
 * Where everything goes, and how every old address keeps answering: permalink patterns chosen
 * to make as many old URLs exact as possible, `url` for the other folder-style addresses, and
 * aliases (redirect pages) for the rest (`.html` files, second addresses).
 */

export interface PlannedDoc {
  doc: ImportDoc;
  /** DEST-relative Markdown file. */
  dest: string;
  slug: string;
  url?: string;
  aliases: string[];
  topics: string[];
  series?: { id: string; part: number };
}

export interface PlannedHub {
  kind: 'topic' | 'series';
  id: string;
  title: string;
  description?: string;
  body?: string;
  /** SRC file the body came from (a section's `_index.md`). */
  src?: string;
  bodyLine?: number;
  url?: string;
  aliases: string[];
  dest: string;
}

export interface Plan {
  docs: PlannedDoc[];
  hubs: Map<string, PlannedHub>;
  permalinks: { post: string; topic: string; series: string; page: string };
  redirects: Record<string, string>;
  /** SRC content file -> DEST file ('' for the home page). */
  bySrc: Map<string, string>;
  /** Old site path (lower case, folder form) -> DEST file ('' for the home page). */
  byOldUrl: Map<string, string>;
}

export const DEFAULTS = {
  post: '/posts/:slug/',
  topic: '/topics/:slug/',
  series: '/series/:slug/',
  page: '/:slug/',
};

export function planSite(site: ImportSite, report: Report): Plan {
  const hubs = new Map<string, PlannedHub>();
  const sectionHub = planSections(site, hubs);
  const docs = planDocs(site, hubs, sectionHub);
  const permalinks = { ...DEFAULTS };
  permalinks.post = choosePattern(
    docs.filter((d) => d.doc.kind === 'post'),
    [
      site.config.postPattern,
      '/:year/:month/:day/:slug/',
      '/:year/:month/:slug/',
      '/:year/:slug/',
      ...sectionPatterns(site),
      DEFAULTS.post,
    ],
  );
  permalinks.topic = chooseTopicPattern(site, hubs);
  for (const d of docs) placeDoc(d, d.doc.kind === 'post' ? permalinks.post : permalinks.page);
  placeHubs(site, hubs, permalinks);
  const byOldUrl = new Map<string, string>();
  const claim = (url: string | null | undefined, dest: string) => {
    if (url) byOldUrl.set(key(url), dest);
  };
  for (const d of docs) {
    claim(d.doc.oldUrl, d.dest);
    for (const a of d.doc.aliases) claim(a, d.dest);
  }
  for (const s of site.sections) {
    const hub = sectionHub.get(s.key);
    claim(s.oldUrl, hub ? hubs.get(hub)!.dest : '');
  }
  for (const t of site.terms) {
    const hub =
      t.taxonomy === 'topic'
        ? `topic:${topicId(t.name)}`
        : t.taxonomy === 'series'
          ? `series:${colophonSlug(t.name)}`
          : '';
    if (hubs.has(hub)) claim(t.oldUrl, hubs.get(hub)!.dest);
  }
  const redirects = planRedirects(site, docs, hubs, sectionHub, report);
  dedupe(docs, hubs, permalinks, redirects, report);
  const bySrc = new Map<string, string>(docs.map((d) => [d.doc.src, d.dest]));
  for (const s of site.sections) {
    const hub = sectionHub.get(s.key);
    bySrc.set(s.src, hub ? hubs.get(hub)!.dest : '');
  }
  report.note(
    `Permalink patterns: posts ${permalinks.post}, topics ${permalinks.topic}, series ${permalinks.series}, pages ${permalinks.page}.`,
  );
  if (site.config.pageSize)
    report.note(
      `Lists show ${site.config.pageSize} posts a page (pagination.pageSize), as the old site's did, so its list pages (\`/page/2/\`, a section's \`page/2/\`) list the same posts.`,
    );
  return { docs, hubs, permalinks, redirects, bySrc, byOldUrl };
}

/** Old URLs compare in folder form, lower case: `/x`, `/x/` and `/x/index.html` are one. */
export function key(url: string): string {
  return url
    .replace(/\/index\.html?$/, '/')
    .replace(/^([^.]*[^/])$/, '$1/')
    .toLowerCase();
}

function sectionPatterns(site: ImportSite): string[] {
  return site.sections
    .filter((s) => s.key && !s.key.includes('/'))
    .map((s) => `/${s.key.toLowerCase()}/:slug/`)
    .filter((p) => /^\/[a-z0-9._~-]+\/:slug\/$/.test(p));
}

export const dateOf = (d: ImportDoc) => (d.date ? parseContentDate(d.date) : undefined);

function choosePattern(docs: PlannedDoc[], candidates: (string | undefined)[]): string {
  // With no pattern matching any old address, the site's own (closest) scheme is still kept.
  let best = candidates[0] ?? DEFAULTS.post;
  let bestCount = 0;
  for (const c of candidates) {
    if (!c) continue;
    const n = docs.filter(
      (d) => d.doc.oldUrl && expandPermalink(c, d.slug, dateOf(d.doc)) === d.doc.oldUrl,
    ).length;
    if (n > bestCount) [best, bestCount] = [c, n];
  }
  return best;
}

function chooseTopicPattern(site: ImportSite, hubs: Map<string, PlannedHub>): string {
  let best = DEFAULTS.topic;
  let bestCount = 0;
  for (const c of ['/topics/:slug/', '/tags/:slug/', '/categories/:slug/']) {
    const n = site.terms.filter(
      (t) =>
        t.taxonomy === 'topic' &&
        !hubs.get(`topic:${topicId(t.name)}`)?.url &&
        expandPermalink(c, topicId(t.name)) === t.oldUrl,
    ).length;
    if (n > bestCount) [best, bestCount] = [c, n];
  }
  return best;
}

/** The page keeps its old address: exactly (pattern or `url`) where it can, else by an alias. */
function placeDoc(d: PlannedDoc, pattern: string): void {
  const old = d.doc.oldUrl;
  d.aliases.push(...d.doc.aliases);
  if (!old) return;
  if (expandPermalink(pattern, d.slug, dateOf(d.doc)) === old) return;
  if (old.endsWith('/') && isUrlPath(old)) d.url = old;
  else d.aliases.unshift(old);
}

/** What the content schema accepts as `url` (content/schemas.ts). */
export const isUrlPath = (p: string) =>
  /^\/(?:[^/\\?#\s]+\/)*$/.test(p) && !p.split('/').some((s) => s === '.' || s === '..');

function placeHubs(
  site: ImportSite,
  hubs: Map<string, PlannedHub>,
  permalinks: Plan['permalinks'],
): void {
  for (const hub of hubs.values()) {
    const pattern = hub.kind === 'topic' ? permalinks.topic : permalinks.series;
    if (hub.url && (expandPermalink(pattern, hub.id) === hub.url || !isUrlPath(hub.url))) {
      if (!isUrlPath(hub.url)) hub.aliases.push(hub.url);
      delete hub.url;
    }
  }
  for (const t of site.terms) {
    const hub =
      t.taxonomy === 'topic'
        ? hubs.get(`topic:${topicId(t.name)}`)
        : t.taxonomy === 'series'
          ? hubs.get(`series:${colophonSlug(t.name)}`)
          : undefined;
    const id = t.taxonomy === 'topic' ? topicId(t.name) : colophonSlug(t.name);
    if (t.taxonomy === 'author') continue;
    const pattern = t.taxonomy === 'topic' ? permalinks.topic : permalinks.series;
    const now = hub?.url ?? expandPermalink(pattern, id);
    if (now === t.oldUrl) continue;
    if (hub) {
      if (!hub.aliases.includes(t.oldUrl)) hub.aliases.push(t.oldUrl);
    } else if (t.taxonomy === 'topic') {
      hubs.set(`topic:${id}`, {
        kind: 'topic',
        id,
        title: t.name,
        aliases: [t.oldUrl],
        dest: `content/topics/${id}.md`,
      });
    }
  }
}

/** A relative link from one DEST file to another (`./x.md`, `../topics/y.md`). */
export function relativeLink(fromDest: string, toDest: string): string {
  const rel = path.posix.relative(path.posix.dirname(fromDest), toDest);
  return rel.startsWith('.') ? rel : `./${rel}`;
}
