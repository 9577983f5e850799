import type { Entry } from '../../content/index.js';
import type { SiteGraph } from '../../graph/index.js';
import { readsChanged, type CardDiff, type PagePlan } from '../../routes/index.js';
import type { PageRecords } from './pages.js';

/**
 * Which plan (builder call) read which input that a partial run can change: a body, a field of
 * an entry, a card. Made from the plans' recorded dependencies (routes/deps.ts), so a page that
 * reads something is found without anyone listing it. Lists, the site and social cards are
 * not here: they change only in a full run.
 */
export class ReaderIndex {
  private constructor(
    /** Input -> the plan keys that read it. */
    private readonly readers: ReadonlyMap<string, ReadonlySet<string>>,
    /** Plan key -> its output paths (pagination and feeds make several pages per call). */
    private readonly paths: ReadonlyMap<string, readonly string[]>,
  ) {}

  static of(plans: readonly PagePlan[]): ReaderIndex {
    const readers = new Map<string, Set<string>>();
    const paths = new Map<string, string[]>();
    for (const p of plans) {
      if (!p.planKey) continue;
      for (const input of inputsOf(p)) add(readers, input, p.planKey);
      const list = paths.get(p.planKey);
      if (list) list.push(p.outPath);
      else paths.set(p.planKey, [p.outPath]);
    }
    return new ReaderIndex(readers, paths);
  }

  /**
   * With the inputs of plans made again. A builder reads what it read before unless what it
   * branches on changed; anything new it reads is added (what it no longer reads may stay: at
   * worst a page is planned again for nothing).
   */
  extend(plans: readonly PagePlan[]): ReaderIndex {
    let readers: Map<string, ReadonlySet<string>> | undefined;
    for (const p of plans) {
      if (!p.planKey) continue;
      for (const input of inputsOf(p)) {
        const set = (readers ?? this.readers).get(input);
        if (set?.has(p.planKey)) continue;
        readers ??= new Map(this.readers);
        readers.set(input, new Set([...(set ?? []), p.planKey]));
      }
    }
    return readers ? new ReaderIndex(readers, this.paths) : this;
  }

  /** The plans to make again after these entries' bodies or card-level front matter changed. */
  affected(changed: readonly Entry[], graph: SiteGraph): Set<string> {
    const keys = new Set<string>();
    for (const e of changed) {
      const ref = `${e.kind}:${e.id}`;
      const inputs = [`body:${ref}`, `entry:${ref}`];
      if (e.kind === 'post') {
        inputs.push(`card:${e.id}`);
        // A part's reading time is in its series card (total reading time).
        const series = graph.postById.get(e.id)?.entry.series;
        if (series) inputs.push(`card:series/${series}`);
      }
      for (const input of inputs) for (const k of this.readers.get(input) ?? []) keys.add(k);
    }
    return keys;
  }

  /**
   * Drop from `keys` the pages that read the changed posts' cards only through fields that kept
   * their values (a body edit that changes neither excerpt nor reading time leaves every list page
   * as it was). The last render of each page recorded which card fields it read; planning the
   * page again only to compare the same reads costs, at 4,000 posts, tens of milliseconds per
   * list page. Pages that read a changed body or a changed entry's fields (a post's, or the intro
   * of a topic, series or author page, which also list cards) are always kept, as are pages
   * without recorded reads.
   */
  narrow(
    keys: ReadonlySet<string>,
    changed: readonly string[],
    pages: PageRecords,
    diff: CardDiff,
  ): Set<string> {
    const always = new Set<string>();
    for (const ref of changed)
      for (const input of [`body:${ref}`, `entry:${ref}`])
        for (const k of this.readers.get(input) ?? []) always.add(k);
    const out = new Set<string>();
    for (const key of keys) {
      const outs = this.paths.get(key);
      const keep =
        always.has(key) ||
        !outs ||
        outs.some((o) => {
          const reads = pages.byPath.get(o)?.entry.reads;
          return !reads || readsChanged(reads, diff);
        });
      if (keep) out.add(key);
    }
    return out;
  }
}

/** The inputs of a plan that a partial run can change, named for this index. */
function inputsOf(p: PagePlan): string[] {
  const out: string[] = [];
  for (const id of p.deps.ids()) {
    switch (id.kind) {
      case 'body':
        out.push(`body:${id.of}`);
        break;
      case 'field':
        out.push(`entry:${id.of}`);
        break;
      case 'site':
      case 'list':
      case 'topic-card':
      case 'author-card':
      case 'social-card':
      case 'sitemap':
        // Settings, lists, topic and author cards and social cards change only in a full run
        // (scope.ts: an author file's front matter is not card-only).
        break;
      default: {
        const unhandled: never = id;
        throw new Error(`Unknown dependency ${JSON.stringify(unhandled)}`);
      }
    }
  }
  for (const id of p.deps.cards.watched()) out.push(`card:${id}`);
  return out;
}

function add(index: Map<string, Set<string>>, input: string, key: string): void {
  const set = index.get(input);
  if (set) set.add(key);
  else index.set(input, new Set([key]));
}
