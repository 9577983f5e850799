import type { Diagnostic } from '../diagnostics/index.js';
import type {
  AuthorEntry,
  Entry,
  PageEntry,
  PostEntry,
  SeriesEntry,
  TopicEntry,
} from '../content/index.js';
import { isoDay } from '../util/dates.js';
import { resolveAuthors } from './authors.js';
import { entryPath, expandPermalink, postPath, withBase } from './permalinks.js';
import { relatedPosts } from './related.js';
import { checkSeries } from './series.js';
import { checkUrls } from './check-urls.js';
import type {
  Alias,
  Excluded,
  ExclusionReason,
  FileTarget,
  GraphOptions,
  GraphPage,
  GraphPost,
  GraphSeries,
  GraphTopic,
  SiteGraph,
  UrlPolicy,
} from './types.js';

/** Entries -> SiteGraph. Pure: no I/O, no clock (now comes in through options). */
export function buildGraph(
  entries: readonly Entry[],
  policy: UrlPolicy,
  opts: GraphOptions,
  relatedCount: number,
  siteAuthor = '',
  loose: readonly { file: string; path: string }[] = [],
): { graph: SiteGraph; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const base = (p: string) => withBase(policy.basePath, p);
  const allPosts = entries.filter((e): e is PostEntry => e.kind === 'post');
  const seriesEntries = new Map(
    entries.filter((e): e is SeriesEntry => e.kind === 'series').map((s) => [s.id, s]),
  );
  const topicEntries = new Map(
    entries.filter((e): e is TopicEntry => e.kind === 'topic').map((t) => [t.id, t]),
  );
  const { reasons, excluded } = exclusions(entries, opts);
  diagnostics.push(...checkSeries(allPosts, seriesEntries, (p) => reasons.get(p.file)));

  const byFile = new Map<string, FileTarget>();
  const why = (p: PostEntry | PageEntry) => {
    const r = reasons.get(p.file);
    return r && EXCLUDED_BECAUSE[r];
  };
  const posts: GraphPost[] = [];
  for (const e of allPosts) {
    const url = base(postPath(policy.permalinks.post, e));
    const excluded = why(e);
    byFile.set(e.file, excluded ? { id: `post:${e.id}`, excluded } : { id: `post:${e.id}`, url });
    for (const a of e.assets)
      byFile.set(
        a,
        excluded
          ? { id: `asset:${a}`, excluded }
          : { id: `asset:${a}`, url: url + a.slice(e.dir.length + 1) },
      );
    if (!excluded)
      posts.push({
        entry: e,
        id: e.id,
        url,
        year: e.date.getUTCFullYear(),
        future: e.date > opts.now,
        authors: [],
      });
  }
  posts.sort(
    (a, b) =>
      b.entry.date.getTime() - a.entry.date.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const postById = new Map(posts.map((p) => [p.id, p]));
  const authorFiles = entries.filter((e): e is AuthorEntry => e.kind === 'author');
  const ownUrl = new Map(authorFiles.map((e) => [e.id, e.url]));
  const found = resolveAuthors(
    authorFiles,
    allPosts,
    posts.map((p) => p.entry),
    siteAuthor,
    (id) => base(entryPath(policy.permalinks.author, { id, url: ownUrl.get(id) })),
  );
  diagnostics.push(...found.diagnostics);
  for (const p of posts) p.authors = found.of(p.entry);
  const authors = found.authors;
  for (const a of authors)
    if (a.entry) byFile.set(a.entry.file, { id: `author:${a.id}`, url: a.url });

  const series: GraphSeries[] = [...seriesEntries.values()].sort(byId).map((s) => {
    const written = allPosts.filter((p) => p.series === s.id);
    const partIds = posts
      .filter((p) => p.entry.series === s.id)
      .sort((a, b) => a.entry.part! - b.entry.part!)
      .map((p) => p.id);
    const derived = [...new Set(partIds.flatMap((id) => postById.get(id)!.entry.topics))].sort();
    const url = base(entryPath(policy.permalinks.series, s));
    byFile.set(s.file, { id: `series:${s.id}`, url });
    return {
      id: s.id,
      entry: s,
      url,
      partIds,
      plannedCount: Math.max(s.planned ?? 0, written.length, partIds.length),
      topics: s.topics.length ? s.topics : derived,
    };
  });
  const seriesById = new Map(series.map((s) => [s.id, s]));

  const topicIds = new Set([...topicEntries.keys(), ...posts.flatMap((p) => p.entry.topics)]);
  const topics: GraphTopic[] = [...topicIds].map((id) => {
    const entry = topicEntries.get(id);
    const url = base(
      entry
        ? entryPath(policy.permalinks.topic, entry)
        : expandPermalink(policy.permalinks.topic, id),
    );
    if (entry) byFile.set(entry.file, { id: `topic:${id}`, url });
    return {
      id,
      entry,
      url,
      title: entry?.title ?? id,
      postIds: posts.filter((p) => p.entry.topics.includes(id)).map((p) => p.id),
      seriesIds: series.filter((s) => s.topics.includes(id)).map((s) => s.id),
    };
  });
  topics.sort((a, b) => a.title.localeCompare(b.title, 'en') || (a.id < b.id ? -1 : 1));

  const pages: GraphPage[] = [];
  for (const e of entries.filter((x): x is PageEntry => x.kind === 'page').sort(byId)) {
    const url = base(entryPath(policy.permalinks.page, e));
    const excluded = why(e);
    byFile.set(e.file, excluded ? { id: `page:${e.id}`, excluded } : { id: `page:${e.id}`, url });
    // Page bundles (pages/<slug>/index.md) have files too: without this, a link to one would be
    // reported as "does not exist" and the file never published.
    for (const a of e.assets)
      byFile.set(
        a,
        excluded
          ? { id: `asset:${a}`, excluded }
          : { id: `asset:${a}`, url: url + a.slice(e.dir.length + 1) },
      );
    if (!excluded) pages.push({ entry: e, id: e.id, url });
  }

  const archive: SiteGraph['archive'] = [];
  for (const p of posts) {
    const last = archive[archive.length - 1];
    if (last && last.year === p.year) last.postIds.push(p.id);
    else archive.push({ year: p.year, postIds: [p.id] });
  }
  const chrono = new Map(
    posts.map((p, i) => [p.id, { prev: posts[i + 1]?.id, next: posts[i - 1]?.id }]),
  );
  const alias = (a: string, target: string, owner: string): Alias => ({
    url: base(aliasPage(a)),
    from: base(a),
    target,
    owner,
  });
  const aliases: Alias[] = [
    ...posts.flatMap((p) => p.entry.aliases.map((a) => alias(a, p.url, p.entry.file))),
    ...pages.flatMap((p) => p.entry.aliases.map((a) => alias(a, p.url, p.entry.file))),
    ...series.flatMap((s) => s.entry.aliases.map((a) => alias(a, s.url, s.entry.file))),
    ...topics.flatMap((t) => (t.entry?.aliases ?? []).map((a) => alias(a, t.url, t.entry!.file))),
    ...authors.flatMap((w) => (w.entry?.aliases ?? []).map((a) => alias(a, w.url, w.entry!.file))),
    ...Object.entries(policy.redirects ?? {}).map(([from, to]) =>
      alias(from, /^https?:/.test(to) ? to : base(to), 'colophon.config (redirects)'),
    ),
  ];
  diagnostics.push(...checkUrls(posts, series, topics, pages, authors, aliases, policy.basePath));
  const graph: SiteGraph = {
    posts,
    postById,
    series,
    seriesById,
    topics,
    topicById: new Map(topics.map((t) => [t.id, t])),
    authors,
    authorById: new Map(authors.map((a) => [a.id, a])),
    pages,
    archive,
    related: relatedPosts(posts, relatedCount),
    chrono,
    byFile,
    aliases,
    excluded,
    looseFiles: loose.map((f) => f.file),
  };
  // Files in content/ outside bundles, at their path under content/ (published only if linked).
  for (const f of loose) byFile.set(f.file, { id: `file:${f.file}`, url: base(f.path) });
  return { graph, diagnostics };
}

/**
 * Where an alias's redirect page goes: `/old` is written as `/old/index.html`, as Hugo does, so
 * every host and `serve` send it as HTML (a file named `old` went out with no Content-Type);
 * `/old.html` stays a file.
 */
function aliasPage(a: string): string {
  return a.endsWith('/') || /\.html?$/i.test(a) ? a : `${a}/`;
}

/** The posts and pages this build leaves out, by file and sorted by file, and why. */
function exclusions(entries: readonly Entry[], opts: GraphOptions) {
  const reasons = new Map<string, ExclusionReason>();
  const excluded: Excluded[] = [];
  for (const e of entries) {
    if (e.kind !== 'post' && e.kind !== 'page') continue;
    const reason = exclusion(e, opts);
    if (!reason) continue;
    reasons.set(e.file, reason);
    const day = e.kind !== 'post' ? undefined : reason === 'future' ? e.date : e.expires;
    excluded.push({
      file: e.file,
      reason,
      ...(day && reason !== 'draft' ? { date: isoDay(day) } : {}),
    });
  }
  excluded.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { reasons, excluded };
}

/** Why a post or page gets no page in this build; in that order when several apply. */
function exclusion(e: PostEntry | PageEntry, opts: GraphOptions): ExclusionReason | undefined {
  if (e.draft && !opts.drafts) return 'draft';
  if (e.kind === 'post') {
    if (e.expires && e.expires <= opts.now) return 'expired';
    if (e.date > opts.now && !opts.future) return 'future';
  }
  return undefined;
}

/** The end of "… is not published in this build because …" (links to excluded entries). */
const EXCLUDED_BECAUSE: Record<ExclusionReason, string> = {
  draft: 'it is a draft (build with --drafts to include drafts)',
  expired: 'it has expired',
  future: 'it is dated in the future (build with --future to include it)',
};

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
