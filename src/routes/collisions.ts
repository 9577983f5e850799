import type { Entry } from '../content/index.js';
import { error, type Diagnostic, type SourceSpan } from '../diagnostics/index.js';
import { outputPathFor, type SiteGraph } from '../graph/index.js';
import type { PagePlan } from './types.js';

interface Writer {
  /** What writes the file, as a reader of the message knows it. */
  what: string;
  /** Where it was asked for; lower `rank` is the more precise place to point at. */
  at?: SourceSpan;
  rank: number;
  alias?: boolean;
}

/**
 * No two things may write one output file (compared case-insensitively and after Unicode
 * normalisation, as a case-insensitive file system would). Each clash names both writers and
 * points at the line that asked for one of them: an alias, a slug, a content file.
 */
export function checkCollisions(
  plans: readonly PagePlan[],
  publicFiles: readonly { rel: string; source: string }[],
  entries: readonly Entry[],
  g: SiteGraph,
  basePath: string,
  /** Files of content/ outside bundles that bodies link to (published at their path there). */
  linked: readonly string[] = [],
): Diagnostic[] {
  const { claim, out } = claims();
  const describe = writerOf(g, entries, basePath);
  const file = (name: string) => () => ({
    what: name,
    at: { file: name, line: 1, column: 1 },
    rank: 3,
  });
  for (const p of plans) claim(p.outPath, () => describe(p));
  for (const f of publicFiles) claim(f.rel, file(f.source));
  for (const e of entries)
    for (const a of e.assets) {
      const u = g.byFile.get(a)?.url;
      if (u) claim(outputPathFor(basePath, u), file(a));
    }
  for (const a of linked) {
    const u = g.byFile.get(a)?.url;
    if (u) claim(outputPathFor(basePath, u), file(a));
  }
  return out;
}

/**
 * Claims of output paths; a second claim of a path is a clash, and so is a file at the path of a
 * folder another writer writes into (an alias `/rss.xml` writes `rss.xml/index.html`, the feed
 * writes `rss.xml`). Writers are described only for a clash: this runs over every page of every
 * build.
 */
function claims() {
  const owners = new Map<string, () => Writer>();
  // The first writer below each folder.
  const folders = new Map<string, () => Writer>();
  const out: Diagnostic[] = [];
  const clash = (rel: string, first: () => Writer, writer: () => Writer) => {
    // The more precise writer (an alias, a slug) is named first, whichever was planned first.
    const [prev, who] = [first(), writer()].sort((a, b) => a.rank - b.rank) as [Writer, Writer];
    const advice =
      prev.alias || who.alias
        ? 'Remove the alias, or give it another path.'
        : 'Rename one of them.';
    const message = `Two things write ${rel}: ${prev.what} and ${who.what}. ${advice}`;
    out.push(error('output/collision', message, prev.at));
  };
  const claim = (rel: string, writer: () => Writer) => {
    const k = rel.normalize('NFC').toLowerCase();
    const first = owners.get(k) ?? folders.get(k);
    if (first) return clash(rel, first, writer);
    owners.set(k, writer);
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const dk = dir.normalize('NFC').toLowerCase();
      const file = owners.get(dk);
      if (file) return clash(dir, file, writer);
      if (!folders.has(dk)) folders.set(dk, writer);
    }
  };
  return { claim, out };
}

const GENERATED: Record<string, string> = {
  home: 'the home page',
  archive: 'the archive page',
  'series-index': 'the series index',
  'topic-index': 'the topic index',
  '404': 'the 404 page',
  search: 'the search page',
  sitemap: 'the sitemap',
  robots: 'robots.txt',
};
const FEEDS: Record<string, string> = {
  'rss.xml': 'RSS feed',
  'atom.xml': 'Atom feed',
  'feed.json': 'JSON feed',
};

function writerOf(g: SiteGraph, entries: readonly Entry[], basePath: string) {
  const root = basePath.replace(/\/$/, '');
  const byFile = new Map(entries.map((e) => [e.file, e]));
  const byId = new Map(entries.map((e) => [`${e.kind}:${e.id}`, e]));
  return (p: PagePlan): Writer => {
    const key = p.planKey ?? '';
    const [kind = '', rest = ''] = key.split(/:(.*)/s);
    if (kind === 'redirect') {
      const alias = g.aliases.find((a) => a.url === p.url);
      const owner = alias?.owner;
      const e = owner ? byFile.get(owner) : undefined;
      // `from` is the alias as written (with basePath); `url` may have gained a slash.
      const i = e && 'aliases' in e ? e.aliases.findIndex((x) => root + x === alias?.from) : -1;
      const line = e?.keyLines[`aliases.${i}`] ?? e?.keyLines.aliases;
      const written = e && i >= 0 && 'aliases' in e ? e.aliases[i]! : p.url;
      return {
        what: `the redirect of the alias "${written}"${owner ? ` in ${owner}` : ''}`,
        ...(owner && line ? { at: { file: owner, ...line } } : {}),
        rank: 0,
        alias: true,
      };
    }
    if (kind === 'feeds') {
      const name = FEEDS[p.outPath.split('/').pop() ?? ''] ?? 'feed';
      // planKey: `feeds:site`, `feeds:series:<id>`, `feeds:topic:<id>` (routes/index.ts).
      const [of = '', id = ''] = rest.split(/:(.*)/s);
      return {
        what: `the ${name} of ${of === 'site' ? 'the site' : `the ${of} "${id}"`}`,
        rank: 4,
      };
    }
    const id = rest.replace(/@\d+$/, '');
    const entry = byId.get(`${kind}:${id}`);
    if (entry) {
      const slug = entry.keyLines.slug;
      return {
        what: `the page of ${entry.file}`,
        at: { file: entry.file, ...(slug ?? { line: 1, column: 1 }) },
        rank: slug ? 1 : 2,
      };
    }
    return { what: GENERATED[kind] ?? `the page ${p.url}`, rank: 4 };
  };
}
