import { globalPageKey, pageKey, samePageKey, type PageKeyParts } from '../../cache/keys.js';
import { BuildFailure, type Diagnostic } from '../../diagnostics/index.js';
import type { OutputWriter } from '../../output/index.js';
import type { Renderer } from '../../render/index.js';
import {
  cardDiff,
  readsChanged,
  readValues,
  type CardDiff,
  type CardSource,
  type PagePlan,
} from '../../routes/index.js';
import { eachLimited } from '../../util/each-limited.js';
import { hash } from '../../util/hash.js';
import type { Resources } from '../resources.js';
import type { RunIO } from '../run.js';
import type { Scope } from '../state.js';
import type { ManifestEntry, PageRecord, PageRecords } from './page-records.js';
import type { TemplatesOutput } from './templates.js';

export * from './page-records.js';

/** What the pages stage did: the output folder's pages now, or the template errors it hit. */
export type PagesOutput =
  { records: PageRecords; rendered: number; reused: number } | { diagnostics: Diagnostic[] };

/**
 * Render the planned pages whose inputs changed and keep the others' bytes. A partial run's
 * plans are a few pages: every other page keeps its record. Template errors (a page that fails
 * to render) end the run.
 */
export async function pageStage(
  res: Resources,
  scope: Scope,
  routes: { plans: PagePlan[]; changedCards?: ReadonlySet<string> },
  templates: TemplatesOutput,
  io: RunIO,
): Promise<PagesOutput> {
  await io.hooks?.planned(routes.plans);
  try {
    return await res.timer.time('render', () =>
      writePages(routes.plans, {
        renderer: templates.renderer,
        writer: io.writer,
        globalKey: globalPageKey(res.config.digest, res.markdown.digest),
        previous: io.pages,
        reuse: io.reuse,
        partial: scope.kind === 'partial',
        ...(routes.changedCards ? { changedCards: routes.changedCards } : {}),
        ...(io.hooks ? { hooks: io.hooks } : {}),
        hashReads: !res.options.session,
      }),
    );
  } catch (e) {
    if (e instanceof BuildFailure) return { diagnostics: e.diagnostics };
    throw e;
  }
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

export interface PageWriteOptions {
  renderer: Renderer;
  writer: OutputWriter;
  /** Invalidates every page: config, Markdown renderer (keys.ts). */
  globalKey: string;
  /** The output folder's pages before this run; a page whose key matches is reused. */
  previous: PageRecords;
  /** Reuse the previous bytes of a page whose key matches (returns false if they are gone). */
  reuse: (outPath: string, previous: ManifestEntry) => Promise<boolean>;
  /** Only some pages are planned (a partial run): the others keep their previous records. */
  partial: boolean;
  /** The only cards (post ids, `series/<id>`) that can differ from the previous pass, when known. */
  changedCards?: ReadonlySet<string>;
  /** Told the order of pages and when each is final (the search stage). */
  hooks?: PageHooks;
  /** The records are saved for a later process: hash each page's card reads. */
  hashReads: boolean;
  concurrency?: number;
}

interface Decided {
  plan: PagePlan;
  parts: PageKeyParts;
  key: () => string;
}

/**
 * Render (or reuse) every planned page into the writer. Pages whose inputs changed are rendered
 * first, then the others are reused (their previous bytes linked). `order` ranks pages within
 * each step, and `settled` hears of each page once its final bytes are in the writer: the search
 * stage uses both to index a part of the site as soon as all its pages are final.
 */
export async function writePages(
  plans: readonly PagePlan[],
  opts: PageWriteOptions,
): Promise<{ records: PageRecords; rendered: number; reused: number }> {
  // Every plan of a run reads the same cards (a partial run that planned nothing keeps the last).
  const cards = plans[0]?.deps.cards.source ?? (opts.partial ? opts.previous.cards : undefined);
  const diff = cardsDiff(opts, cards);
  const templateKeys = new Map<string, string>();
  const fresh: Decided[] = [];
  const candidates: (Decided & { prev: PageRecord })[] = [];
  for (const plan of plans) {
    const d = await decide(plan, opts, templateKeys);
    const prev = opts.previous.byPath.get(plan.outPath);
    if (
      prev &&
      samePageKey(prev.entry, prev.parts, d.parts, d.key) &&
      readsUnchanged(prev, plan, diff)
    )
      candidates.push({ ...d, prev });
    else fresh.push(d);
  }

  const records = new Map<string, PageRecord>(opts.partial ? opts.previous.byPath : []);
  let rendered = 0;
  let reused = 0;
  const render = async ({ plan, parts, key }: Decided) => {
    const text =
      plan.kind === 'html'
        ? (await opts.renderer.renderPage(plan.template, plan.props as never)).html
        : plan.render();
    await opts.writer.write(plan.outPath, text);
    const stamp = await opts.writer.stampOf?.(plan.outPath);
    const entry: ManifestEntry = { key: key(), out: hash(text), ...(stamp ? { stamp } : {}) };
    attachReads(entry, plan, opts.hashReads);
    records.set(plan.outPath, { entry, parts });
    rendered++;
    opts.hooks?.settled(plan.outPath, entry);
  };
  const limit = opts.concurrency ?? 16;
  await eachLimited(ranked(fresh, opts.hooks), limit, render);
  opts.hooks?.reusing();
  // Ranked only now: what was rendered decides which search parts are wanted first.
  await eachLimited(ranked(candidates, opts.hooks), limit, async (c) => {
    if (!(await opts.reuse(c.plan.outPath, c.prev.entry))) return render(c);
    records.set(c.plan.outPath, { entry: c.prev.entry, parts: c.parts });
    reused++;
    opts.hooks?.settled(c.plan.outPath, c.prev.entry);
  });
  // In plan order (the manifest's key order), whatever order the renders finished in.
  const byPath = opts.partial
    ? records
    : new Map(plans.map((p) => [p.outPath, records.get(p.outPath)!]));
  return { records: { byPath, cards }, rendered, reused };
}

/**
 * The key parts of a page: its recorded inputs (deps), the templates it can use (its template's
 * static closure: a template change re-renders only the pages that can use that template), the
 * globals, and which cards its builder chose to show (which of their fields it reads is known
 * once it has rendered: see `readsUnchanged`).
 */
async function decide(
  plan: PagePlan,
  opts: Pick<PageWriteOptions, 'renderer' | 'globalKey'>,
  templateKeys: Map<string, string>,
): Promise<Decided> {
  let templates = '';
  if (plan.kind === 'html') {
    let k = templateKeys.get(plan.template);
    if (k === undefined) {
      const ids = await opts.renderer.dependencies(plan.template);
      const hashes = opts.renderer.templateHashes();
      k = hash(...ids.map((id) => `${id}=${hashes[id] ?? ''}`));
      templateKeys.set(plan.template, k);
    }
    templates = `${plan.template}:${k}`;
  }
  const parts: PageKeyParts = {
    global: opts.globalKey,
    outPath: plan.outPath,
    templates,
    cards: plan.deps.cards.watched().join('\n'),
    deps: plan.deps.fingerprints,
  };
  let key: string | undefined;
  return { plan, parts, key: () => (key ??= pageKey(parts)) };
}

/** How cards changed since the previous pages were planned, when this process planned them. */
function cardsDiff(opts: PageWriteOptions, cards: CardSource | undefined): CardDiff | undefined {
  const before = opts.previous.cards;
  if (!before || !cards) return undefined;
  const full = cardDiff(before, cards);
  const only = opts.changedCards;
  return only ? (id) => (only.has(id) ? full(id) : null) : full;
}

/** Every card field the previous render of this page read still has the value it had. */
function readsUnchanged(prev: PageRecord, plan: PagePlan, diff: CardDiff | undefined): boolean {
  const reads = prev.entry.reads;
  if (!reads) return true;
  if (diff && prev.parts) return !readsChanged(reads, diff);
  const values = readValues(reads, plan.deps.cards.source);
  return values !== undefined && hash(values) === prev.entry.readsHash;
}

/**
 * Record on a fresh entry which card fields its page read and, when the manifest is saved for a
 * later process (`hashReads`), the hash of their values: that process has no cards to diff with.
 * `serve` keeps its records in memory and compares reads directly, so it skips the hash, which
 * for the archive meant serialising the 4,000 cards it read on every title edit (~20 ms of ~190).
 */
function attachReads(entry: ManifestEntry, plan: PagePlan, hashReads: boolean): void {
  const reads = plan.deps.cards.list();
  if (!reads.length) return;
  entry.reads = reads;
  if (hashReads) entry.readsHash = hash(readValues(reads, plan.deps.cards.source)!);
}

/** The list sorted by the hooks' order (a stable sort: plan order among equals). */
function ranked<T extends Decided>(list: T[], hooks: PageHooks | undefined): T[] {
  if (!hooks) return list;
  return list
    .map((d, i) => ({ d, i, r: hooks.order(d.plan.outPath) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.d);
}
