import type { Entry, PostEntry } from '../content/index.js';
import { entryId } from '../content/index.js';
import type { SiteGraph } from '../graph/index.js';
import { TrackedDeps, type PagePlan } from '../routes/index.js';
import type { CachedBody } from './bodies.js';

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
 * The entries that changed since the last run, when every change is body-only; undefined when
 * anything else changed (an entry added, removed, or with different front matter).
 */
export function bodyChanges(
  before: ReadonlyMap<string, Entry>,
  now: ReadonlyMap<string, Entry>,
): Entry[] | undefined {
  if (before.size !== now.size) return undefined;
  const changed: Entry[] = [];
  for (const [file, e] of now) {
    const old = before.get(file);
    if (!old) return undefined;
    if (old === e) continue;
    if (!bodyOnly(old, e)) return undefined;
    changed.push(e);
  }
  return changed;
}

/** Did a post become visible (or expire) between two "now"s? Then the graph is not the same. */
export function timeCrossed(entries: Iterable<Entry>, from: number, to: number): boolean {
  if (from === to) return false;
  const [lo, hi] = from < to ? [from, to] : [to, from];
  const between = (d: Date | undefined) => d !== undefined && d.getTime() > lo && d.getTime() <= hi;
  for (const e of entries)
    if (e.kind === 'post' && (between(e.date) || between((e as PostEntry).expires))) return true;
  return false;
}

/** Which plans read which inputs: `body:<id>` deps and `card:<post id>`, `card:series/<id>` reads. */
export function readersIndex(plans: readonly PagePlan[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (id: string, key: string) => {
    const set = index.get(id);
    if (set) set.add(key);
    else index.set(id, new Set([key]));
  };
  for (const p of plans) {
    if (!p.planKey) continue;
    for (const id of p.deps.keys()) if (id.startsWith('body:')) add(id, p.planKey);
    if (p.deps instanceof TrackedDeps)
      for (const id of p.deps.reads.watched()) add(`card:${id}`, p.planKey);
  }
  return index;
}

/** The plans to make again after these bodies changed. */
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
