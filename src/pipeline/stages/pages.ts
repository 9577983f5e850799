import type { Renderer } from '../../render/index.js';
import {
  cardDiff,
  readsChanged,
  readValues,
  TrackedDeps,
  type CardReadList,
  type CardSource,
  type PagePlan,
} from '../../routes/index.js';
import type { OutputWriter } from '../../output/index.js';
import { eachLimited } from '../../util/each-limited.js';
import { pageKey as pageKeyOf } from '../../cache/keys.js';
import { hash } from '../../util/hash.js';

/**
 * Per output file: the key it was rendered with, the hash of its bytes and, for pages that showed
 * post cards, which card fields they read (while planning and while rendering) with a hash of
 * their values.
 */
export type PageManifest = Record<string, ManifestEntry>;

export interface ManifestEntry {
  key: string;
  out: string;
  /**
   * `size:mtimeMs` of the written file. Hard links keep both, so a warm build that finds the same
   * stamp reuses the file without reading and hashing it (an edit by hand changes the mtime).
   */
  stamp?: string;
  reads?: CardReadList;
  readsHash?: string;
}

export interface PageRenderOptions {
  renderer: Renderer;
  writer: OutputWriter;
  /** Invalidates every page: config, Colophon version. */
  globalKey: string;
  /** The previous build's manifest; a page whose key matches is reused, not rendered. */
  previous: PageManifest;
  /** Reuse the previous bytes of a page whose key matches (returns false if they are gone). */
  reuse: (outPath: string, previous: ManifestEntry) => Promise<boolean>;
  concurrency?: number;
  /** Only some pages are planned: the others keep their entries from this manifest. */
  base?: PageManifest;
  /** The only cards (post ids, `series/<id>`) that can differ from the previous pass, when known. */
  changedCards?: ReadonlySet<string>;
  /** Told the order of pages and when each is final (the search stage). */
  hooks?: PageHooks;
  /** The manifest is saved for a later process: hash each page's card reads (default true). */
  hashReads?: boolean;
}

/** What a stage that works from the written pages (search) hears while they are written. */
export interface PageHooks {
  /** The pages are planned; none is written yet. */
  planned(plans: readonly PagePlan[]): Promise<void>;
  /** Rank of a page: lower ranks are rendered (and reused) first. */
  order(outPath: string): number;
  /** A page's final bytes are in the writer (rendered, or reused from the previous output). */
  settled(outPath: string, entry: ManifestEntry): void;
  /** The pages whose inputs changed are rendered; the others are about to be reused. */
  reusing(): void;
}

/**
 * What this process still knows about a manifest entry it rendered (or verified): the inputs
 * behind its key, so the next rebuild in a `serve` session compares them directly instead of
 * sorting, serialising and hashing every page's dependencies again.
 */
interface Known {
  global: string;
  tpl: string;
  cards: string;
  deps: ReadonlyMap<string, string>;
}
const known = new WeakMap<ManifestEntry, Known>();
/** The cards a manifest was rendered with: the next rebuild diffs its cards against them. */
const manifestCards = new WeakMap<PageManifest, CardSource>();

interface KeyParts extends Known {
  key: () => string;
}

/**
 * The cache key of a page: the inputs its builder recorded (deps), the templates it can use (its
 * template's static closure: a template change re-renders only the pages that can use that
 * template), the globals, and which cards the builder chose to show (not yet which of their fields:
 * see `readsUnchanged`, which fields a page reads is known once it has been rendered).
 */
async function keyParts(
  plan: PagePlan,
  opts: Pick<PageRenderOptions, 'renderer' | 'globalKey'>,
  templateKeys: Map<string, string>,
): Promise<KeyParts> {
  let tpl = '';
  if (plan.kind === 'html') {
    let k = templateKeys.get(plan.template);
    if (k === undefined) {
      const ids = await opts.renderer.dependencies(plan.template);
      const hashes = opts.renderer.templateHashes();
      k = hash(...ids.map((id) => `${id}=${hashes[id] ?? ''}`));
      templateKeys.set(plan.template, k);
    }
    tpl = `${plan.template}:${k}`;
  }
  const cards = plan.deps instanceof TrackedDeps ? plan.deps.reads.watched().join('\n') : '';
  const parts = { global: opts.globalKey, tpl, cards, deps: plan.deps };
  let key: string | undefined;
  return {
    ...parts,
    key: () => {
      if (key === undefined) {
        key = pageKeyOf({
          global: opts.globalKey,
          outPath: plan.outPath,
          templates: tpl,
          cards,
          deps: plan.deps,
        });
      }
      return key;
    },
  };
}

export async function pageKey(
  plan: PagePlan,
  opts: Pick<PageRenderOptions, 'renderer' | 'globalKey'>,
  templateKeys: Map<string, string>,
): Promise<string> {
  return (await keyParts(plan, opts, templateKeys)).key();
}

