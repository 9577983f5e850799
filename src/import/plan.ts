import path from 'node:path';
import { topicId } from '../content/schemas.js';
import { expandPermalink } from '../graph/permalinks.js';
import { parseContentDate } from '../util/dates.js';
import type { ImportDoc, ImportSite } from './model.js';
import type { Report } from './report.js';
import { colophonSlug } from './slugs.js';

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

const DEFAULTS = { post: '/posts/:slug/', topic: '/topics/:slug/', series: '/series/:slug/', page: '/:slug/' };

export function planSite(site: ImportSite, report: Report): Plan {
  const hubs = new Map<string, PlannedHub>();
  const sectionHub = planSections(site, hubs);
  const docs = planDocs(site, hubs, sectionHub);
  const permalinks = { ...DEFAULTS };
  permalinks.post = choosePattern(
    docs.filter((d) => d.doc.kind === 'post'),
    [site.config.postPattern, '/:year/:month/:day/:slug/', '/:year/:month/:slug/', '/:year/:slug/', ...sectionPatterns(site), DEFAULTS.post],
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
    const hub = t.taxonomy === 'topic' ? `topic:${topicId(t.name)}` : t.taxonomy === 'series' ? `series:${colophonSlug(t.name)}` : '';
    if (hubs.has(hub)) claim(t.oldUrl, hubs.get(hub)!.dest);
  }
  const redirects = planRedirects(site, docs, hubs, sectionHub, report);
  dedupe(docs, hubs, permalinks, redirects, report);
  const bySrc = new Map<string, string>(docs.map((d) => [d.doc.src, d.dest]));
  for (const s of site.sections) {
    const hub = sectionHub.get(s.key);
    bySrc.set(s.src, hub ? hubs.get(hub)!.dest : '');
  }
  report.note(`Permalink patterns: posts ${permalinks.post}, topics ${permalinks.topic}, series ${permalinks.series}, pages ${permalinks.page}.`);
  return { docs, hubs, permalinks, redirects, bySrc, byOldUrl };
}

/** Old URLs compare in folder form, lower case: `/x`, `/x/` and `/x/index.html` are one. */
export function key(url: string): string {
  return url.replace(/\/index\.html?$/, '/').replace(/^([^.]*[^/])$/, '$1/').toLowerCase();
}

/** Sections become topic hubs, or series when the site declared them so. */
function planSections(site: ImportSite, hubs: Map<string, PlannedHub>): Map<string, string> {
  const bySection = new Map<string, string>();
  for (const s of site.sections) {
    if (s.key === '' || s.redirectTo !== undefined) continue;
    const kind = s.asSeries ? 'series' : 'topic';
    let id = colophonSlug(s.key.split('/').pop()!);
    while (hubs.has(`${kind}:${id}`) && hubs.get(`${kind}:${id}`)!.src !== undefined) id = `${colophonSlug(s.key.replace(/\//g, '-'))}`;
    const hubKey = `${kind}:${id}`;
    hubs.set(hubKey, {
      kind,
      id,
      title: s.title,
      description: s.description,
      body: s.body,
      src: s.src,
      bodyLine: s.bodyLine,
      url: s.oldUrl,
      aliases: [],
      dest: `content/${kind === 'topic' ? 'topics' : 'series'}/${id}.md`,
    });
    bySection.set(s.key, hubKey);
  }
  for (const [k, v] of site.series) {
    const id = colophonSlug(k);
    const hubKey = `series:${id}`;
    if (hubs.has(hubKey)) continue;
    hubs.set(hubKey, { kind: 'series', id, title: v.title, description: v.description, body: v.body, aliases: [], dest: `content/series/${id}.md` });
  }
  return bySection;
}

