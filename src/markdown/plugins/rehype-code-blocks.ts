import type { Element, Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';
import { hashParts } from '../cache.js';
import type { HighlighterHandle } from '../highlighter.js';
import { report, stateOf, type CodeBlockSource, type RenderState } from '../state.js';
import type { HighlightCache } from '../types.js';
import { CODE_BLOCK_ATTRIBUTE } from './mdast-handlers.js';
import {
  MAX_HIGHLIGHT_CHARS,
  MAX_HIGHLIGHT_LINE,
  renderCodeBlock,
  tooLargeToHighlight,
} from './code-render.js';

export interface CodeBlockOptions {
  handle: HighlighterHandle;
  themes: { light: string; dark: string };
  lineNumbers: boolean;
  cache: HighlightCache;
  /** Versions (shiki, transformers, our pipeline) that invalidate every cached block. */
  cacheSalt: string;
}

interface Job {
  parent: Root | Element;
  index: number;
  block: CodeBlockSource;
}

/**
 * Replaces each fence placeholder (see mdast-handlers.ts) with a highlighted code block.
 * Async only to load grammars on demand: shiki's codeToHast is synchronous and needs them first.
 * Highlighted blocks are cached as JSON and parsed fresh on every hit, so no later plugin can
 * ever mutate a cached tree.
 */
export default function rehypeCodeBlocks(options: CodeBlockOptions) {
  return async (tree: Root, file: { data: object }) => {
    const state = stateOf(file);
    const jobs: Job[] = [];
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'pre' || !(CODE_BLOCK_ATTRIBUTE in node.properties)) return undefined;
      const id = Number(node.properties[CODE_BLOCK_ATTRIBUTE]);
      delete node.properties[CODE_BLOCK_ATTRIBUTE];
      // A forged placeholder in raw HTML matches no block and stays an ordinary <pre>.
      const block = state.codeBlocks[id];
      if (block && parent && index !== undefined) jobs.push({ parent, index, block });
      return SKIP;
    });

    // One-for-one replacements, so the indices collected above stay valid.
    for (const { parent, index, block } of jobs) {
      const figure = await highlight(options, state, block);
      figure.position = block.position;
      parent.children[index] = figure;
    }
  };
}

async function highlight(
  options: CodeBlockOptions,
  state: RenderState,
  block: CodeBlockSource,
): Promise<Element> {
  const written = (block.lang ?? '').trim();
  const tooLarge = tooLargeToHighlight(block.value);
  let lang: string | null = 'text';
  if (tooLarge) {
    report(
      state,
      'warning',
      'markdown/code-too-large',
      `Code block is too large to highlight (${block.value.length} characters, longest line ` +
        `${tooLarge.longestLine}); it is shown as plain text. Highlighting stops above ` +
        `${MAX_HIGHLIGHT_CHARS} characters or ${MAX_HIGHLIGHT_LINE} on one line; split the block or link to the file.`,
      block.position,
    );
  } else {
    lang = await options.handle.resolve(written.toLowerCase());
    if (lang === null) {
      report(
        state,
        'warning',
        'markdown/unknown-language',
        `Unknown code language ${JSON.stringify(written)}; the block is shown as plain text. ` +
          `Use one of shiki's language ids (e.g. ts, rust, bash) or "text".`,
        block.position,
      );
      lang = 'text';
    }
  }

  const input = {
    written,
    lang,
    meta: block.meta,
    code: block.value,
    themes: options.themes,
    lineNumbers: options.lineNumbers,
    ...(block.lines ? { lines: block.lines } : {}),
  };
  if (tooLarge) return renderCodeBlock(options.handle.shiki, input);

  const key = hashParts([
    options.cacheSalt,
    options.themes.light,
    options.themes.dark,
    String(options.lineNumbers),
    written,
    lang,
    block.meta ?? '',
    block.value,
    // Only included code has its own line numbers (other blocks keep their keys).
    ...(block.lines ? [JSON.stringify(block.lines)] : []),
  ]);
  const cached = options.cache.get(key);
  if (cached !== undefined) return JSON.parse(cached) as Element;
  const figure = renderCodeBlock(options.handle.shiki, input);
  options.cache.set(key, JSON.stringify(figure));
  return figure;
}