function sameDeps(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** Every card field the previous render of this page read still has the value it had. */
function readsUnchanged(
  prev: ManifestEntry,
  plan: PagePlan,
  diff: ReturnType<typeof cardDiff> | undefined,
): boolean {
  if (!prev.reads) return true;
  if (diff) return !readsChanged(prev.reads, diff);
  if (!(plan.deps instanceof TrackedDeps)) return prev.reads.length === 0;
  const values = readValues(prev.reads, plan.deps.reads.source);
  return values !== undefined && hash(values) === prev.readsHash;
}

/**
 * Record on a fresh entry which card fields its page read and, when the manifest is saved for a
 * later process (`hashReads`), the hash of their values: that process has no cards to diff with.
 * `serve` keeps its manifest in memory and compares reads directly, so it skips the hash, which
 * for the archive meant serialising the 4,000 cards it read on every title edit (~20 ms of ~190).
 */
function attachReads(entry: ManifestEntry, plan: PagePlan, hashReads: boolean): void {
  if (!(plan.deps instanceof TrackedDeps)) return;
  const reads = plan.deps.reads.list();
  if (!reads.length) return;
  entry.reads = reads;
  if (hashReads) entry.readsHash = hash(readValues(reads, plan.deps.reads.source)!);
}

const detach = (k: KeyParts): Known => ({
  global: k.global,
  tpl: k.tpl,
  cards: k.cards,
  deps: new Map(k.deps),
});

/**
 * Render (or reuse) every planned page into the writer. Returns the new manifest.
 *
 * Pages whose inputs changed are rendered first, then the others are reused (their previous
 * bytes linked). `order` ranks pages within each step, and `settled` hears of each page once its
 * final bytes are in the writer: the search stage uses both to index a part of the site as soon
 * as all its pages are final, while the rest are still being linked.
 */
export async function writePages(
  plans: readonly PagePlan[],
  opts: PageRenderOptions,
): Promise<{ manifest: PageManifest; rendered: number; reused: number; renderedPaths: string[] }> {
  const entries = new Map<string, ManifestEntry>();
  const templateKeys = new Map<string, string>();
  const renderedPaths: string[] = [];
  let reused = 0;
  const cards = plans.find((p) => p.deps instanceof TrackedDeps)?.deps as TrackedDeps | undefined;
  const before = manifestCards.get(opts.previous);
  const full = before && cards ? cardDiff(before, cards.reads.source) : undefined;
  const only = opts.changedCards;
  const diff = full && only ? (id: string) => (only.has(id) ? full(id) : null) : full;

  // Which pages may keep their previous bytes: same inputs, same card fields read.
  const fresh: Decided[] = [];
  const candidates: (Decided & { prev: ManifestEntry; was: Known | undefined })[] = [];
  for (const plan of plans) {
    const k = await keyParts(plan, opts, templateKeys);
    const prev = opts.previous[plan.outPath];
    if (prev) {
      const was = known.get(prev);
      // In a session, compare the inputs themselves; otherwise (a manifest read from disk) the key.
      const same =
        was && diff
          ? was.global === k.global &&
            was.tpl === k.tpl &&
            was.cards === k.cards &&
            sameDeps(was.deps, k.deps)
          : prev.key === k.key();
      if (same && readsUnchanged(prev, plan, was ? diff : undefined)) {
        candidates.push({ plan, k, prev, was });
        continue;
      }
    }
    fresh.push({ plan, k });
  }

  const render = async ({ plan, k }: Decided) => {
    const text =
      plan.kind === 'html'
        ? (await opts.renderer.renderPage(plan.template, plan.props as never)).html
        : plan.render();
    await opts.writer.write(plan.outPath, text);
    const stamp = await opts.writer.stampOf?.(plan.outPath);
    const entry: ManifestEntry = { key: k.key(), out: hash(text), ...(stamp ? { stamp } : {}) };
    attachReads(entry, plan, opts.hashReads ?? true);
    known.set(entry, detach(k));
    entries.set(plan.outPath, entry);
    renderedPaths.push(plan.outPath);
    opts.hooks?.settled(plan.outPath, entry);
  };
  const limit = opts.concurrency ?? 16;
  await eachLimited(ranked(fresh, opts.hooks), limit, render);
  opts.hooks?.reusing();
  // Ranked only now: what was rendered decides which search parts are wanted first.
  await eachLimited(ranked(candidates, opts.hooks), limit, async (c) => {
    if (!(await opts.reuse(c.plan.outPath, c.prev))) return render(c);
    if (!c.was) known.set(c.prev, detach(c.k));
    entries.set(c.plan.outPath, c.prev);
    reused++;
    opts.hooks?.settled(c.plan.outPath, c.prev);
  });

  const manifest: PageManifest = { ...opts.base };
  for (const plan of plans) manifest[plan.outPath] = entries.get(plan.outPath)!;
  if (cards) manifestCards.set(manifest, cards.reads.source);
  renderedPaths.sort();
  return { manifest, rendered: renderedPaths.length, reused, renderedPaths };
}

interface Decided {
  plan: PagePlan;
  k: KeyParts;
}

/** The list sorted by the hooks' order (a stable sort: plan order among equals). */
function ranked<T extends Decided>(list: T[], hooks: PageHooks | undefined): T[] {
  if (!hooks) return list;
  return list
    .map((d, i) => ({ d, i, r: hooks.order(d.plan.outPath) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.d);
}
