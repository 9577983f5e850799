import type { Renderer } from '../render/index.js';
import { readValues, TrackedDeps, type CardReadList, type PagePlan } from '../routes/index.js';
import type { OutputWriter } from '../output/index.js';
import { hash } from '../util/hash.js';

/**
 * Per output file: the key it was rendered with, the hash of its bytes and, for pages that showed
 * post cards, which card fields they read (while planning and while rendering) with a hash of
 * their values.
 */
export type PageManifest = Record<string, ManifestEntry>;

export interface ManifestEntry {
  key: string;
  out: string;
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
  reuse: (outPath: string, outHash: string) => Promise<boolean>;
  concurrency?: number;
}

const KEY_FORMAT = 'page-key-2';

/**
 * The cache key of a page: the inputs its builder recorded (deps), the templates it can use (its
 * template's static closure: a template change re-renders only the pages that can use that
 * template), the globals. Card fields read are checked separately (`readsUnchanged`): which fields
 * a page reads is only known once it has been rendered.
 */
export async function pageKey(plan: PagePlan, opts: Pick<PageRenderOptions, 'renderer' | 'globalKey'>, templateKeys: Map<string, string>): Promise<string> {
  const deps = [...plan.deps].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
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
  // The cards a builder chose to show (not yet which of their fields: see readsUnchanged).
  const cards = plan.deps instanceof TrackedDeps ? plan.deps.reads.ids() : [];
  return hash(KEY_FORMAT, opts.globalKey, plan.outPath, tpl, JSON.stringify(deps), cards.join('\n'));
}

/** Every card field the previous render of this page read still has the value it had. */
function readsUnchanged(prev: ManifestEntry, plan: PagePlan): boolean {
  if (!prev.reads) return true;
  if (!(plan.deps instanceof TrackedDeps)) return prev.reads.length === 0;
  const values = readValues(prev.reads, plan.deps.reads.source);
  return values !== undefined && hash(values) === prev.readsHash;
}

function readsOf(plan: PagePlan): Pick<ManifestEntry, 'reads' | 'readsHash'> {
  if (!(plan.deps instanceof TrackedDeps)) return {};
  const reads = plan.deps.reads.list();
  if (!reads.length) return {};
  return { reads, readsHash: hash(readValues(reads, plan.deps.reads.source)!) };
}

/** Render (or reuse) every planned page into the writer. Returns the new manifest. */
export async function writePages(plans: readonly PagePlan[], opts: PageRenderOptions): Promise<{ manifest: PageManifest; rendered: number; reused: number; renderedPaths: string[] }> {
  const manifest: PageManifest = {};
  const templateKeys = new Map<string, string>();
  const renderedPaths: string[] = [];
  let reused = 0;
  const limit = opts.concurrency ?? 16;
  let next = 0;
  const work = async () => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      const key = await pageKey(plan, opts, templateKeys);
      const prev = opts.previous[plan.outPath];
      if (prev && prev.key === key && readsUnchanged(prev, plan) && (await opts.reuse(plan.outPath, prev.out))) {
        manifest[plan.outPath] = prev;
        reused++;
        continue;
      }
      const text = plan.kind === 'html' ? (await opts.renderer.renderPage(plan.template, plan.props as never)).html : plan.render();
      await opts.writer.write(plan.outPath, text);
      manifest[plan.outPath] = { key, out: hash(text), ...readsOf(plan) };
      renderedPaths.push(plan.outPath);
    }
  };
  await Promise.all(Array.from({ length: limit }, work));
  renderedPaths.sort();
  return { manifest, rendered: renderedPaths.length, reused, renderedPaths };
}
