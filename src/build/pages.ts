import type { Renderer } from '../render/index.js';
import type { PagePlan } from '../routes/index.js';
import type { OutputWriter } from '../output/index.js';
import { hash } from '../util/hash.js';

/** Per output file: the key it was rendered with and the hash of its bytes. */
export type PageManifest = Record<string, { key: string; out: string }>;

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

/** The cache key of a page: everything it read (deps), the templates it can use, the globals. */
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
  return hash(opts.globalKey, plan.outPath, tpl, JSON.stringify(deps));
}

/** Render (or reuse) every planned page into the writer. Returns the new manifest. */
export async function writePages(plans: readonly PagePlan[], opts: PageRenderOptions): Promise<{ manifest: PageManifest; rendered: number; reused: number }> {
  const manifest: PageManifest = {};
  const templateKeys = new Map<string, string>();
  let rendered = 0;
  let reused = 0;
  const limit = opts.concurrency ?? 16;
  let next = 0;
  const work = async () => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      const key = await pageKey(plan, opts, templateKeys);
      const prev = opts.previous[plan.outPath];
      if (prev && prev.key === key && (await opts.reuse(plan.outPath, prev.out))) {
        manifest[plan.outPath] = prev;
        reused++;
        continue;
      }
      const text = plan.kind === 'html' ? (await opts.renderer.renderPage(plan.template, plan.props as never)).html : plan.render();
      await opts.writer.write(plan.outPath, text);
      manifest[plan.outPath] = { key, out: hash(text) };
      rendered++;
    }
  };
  await Promise.all(Array.from({ length: limit }, work));
  return { manifest, rendered, reused };
}
