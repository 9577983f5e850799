import type { Root, RootContent } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { error, sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import { MemoryHighlightCache } from './cache.js';
import { handleFor, sharedHighlighter, type Highlighter } from './highlighter.js';
import { resolveOptions } from './options.js';
import { extractExcerpt } from './plugins/excerpt.js';
import { buildProcessor } from './processor.js';
import { applyBudget, BUDGET_LIMITS, type BudgetResult } from './budget.js';
import { checkComplexity } from './complexity.js';
import { createState, report, spanAt, type RenderState } from './state.js';
import { buildToc } from './toc.js';
import type {
  HighlightCache,
  MarkdownOptions,
  MarkdownRenderer,
  RenderContext,
  RenderedMarkdown,
} from './types.js';
import { codeKeySalt, diagramKeySalt } from '../cache/keys.js';
import { packageVersion } from './versions.js';
import { markdownDigest } from './digest.js';

export { markdownDigest };

export interface MarkdownRendererOptions extends MarkdownOptions {
  /** A shiki highlighter to reuse; by default one per process is created and shared. */
  highlighter?: Highlighter;
  /** Where highlighted blocks are cached; by default in memory, per renderer. */
  cache?: HighlightCache;
}

/**
 * Builds the pipeline once (one frozen processor, one highlighter with both themes loaded) and
 * returns a renderer that can be called concurrently for thousands of documents.
 */
export async function createMarkdownRenderer(
  input: MarkdownRendererOptions,
): Promise<MarkdownRenderer> {
  const options = resolveOptions(input);
  const handle = handleFor(input.highlighter ?? (await sharedHighlighter()));
  await handle.loadThemes([options.themes.light, options.themes.dark]);
  const cache = input.cache ?? new MemoryHighlightCache();
  const processor = buildProcessor(
    options,
    {
      handle,
      themes: options.themes,
      lineNumbers: options.lineNumbers,
      cache,
      cacheSalt: codeKeySalt(packageVersion('shiki'), packageVersion('@shikijs/transformers')),
    },
    {
      cache,
      cacheSalt: diagramKeySalt(packageVersion('beautiful-mermaid'), packageVersion('@viz-js/viz')),
    },
  );
  const digest = markdownDigest(options);

  async function render(markdown: string, ctx: RenderContext): Promise<RenderedMarkdown> {
    const { state, data } = createState(ctx);
    const size = Buffer.byteLength(markdown);
    if (size > options.maxBodySize) return tooLarge(state, size, options.maxBodySize);
    const problem = checkComplexity(markdown);
    if (problem) return tooComplex(state, problem.reason, problem.line);
    let tree: Root;
    try {
      const mdast = processor.parse(markdown) as MdastRoot;
      const budget = applyBudget(mdast, { math: options.math });
      if (budget.kind === 'too-complex') {
        return tooComplex(state, budget.reason, budget.position?.start.line);
      }
      reportDegraded(state, budget);
      tree = await processor.run(mdast, { value: markdown, data });
    } catch (cause) {
      if (isTooComplex(cause)) return tooComplex(state, cause.message);
      throw new Error(`Rendering Markdown failed for ${ctx.file}: ${String(cause)}`, { cause });
    }
    // Stringifying walks the tree recursively too, so it gets the same guard.
    try {
      const excerpt = extractExcerpt(tree);
      const anchors = collectIds(tree);
      const html = processor.stringify(tree);
      const excerptHtml = processor.stringify({ type: 'root', children: excerpt.nodes });
      return {
        html,
        excerptHtml,
        hasMoreMarker: excerpt.hasMoreMarker,
        headings: state.headings,
        toc: buildToc(state.headings),
        wordCount: state.wordCount,
        readingMinutes: Math.max(1, Math.round(state.wordCount / options.wordsPerMinute)),
        linkTargets: [...state.linkTargets],
        anchors,
        fragmentLinks: state.fragmentLinks,
        diagnostics: sortDiagnostics(state.diagnostics),
      };
    } catch (cause) {
      if (isTooComplex(cause)) return tooComplex(state, cause.message);
      throw cause;
    }
  }

  return Object.freeze({ render, digest });
}

/**
 * Every id in the final body (headings, footnotes, raw HTML), in document order, once each.
 * A plain walk rather than unist-util-visit: this runs over the finished tree, highlighted code
 * included (most of a post's nodes), and visit's per-node bookkeeping (it names a closure per
 * node) cost ~2 ms a post, 3.5% of a worker's time in a cold build.
 */
function collectIds(tree: Root): string[] {
  const ids = new Set<string>();
  const walk = (nodes: readonly RootContent[]): void => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      const id = node.properties.id;
      if (typeof id === 'string' && id !== '') ids.add(id);
      walk(node.children);
    }
  };
  walk(tree.children);
  return [...ids];
}

