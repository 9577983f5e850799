import type { Element, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeAutolinkHeadings, { type Options as AutolinkOptions } from 'rehype-autolink-headings';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Pluggable, type PluggableList, type Processor } from 'unified';
import { hasClass } from './hast-util.js';
import { mdastHandlers } from './plugins/mdast-handlers.js';
import rehypeCodeBlocks, { type CodeBlockOptions } from './plugins/rehype-code-blocks.js';
import rehypeDiagrams, { type DiagramOptions } from './plugins/rehype-diagrams.js';
import rehypeHeadingIds from './plugins/rehype-heading-ids.js';
import rehypeKatexMathml from './plugins/rehype-katex-mathml.js';
import rehypeMathDiagnostics from './plugins/rehype-math-diagnostics.js';
import rehypeMoreComment from './plugins/rehype-more-comment.js';
import rehypeRawIfNeeded from './plugins/rehype-raw-if-needed.js';
import rehypeSanitizePolicy from './plugins/rehype-sanitize-policy.js';
import rehypeTableAlign from './plugins/rehype-table-align.js';
import remarkCallouts from './plugins/remark-callouts.js';
import remarkEscapeHtml from './plugins/remark-escape-html.js';
import remarkLinks from './plugins/remark-links.js';
import remarkMoreMarker from './plugins/remark-more-marker.js';
import remarkWordCount from './plugins/remark-word-count.js';
import rehypeImages from './plugins/rehype-images.js';
import remarkImageInfo from './plugins/remark-image-info.js';
import remarkInclude from './plugins/remark-include.js';
import type { MarkdownOptions, PluginSpec } from './types.js';

export type MarkdownProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;

/**
 * The whole pipeline as one frozen processor, built once per options and reused for every
 * document. Order matters, and is the point of this file:
 *
 *   parse -> gfm -> math -> ours (more marker, callouts, includes, image info, links, word count,
 *   escape) -> user remark
 *   -> to hast -> raw HTML policy (raw + raw URL check, sanitize) -> more comment -> table align
 *   -> images -> katex (+ MathML repair) -> diagrams -> heading ids -> heading anchors
 *   -> code blocks
 *   -> user rehype -> stringify
 *
 * The raw-HTML policy runs first on the hast so that it only ever sees author input; math,
 * highlighting and anchors are added afterwards by trusted code.
 */
export function buildProcessor(
  options: MarkdownOptions,
  code: CodeBlockOptions,
  diagrams: DiagramOptions,
): MarkdownProcessor {
  const policy = options.rawHtml;
  const remark: PluggableList = [
    remarkGfm,
    ...(options.math ? [remarkMath] : []),
    remarkMoreMarker,
    remarkCallouts,
    // Code from files before anything reads code; image info wraps the resolver remark-links calls.
    remarkInclude,
    remarkImageInfo,
    remarkLinks,
    remarkWordCount,
    ...(policy === 'escape' ? [remarkEscapeHtml] : []),
    ...userPlugins(options.remarkPlugins),
  ];
  const rawPolicy: PluggableList =
    policy === 'escape'
      ? []
      : [rehypeRawIfNeeded, ...(policy === 'sanitize' ? [rehypeSanitizePolicy] : [])];
  const rehype: PluggableList = [
    ...rawPolicy,
    rehypeMoreComment,
    // GFM's obsolete `align` on table cells -> classes; trusted output, so after the policy.
    rehypeTableAlign,
    // <img> -> <picture> for processed local images: trusted markup, after the raw-HTML policy.
    rehypeImages,
    ...(options.math
      ? [withOptions(rehypeKatex, KATEX_OPTIONS), rehypeKatexMathml, rehypeMathDiagnostics]
      : []),
    // Before heading ids, so that no heading takes an id used inside a diagram's SVG.
    withOptions(rehypeDiagrams, diagrams),
    rehypeHeadingIds,
    withOptions(rehypeAutolinkHeadings, AUTOLINK_OPTIONS),
    // Last of ours: highlighted code is most of a post's nodes, and nothing before here needs
    // to walk through it.
    withOptions(rehypeCodeBlocks, code),
    ...userPlugins(options.rehypePlugins),
  ];
  return unified()
    .use(remarkParse)
    .use(remark)
    .use(remarkRehype, { allowDangerousHtml: policy !== 'escape', handlers: mdastHandlers })
    .use(rehype)
    .use(rehypeStringify)
    .freeze();
}

const KATEX_OPTIONS = {
  // MathML for screen readers, HTML for looks.
  output: 'htmlAndMathml',
  // KaTeX's default 'warn' prints to the console for e.g. unicode in math; not our channel.
  strict: 'ignore',
  // No \href, \includegraphics, \htmlClass...: math must not be a way around the HTML policy.
  trust: false,
  // Bounded work on hostile input (macro bombs, giant rules).
  maxExpand: 1000,
  maxSize: 100,
} as const;

const AUTOLINK_OPTIONS: AutolinkOptions = {
  behavior: 'append',
  // A real, focusable link with a name; the visible `#` is decoration for sighted users.
  properties: { className: ['heading-anchor'], ariaLabel: 'Link to this section' },
  content: { type: 'text', value: '#' },
  // The footnotes' screen-reader-only heading gets no anchor.
  test: (element: Element) => !hasClass(element, 'sr-only'),
};

/** `[plugin, options]`, checked against the plugin's own options type. */
function withOptions<O>(plugin: (options: O) => unknown, options: O): Pluggable {
  return [plugin, options] as Pluggable;
}

/** User plugins are opaque functions from the config; unified validates them when used. */
function userPlugins(specs: readonly PluginSpec[]): PluggableList {
  return specs.map((spec) => (Array.isArray(spec) ? [spec[0], spec[1]] : spec)) as PluggableList;
}
