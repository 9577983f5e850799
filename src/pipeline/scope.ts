import type { Entry, PostEntry } from '../content/index.js';
import { entryId } from '../content/index.js';
import type { SiteGraph } from '../graph/index.js';
import { readsChanged, TrackedDeps, type PagePlan } from '../routes/index.js';
import type { PageManifest } from './stages/pages.js';
import type { CachedBody } from './markdown/bodies.js';

/**
 * The body-only rebuild of `serve` (Pipeline.run uses it when it can). Editing the text of posts —
 * the edit a writer makes a hundred times an hour — changes no URL, no list, no order, no link
 * target: the site graph, the public files, the templates and the structure of every page stay as
 * they were. Only the edited bodies are rendered again, and only the pages that read one of them
 * (directly, or through the card or series card they feed) are planned and rendered again; every
 * other page keeps its previous plan and bytes. The incremental tests check the result is the
 * same as a full build.
 */

/** A changed entry whose front matter, position of keys and files are exactly as before. */
export function bodyOnly(before: Entry, after: Entry): boolean {
  return (
    before.kind === after.kind &&
    before.id === after.id &&
    before.file === after.file &&
    before.dir === after.dir &&
    before.metaHash === after.metaHash &&
    before.assets.join('\n') === after.assets.join('\n') &&
    JSON.stringify(before.keyLines) === JSON.stringify(after.keyLines)
  );
}

/**
 * Front matter of a post that only its own card and page show: editing it moves the post in no
 * list and changes no URL, so the quick path takes it too (the title edit is the second most
 * common edit in `serve`). Anything else (date, topics, series, part, draft, slug, cover, ...)
 * can reorder lists or change URLs and images: a full run. `updated` too: the sitemap's lastmod
 * comes from every page at once and is planned only by a full run.
 */
const CARD_ONLY_KEYS = new Set(['title', 'description', 'toc', 'canonical']);

/** A post whose changes, besides its body, are only in CARD_ONLY_KEYS, each on the same line. */
export function cardOnly(before: Entry, after: Entry): boolean {
  if (before.kind !== 'post' || after.kind !== 'post') return false;
  const rest = (e: PostEntry) =>
    JSON.stringify(
      Object.entries(e).filter(
        // An entry revived from the cache has no `undefined` keys; a freshly parsed one has them.
        ([k, v]) =>
          v !== undefined &&
          !CARD_ONLY_KEYS.has(k) &&
          k !== 'body' &&
          k !== 'bodyHash' &&
          k !== 'metaHash',
      ),
    );
  return rest(before) === rest(after);
}

export interface QuickChanges {
  /** Every entry that changed. */
  changed: Entry[];
  /** The posts among them whose card-level front matter changed (cardOnly). */
  meta: PostEntry[];
}

/**
 * The entries that changed since the last run, when every change is body-only or card-only;
 * undefined when anything else changed (an entry added, removed, or other front matter).
 */
export function quickChanges(
  before: ReadonlyMap<string, Entry>,
  now: ReadonlyMap<string, Entry>,
): QuickChanges | undefined {
  if (before.size !== now.size) return undefined;
  const changed: Entry[] = [];
  const meta: PostEntry[] = [];
  for (const [file, e] of now) {
    const old = before.get(file);
    if (!old) return undefined;
    if (old === e) continue;
    if (bodyOnly(old, e)) changed.push(e);
    else if (cardOnly(old, e)) {
      changed.push(e);
      meta.push(e as PostEntry);
    } else return undefined;
  }
  return { changed, meta };
}

/**
 * The graph with these posts' entries replaced. cardOnly changes touch nothing the graph is built
 * from (order is date then id, lists come from topics, series and parts), so every list, order and
 * URL is the old one.
 */
export function withEntries(g: SiteGraph, posts: readonly PostEntry[]): SiteGraph {
  if (!posts.length) return g;
  const byId = new Map(posts.map((e) => [e.id, e]));
  const list = g.posts.map((p) => {
    const e = byId.get(p.id);
    return e ? { ...p, entry: e } : p;
  });
  return { ...g, posts: list, postById: new Map(list.map((p) => [p.id, p])) };
}

/**
 * The dates at which a post becomes visible or expires, sorted: what `timeCrossed` looks in. A
 * quick pass changes no date (bodyOnly and cardOnly keep them), so the list of the full run holds.
 */
export function visibilityTimes(entries: Iterable<Entry>): number[] {
  const out: number[] = [];
  for (const e of entries)
    if (e.kind === 'post') {
      if (e.date) out.push(e.date.getTime());
      if (e.expires) out.push(e.expires.getTime());
    }
  return out.sort((a, b) => a - b);
}

