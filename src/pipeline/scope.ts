import type { Entry, LooseFile, PostEntry } from '../content/index.js';
import type { ContentOutput } from './stages/content.js';
import { timeCrossed } from './stages/graph.js';
import type { Kept, RunOutputs, Scope } from './state.js';

/**
 * What a run covers (state.ts, `Scope`). A partial run is what `serve` does after the edit a
 * writer makes a hundred times an hour: the text of posts (and their titles). That changes no
 * URL, no list, no order, no link target: the site graph, the public files, the templates and
 * the structure of every page stay as they were. Only the edited bodies are rendered again, and
 * only the pages that read one of them (directly, or through a card) are planned and rendered
 * again; every other page keeps its bytes. The incremental tests check every partial run gives
 * the bytes of a full build.
 */

/** What changed since the last successful run, besides content entries. */
export interface Pending {
  /** Template files. */
  templates: boolean;
  /** public/, snippets, an unknown file. */
  other: boolean;
  /** Content files added, removed or changed beside a bundle, or a full run failed. */
  files: boolean;
}

export const NOTHING_PENDING: Pending = { templates: false, other: false, files: false };

/** The scope of the next run: partial when only bodies and card-level front matter changed. */
export function selectScope(
  last: RunOutputs | undefined,
  pending: Pending | 'all',
  content: ContentOutput,
  now: Date,
  entries: () => Entry[],
): Scope {
  const full = () => fullScope(last, pending, entries, content.loose);
  if (!last || !last.routes.index || pending === 'all') return full();
  if (pending.templates || pending.other || pending.files) return full();
  const changes = contentChanges(last.content.entries, content.entries);
  if (!changes || timeCrossed(last.graph.times, last.now, now.getTime())) return full();
  return { kind: 'partial', last, ...changes };
}

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
 * A full run. It takes from the last run what nothing since has touched: the parsed templates
 * (with the partial output their renderer keeps, and the directive templates) and the list of
 * public/ files.
 */
export function fullScope(
  last: RunOutputs | undefined,
  pending: Pending | 'all',
  entries: () => Entry[],
  loose: readonly LooseFile[],
): Extract<Scope, { kind: 'full' }> {
  const keep: Kept = {};
  if (last && pending !== 'all') {
    if (!pending.templates) {
      keep.templates = last.templates;
      if (last.bodies.env.directives) keep.directives = last.bodies.env.directives;
    }
    if (!pending.other) keep.publicFiles = last.publicFiles;
  }
  return { kind: 'full', entries: entries(), loose, keep };
}

/**
 * Front matter of a post that only its own card and page show: editing it moves the post in no
 * list and changes no URL, so a partial run takes it too (the title edit is the second most
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

/**
 * The entries that changed since the last run, when every change is body-only or card-only;
 * undefined when anything else changed (an entry added, removed, or other front matter).
 */
export function contentChanges(
  before: ReadonlyMap<string, Entry>,
  now: ReadonlyMap<string, Entry>,
): { changed: Entry[]; meta: PostEntry[] } | undefined {
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
