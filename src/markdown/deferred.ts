import { markdownDigest } from './digest.js';
import { resolveOptions } from './options.js';
import type { MarkdownRendererOptions } from './renderer.js';
import type { MarkdownRenderer } from './types.js';

/**
 * A renderer whose engine (unified, micromark, shiki with its WASM, KaTeX, parse5: about half a
 * second of module loading and highlighter setup per process) is loaded by the first render. Its
 * digest needs none of it, and a warm build renders nothing: it only looks bodies up by digest.
 */
export function deferredMarkdownRenderer(options: MarkdownRendererOptions): MarkdownRenderer {
  let engine: Promise<MarkdownRenderer> | undefined;
  const load = () =>
    (engine ??= import('./renderer.js').then((m) => m.createMarkdownRenderer(options)));
  return Object.freeze({
    digest: markdownDigest(resolveOptions(options)),
    render: async (markdown: string, ctx: Parameters<MarkdownRenderer['render']>[1]) =>
      (await load()).render(markdown, ctx),
    prepare: async () => {
      await load();
    },
  });
}
