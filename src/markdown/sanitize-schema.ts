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
 * Ids: as GitHub does, every id (and what refers to ids: `aria-describedby`, `aria-labelledby`)
 * and `name` gets the `user-content-` prefix, so raw HTML can never take an id of the theme
 * (`theme.main`) or of the page around it, and `<img name=...>` cannot shadow `document`
 * methods. GitHub fixes fragment links with JavaScript; a static page has none, so
 * rehype-sanitize-policy.ts rewrites the page's own `#fragment` links to the prefixed ids.
 * Footnotes start unprefixed under this policy (processor.ts) and end with one prefix. Heading
 * ids are added after sanitizing and are never prefixed.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobber: ['ariaDescribedBy', 'ariaLabelledBy', 'id', 'name'],
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