/**
 * Stack overflows (deep nesting) and size limits (giant strings/arrays) surface as RangeError.
 * They are a property of the document, not a bug, so they become a diagnostic.
 */
function isTooComplex(cause: unknown): cause is RangeError {
  return cause instanceof RangeError;
}

function tooComplex(state: RenderState, reason: string, line = 1): RenderedMarkdown {
  const { ctx } = state;
  return failed(
    state,
    error(
      'markdown/too-complex',
      `The Markdown is too complex to render in bounded time (${reason}); the body is left ` +
        `empty. Reduce the nesting of lists and block quotes, or split the document.`,
      { file: ctx.file, line: ctx.bodyLine - 1 + line, column: 1 },
    ),
  );
}

function tooLarge(state: RenderState, size: number, limit: number): RenderedMarkdown {
  const mb = (n: number) => `${(n / 1048576).toFixed(n % 1048576 === 0 ? 0 : 2)} MB`;
  return failed(
    state,
    error(
      'markdown/too-large',
      `The Markdown body is ${mb(size)}, over the ${mb(limit)} limit (markdown.maxBodySize), ` +
        `so it is not rendered. Split it into several posts (a series), or raise the limit in ` +
        `colophon.config.ts.`,
      spanAt(state, undefined),
    ),
  );
}

/** One warning per kind of degradation, at the first element it applied to. */
function reportDegraded(state: RenderState, budget: Extract<BudgetResult, { kind: 'ok' }>): void {
  const { plainMath, plainCode } = budget;
  if (plainMath.count > 0) {
    report(
      state,
      'warning',
      'markdown/math-limit',
      `More than ${BUDGET_LIMITS.math.toLocaleString('en')} formulas in one file: the last ` +
        `${plainMath.count.toLocaleString('en')}, from here on, are shown as TeX source instead ` +
        `of being typeset (KaTeX takes about a millisecond each). Split the document.`,
      plainMath.position,
    );
  }
  if (plainCode.count > 0) {
    report(
      state,
      'warning',
      'markdown/code-block-limit',
      `More than ${BUDGET_LIMITS.highlightedCode.toLocaleString('en')} code blocks in one file: ` +
        `the last ${plainCode.count.toLocaleString('en')}, from here on, are shown as plain ` +
        `text without highlighting. Split the document.`,
      plainCode.position,
    );
  }
}

function failed(state: RenderState, problem: Diagnostic): RenderedMarkdown {
  return refusedBody(sortDiagnostics([...state.diagnostics, problem]));
}

/** A body that was refused: no HTML, only the diagnostics that say why. */
export function refusedBody(diagnostics: Diagnostic[]): RenderedMarkdown {
  return {
    html: '',
    excerptHtml: '',
    hasMoreMarker: false,
    headings: [],
    toc: [],
    wordCount: 0,
    readingMinutes: 1,
    linkTargets: [],
    anchors: [],
    fragmentLinks: [],
    diagnostics,
  };
}
