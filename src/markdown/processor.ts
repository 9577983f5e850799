import type { Element, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeAutolinkHeadings, { type Options as AutolinkOptions } from 'rehype-autolink-headings';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkDirective from 'remark-directive';
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
import rehypeSidenotes from './plugins/rehype-sidenotes.js';
import rehypeTableAlign from './plugins/rehype-table-align.js';
import remarkCallouts from './plugins/remark-callouts.js';
import remarkDirectives from './plugins/remark-directives.js';
import { rehypeBuiltinDirectives, rehypeSiteDirectives } from './plugins/rehype-directives.js';
import remarkFenceForms from './plugins/remark-fence-forms.js';
import remarkHeadingAttributes from './plugins/remark-heading-attributes.js';
import remarkTemplateSyntax from './plugins/remark-template-syntax.js';
import remarkColonGuard from './plugins/syntax-colons.js';
import remarkPandocDollars from './plugins/syntax-dollars.js';
import remarkTexDelimiters from './plugins/syntax-tex-delimiters.js';
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
 *   parse (+ gfm, directives with the plain-colon guard, math with Pandoc's dollar rule and
 *   \( \[ delimiters) -> ours (more marker, template-syntax warnings, heading attributes,
 *   callouts, fence forms, includes, directives, image info, links, word count, escape)
 *   -> user remark
 *   -> to hast -> raw HTML policy (raw + raw URL check, sanitize) -> more comment -> table align
 *   -> built-in directives -> images -> katex (+ MathML repair) -> diagrams -> heading ids
 *   -> heading anchors -> code blocks -> site directives (templates) -> sidenotes -> user rehype -> stringify
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
    // Syntax extensions added later are tried first: each guard goes after what it guards.
    remarkDirective,
    remarkColonGuard,
    ...(options.math ? [remarkMath, remarkPandocDollars, remarkTexDelimiters] : []),
    remarkMoreMarker,
    remarkTemplateSyntax,
    withOptions(remarkHeadingAttributes, options.headingIds),
    remarkCallouts,
    remarkFenceForms,
    // Code from files before anything reads code; directives (whose files are images) before
    // image info, which wraps the resolver remark-links calls.
    remarkInclude,
    remarkDirectives,
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
    // Trusted markup of built-in directives; a figure's <img> is then made responsive.
    withOptions(rehypeBuiltinDirectives, { sanitize: policy === 'sanitize' }),
    // <img> -> <picture> for processed local images: trusted markup, after the raw-HTML policy.
    rehypeImages,
    ...(options.math
      ? [withOptions(rehypeKatex, KATEX_OPTIONS), rehypeKatexMathml, rehypeMathDiagnostics]
      : []),
    // Before heading ids, so that no heading takes an id used inside a diagram's SVG.
    withOptions(rehypeDiagrams, diagrams),
    withOptions(rehypeHeadingIds, options.headingIds),
    withOptions(rehypeAutolinkHeadings, AUTOLINK_OPTIONS),
    // Last of ours: highlighted code is most of a post's nodes, and nothing before here needs
    // to walk through it.
    withOptions(rehypeCodeBlocks, code),
    // The site's directive templates get the finished content of their directive.
    rehypeSiteDirectives,
    // On the finished inline content (math, images, directives) that it copies.
    withOptions(rehypeSidenotes, { enabled: options.sidenotes }),
    ...userPlugins(options.rehypePlugins),
  ];
  return unified()
    .use(remarkParse)
    .use(remark)
    .use(remarkRehype, {
      allowDangerousHtml: policy !== 'escape',
      handlers: mdastHandlers,
      // Under 'sanitize' every id gets the `user-content-` prefix from the sanitizer (footnotes'
      // too): they start without one, so they end with exactly one, as under the other policies.
      ...(policy === 'sanitize' ? { clobberPrefix: '' } : {}),
    })
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