function planDocs(site: ImportSite, hubs: Map<string, PlannedHub>, sectionHub: Map<string, string>): PlannedDoc[] {
  const taken = new Set<string>();
  const planned: PlannedDoc[] = [];
  for (const doc of site.docs) {
    let slug = colophonSlug(doc.slug);
    const kind = doc.kind;
    if (taken.has(`${kind}:${slug}`)) {
      const prefix = doc.section ? colophonSlug(doc.section.replace(/\//g, '-')) : '';
      slug = prefix && !taken.has(`${kind}:${prefix}-${slug}`) ? `${prefix}-${slug}` : slug;
      for (let n = 2; taken.has(`${kind}:${slug}`); n++) slug = `${colophonSlug(doc.slug)}-${n}`;
    }
    taken.add(`${kind}:${slug}`);
    const folder = kind === 'post' ? 'posts' : 'pages';
    const dest = doc.bundle ? `content/${folder}/${slug}/index.md` : `content/${folder}/${slug}.md`;
    const topics: string[] = [];
    const add = (id: string) => {
      if (id && !topics.includes(id)) topics.push(id);
    };
    let series: string | undefined;
    for (const sk of ancestors(doc.section)) {
      const hub = sectionHub.get(sk);
      if (hub?.startsWith('topic:')) add(hub.slice(6));
      if (hub?.startsWith('series:') && !series) series = hub.slice(7);
    }
    for (const name of doc.topics) {
      const id = topicId(name);
      add(id);
      if (id && !hubs.has(`topic:${id}`) && name !== id)
        hubs.set(`topic:${id}`, { kind: 'topic', id, title: name, aliases: [], dest: `content/topics/${id}.md` });
    }
    if (doc.series) series = colophonSlug(doc.series.key);
    planned.push({ doc, dest, slug, aliases: [], topics, ...(series && kind === 'post' ? { series: { id: series, part: 0 } } : {}) });
  }
  numberParts(planned);
  return planned;
}

/** `blog/tiny-vm` -> ['blog/tiny-vm', 'blog']. */
function ancestors(section: string | undefined): string[] {
  if (!section) return [];
  const parts = section.split('/');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('/'));
}

/** Parts in weight order (series_weight, weight), then by date; numbered from 1. */
function numberParts(docs: PlannedDoc[]): void {
  const bySeries = new Map<string, PlannedDoc[]>();
  for (const d of docs) if (d.series) bySeries.set(d.series.id, [...(bySeries.get(d.series.id) ?? []), d]);
  for (const parts of bySeries.values()) {
    parts.sort((a, b) => (a.doc.series?.weight ?? Infinity) - (b.doc.series?.weight ?? Infinity) || (a.doc.date ?? '').localeCompare(b.doc.date ?? ''));
    parts.forEach((p, i) => (p.series!.part = i + 1));
  }
}

function sectionPatterns(site: ImportSite): string[] {
  return site.sections.filter((s) => s.key && !s.key.includes('/')).map((s) => `/${s.key.toLowerCase()}/:slug/`).filter((p) => /^\/[a-z0-9._~-]+\/:slug\/$/.test(p));
}

const dateOf = (d: ImportDoc) => (d.date ? parseContentDate(d.date) : undefined);

function choosePattern(docs: PlannedDoc[], candidates: (string | undefined)[]): string {
  // With no pattern matching any old address, the site's own (closest) scheme is still kept.
  let best = candidates[0] ?? DEFAULTS.post;
  let bestCount = 0;
  for (const c of candidates) {
    if (!c) continue;
    const n = docs.filter((d) => d.doc.oldUrl && expandPermalink(c, d.slug, dateOf(d.doc)) === d.doc.oldUrl).length;
    if (n > bestCount) [best, bestCount] = [c, n];
  }
  return best;
}

function chooseTopicPattern(site: ImportSite, hubs: Map<string, PlannedHub>): string {
  let best = DEFAULTS.topic;
  let bestCount = 0;
  for (const c of ['/topics/:slug/', '/tags/:slug/', '/categories/:slug/']) {
    const n = site.terms.filter((t) => t.taxonomy === 'topic' && !hubs.get(`topic:${topicId(t.name)}`)?.url && expandPermalink(c, topicId(t.name)) === t.oldUrl).length;
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
const isUrlPath = (p: string) => /^\/(?:[^/\\?#\s]+\/)*$/.test(p) && !p.split('/').some((s) => s === '.' || s === '..');

function placeHubs(site: ImportSite, hubs: Map<string, PlannedHub>, permalinks: Plan['permalinks']): void {
  for (const hub of hubs.values()) {
    const pattern = hub.kind === 'topic' ? permalinks.topic : permalinks.series;
    if (hub.url && (expandPermalink(pattern, hub.id) === hub.url || !isUrlPath(hub.url))) {
      if (!isUrlPath(hub.url)) hub.aliases.push(hub.url);
      delete hub.url;
    }
  }
  for (const t of site.terms) {
    const hub = t.taxonomy === 'topic' ? hubs.get(`topic:${topicId(t.name)}`) : t.taxonomy === 'series' ? hubs.get(`series:${colophonSlug(t.name)}`) : undefined;
    const id = t.taxonomy === 'topic' ? topicId(t.name) : colophonSlug(t.name);
    if (t.taxonomy === 'author') continue;
    const pattern = t.taxonomy === 'topic' ? permalinks.topic : permalinks.series;
    const now = hub?.url ?? expandPermalink(pattern, id);
    if (now === t.oldUrl) continue;
    if (hub) {
      if (!hub.aliases.includes(t.oldUrl)) hub.aliases.push(t.oldUrl);
    } else if (t.taxonomy === 'topic') {
      hubs.set(`topic:${id}`, { kind: 'topic', id, title: t.name, aliases: [t.oldUrl], dest: `content/topics/${id}.md` });
    }
  }
}

function planRedirects(site: ImportSite, docs: PlannedDoc[], hubs: Map<string, PlannedHub>, sectionHub: Map<string, string>, report: Report): Record<string, string> {
  const redirects: Record<string, string> = {};
  const byOld = new Map<string, PlannedDoc>();
  for (const d of docs) if (d.doc.oldUrl) byOld.set(key(d.doc.oldUrl), d);
  for (const stub of site.stubs) {
    const target = byOld.get(key(stub.to)) ?? docs.find((d) => d.doc.src === stub.to);
    if (target) {
      target.aliases.push(stub.from);
      report.converted('redirect stub -> alias of its target', { file: stub.src });
    } else if (/^(?:\/|https?:)/.test(stub.to)) {
      redirects[stub.from] = stub.to;
      report.todo({ file: stub.src }, `This redirect points at ${stub.to}, which is not an imported page; it became a redirect in colophon.config.ts. Check the target.`);
    }
  }
  for (const s of site.sections) {
    if (s.redirectTo === undefined) continue;
    const hub = sectionHub.get(s.redirectTo);
    if (hub) hubs.get(hub)!.aliases.push(s.oldUrl);
    else redirects[s.oldUrl] = '/' + s.redirectTo.replace(/^\//, '');
    report.converted('section that only redirected -> alias', { file: s.src });
  }
  for (const r of site.indexRedirects) redirects[r.from] = r.to === 'home' ? '/' : `/${r.to}/`;
  return redirects;
}

/** Drop aliases that are the page's own address or that another page already answers at. */
function dedupe(docs: PlannedDoc[], hubs: Map<string, PlannedHub>, permalinks: Plan['permalinks'], redirects: Record<string, string>, report: Report): void {
  const claimed = new Map<string, string>();
  const own = (d: PlannedDoc) => d.url ?? (d.doc.kind === 'post' ? expandPermalink(permalinks.post, d.slug, dateOf(d.doc)) : expandPermalink(permalinks.page, d.slug));
  for (const p of ['/', '/archive/', '/series/', '/topics/', '/search/', '/page/']) claimed.set(p, '(generated page)');
  for (const d of docs) if (d.doc.oldUrl !== null || d.doc.draft === false) claimed.set(own(d).toLowerCase(), d.dest);
  for (const h of hubs.values()) claimed.set((h.url ?? expandPermalink(h.kind === 'topic' ? permalinks.topic : permalinks.series, h.id)).toLowerCase(), h.dest);
  const keep = (list: string[], dest: string, file: string): string[] =>
    [...new Set(list)].filter((a) => {
      const k = a.toLowerCase();
      const holder = claimed.get(k);
      if (holder === dest) return false;
      if (holder !== undefined) {
        report.todo({ file }, `The old address ${a} is also the address of ${holder}; it is not kept as an alias here.`);
        return false;
      }
      claimed.set(k, dest);
      return true;
    });
  for (const d of docs) d.aliases = keep(d.aliases, d.dest, d.doc.src);
  for (const h of hubs.values()) h.aliases = keep(h.aliases, h.dest, h.src ?? h.dest);
  for (const from of Object.keys(redirects)) {
    if (claimed.has(from.toLowerCase())) delete redirects[from];
    else claimed.set(from.toLowerCase(), 'colophon.config.ts');
  }
}

/** A relative link from one DEST file to another (`./x.md`, `../topics/y.md`). */
export function relativeLink(fromDest: string, toDest: string): string {
  const rel = path.posix.relative(path.posix.dirname(fromDest), toDest);
  return rel.startsWith('.') ? rel : `./${rel}`;
}