/**
 * Did a post become visible (or expire) between two "now"s? Then the graph is not the same.
 * A binary search: every body edit asks, and a scan of 4,000 entries cost ~5 ms of it.
 */
export function timeCrossed(times: readonly number[], from: number, to: number): boolean {
  if (from === to) return false;
  const [lo, hi] = from < to ? [from, to] : [to, from];
  // The first time after lo.
  let a = 0;
  let b = times.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (times[mid]! <= lo) a = mid + 1;
    else b = mid;
  }
  return a < times.length && times[a]! <= hi;
}

/**
 * Which plans read which inputs: `body:<id>` deps, `card:<post id>` and `card:series/<id>` reads,
 * and a post's own facts (`post:<id>#...` deps) as `meta:<post id>`.
 */
export function readersIndex(plans: readonly PagePlan[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (id: string, key: string) => {
    const set = index.get(id);
    if (set) set.add(key);
    else index.set(id, new Set([key]));
  };
  for (const p of plans) {
    if (!p.planKey) continue;
    for (const id of p.deps.keys()) {
      if (id.startsWith('body:')) add(id, p.planKey);
      else if (id.startsWith('post:') && id.includes('#'))
        add(`meta:${id.slice(5, id.indexOf('#'))}`, p.planKey);
    }
    if (p.deps instanceof TrackedDeps)
      for (const id of p.deps.reads.watched()) add(`card:${id}`, p.planKey);
  }
  return index;
}

/** The plans to make again after these entries changed (bodies, card-level front matter). */
export function affectedPlans(
  changed: readonly Entry[],
  graph: SiteGraph,
  index: ReadonlyMap<string, Set<string>>,
): Set<string> {
  const ids = new Set<string>();
  for (const e of changed) {
    ids.add(`body:${entryId(e)}`);
    if (e.kind === 'post') {
      ids.add(`card:${e.id}`);
      ids.add(`meta:${e.id}`);
      // A part's reading time is in its series card (total reading time).
      const series = graph.postById.get(e.id)?.entry.series;
      if (series) ids.add(`card:series/${series}`);
    }
  }
  const keys = new Set<string>();
  for (const id of ids) for (const k of index.get(id) ?? []) keys.add(k);
  return keys;
}

/** The image references of a render: a body-only rebuild needs them unchanged (image outputs). */
export function imageRefs(r: CachedBody | undefined): string {
  return r ? JSON.stringify(r.resolutions.filter(([k]) => k === 1)) : '';
}

/** Previous plans with some replaced (same output paths: a body-only pass adds no page). */
export function mergePlans(before: readonly PagePlan[], fresh: readonly PagePlan[]): PagePlan[] {
  const byPath = new Map(fresh.map((p) => [p.outPath, p]));
  return before.map((p) => byPath.get(p.outPath) ?? p);
}

/**
 * Drop from `keys` the pages that read the changed posts' cards only through fields that kept
 * their values (a body edit that changes neither excerpt nor reading time leaves every list page
 * as it was). The previous render of each page recorded which card fields it read (planning and
 * rendering, `reads` in the manifest); writePages would compare the same reads after planning
 * the page again, which at 4,000 posts costs tens of milliseconds per list page for nothing.
 * Pages that read a changed body or a post's own facts are always kept, as are pages without
 * recorded reads.
 */
export function narrowCardReaders(
  keys: Set<string>,
  changedPosts: readonly string[],
  index: ReadonlyMap<string, Set<string>>,
  paths: ReadonlyMap<string, string[]>,
  manifest: PageManifest,
  diff: (postId: string) => Set<string> | 'all' | null,
): Set<string> {
  const always = new Set<string>();
  for (const id of changedPosts)
    for (const dep of [`body:post:${id}`, `meta:${id}`])
      for (const k of index.get(dep) ?? []) always.add(k);
  const out = new Set<string>();
  for (const key of keys) {
    const outs = paths.get(key);
    const keep =
      always.has(key) ||
      !outs ||
      outs.some((o) => {
        const reads = manifest[o]?.reads;
        return !reads || readsChanged(reads, diff);
      });
    if (keep) out.add(key);
  }
  return out;
}

/** Output paths per plan key (a builder call can make several pages: pagination, feeds). */
export function planPaths(plans: readonly PagePlan[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of plans) {
    if (!p.planKey) continue;
    const list = out.get(p.planKey);
    if (list) list.push(p.outPath);
    else out.set(p.planKey, [p.outPath]);
  }
  return out;
}
