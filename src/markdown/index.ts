/**
 * The markdown stage: Markdown string -> RenderedMarkdown. See docs/architecture.md
 * and processor.ts for the pipeline order.
 */
import { defaultMarkdownOptions } from './options.js';
import { createMarkdownRenderer } from './renderer.js';
import type {
  MarkdownOptions,
  MarkdownRenderer,
  RenderContext,
  RenderedMarkdown,
} from './types.js';

export type * from './types.js';
export { MemoryHighlightCache } from './cache.js';
export { defaultMarkdownOptions } from './options.js';
export { createMarkdownRenderer, type MarkdownRendererOptions } from './renderer.js';
export { buildToc } from './toc.js';
export { PIPELINE_VERSION } from './versions.js';

const renderers = new WeakMap<object, Promise<MarkdownRenderer>>();
const DEFAULT_KEY = {};

/**
 * One-off rendering for the public API: the same pipeline, default options unless given, and a
 * context that keeps every link as written. Renderers are reused per options object.
 */
export async function renderMarkdown(
  markdown: string,
  options?: Partial<MarkdownOptions>,
): Promise<RenderedMarkdown> {
  const key = options ?? DEFAULT_KEY;
  let renderer = renderers.get(key);
  if (!renderer) {
    renderer = createMarkdownRenderer({ ...defaultMarkdownOptions, ...options });
    renderers.set(key, renderer);
    // A failed creation (bad theme name) must not be cached.
    renderer.catch(() => renderers.delete(key));
  }
  return (await renderer).render(markdown, KEEP_ALL_LINKS);
}

const KEEP_ALL_LINKS: RenderContext = {
  file: 'input.md',
  bodyLine: 1,
  resolveLink: () => ({ kind: 'keep' }),
  resolveImage: () => ({ kind: 'keep' }),
};
