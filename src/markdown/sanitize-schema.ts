import { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import { CODE_BLOCK_ATTRIBUTE } from './plugins/mdast-handlers.js';
import { CALLOUT_KINDS } from './plugins/remark-callouts.js';
import { MORE_ELEMENT } from './plugins/remark-more-marker.js';
import {
  ASSET_ELEMENT,
  DIRECTIVE_ATTRIBUTE,
  DIRECTIVE_ELEMENT,
  LABEL_ELEMENT,
  PART_ATTRIBUTE,
} from './plugins/remark-directives.js';

const attrs = defaultSchema.attributes ?? {};

/**
 * GitHub's schema (hast-util-sanitize's default), adjusted for our pipeline.
 *
 * Sanitizing runs right after rehype-raw, before math, highlighting, heading ids and anchors:
 * everything those add is produced by trusted code from already-sanitized input, so KaTeX and
 * shiki markup, heading anchors and table alignment classes never need to pass through the
 * schema (and authors cannot forge their styles). What does pass through, and is allowed here:
 *  - GFM footnotes, task lists, tables (the default schema covers them; `align` on cells is
 *    turned into an `align-*` class afterwards by rehype-table-align);
 *  - callouts (`div.callout.callout-*[role=note]`, `p.callout-title`) from remark-callouts;
 *  - math placeholders (`code.language-math.math-inline|math-display`) for rehype-katex;
 *  - code fence placeholders (`pre[data-colophon-code]`), the `<colophon-more>` marker and
 *    directive placeholders (`<colophon-directive>` with its label and files), which
 *    rehype-directives replaces by trusted markup after this;
 *  - a few harmless tags technical posts use (figure, figcaption, mark, abbr, small).
 *
 * Ids: GitHub prefixes `id`s with `user-content-` and fixes links with JavaScript. Our footnote
 * ids already carry that prefix (remark-rehype's default), so prefixing again would double it
 * and break every footnote link; and a static page has no script to fix fragment links to
 * prefixed ids. So ids are kept as written. Only `name` is still prefixed: `<img name=...>`
 * can shadow `document` methods, which an id cannot.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobber: ['name'],
  clobberPrefix: 'user-content-',
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    'figure',
    'figcaption',
    'mark',
    'abbr',
    'small',
    MORE_ELEMENT,
    DIRECTIVE_ELEMENT,
    LABEL_ELEMENT,
    ASSET_ELEMENT,
  ],
  attributes: {
    ...attrs,
    div: [
      ...(attrs['div'] ?? []),
      ['className', 'callout', ...CALLOUT_KINDS.map((kind) => `callout-${kind}`)],
      ['role', 'note'],
    ],
    p: [...(attrs['p'] ?? []), ['className', 'callout-title']],
    code: [['className', /^language-./, 'math-inline', 'math-display']],
    pre: [...(attrs['pre'] ?? []), CODE_BLOCK_ATTRIBUTE],
    [DIRECTIVE_ELEMENT]: [DIRECTIVE_ATTRIBUTE],
    [LABEL_ELEMENT]: [PART_ATTRIBUTE],
    [ASSET_ELEMENT]: ['dataName', 'src', 'href', PART_ATTRIBUTE],
  },
};
