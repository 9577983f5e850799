import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { headingText } from '../hast-util.js';
import { createHeadingSlugger } from '../heading-slug.js';
import { report, stateOf } from '../state.js';
import type { HeadingIdScheme } from '../types.js';

const HEADING = /^h([1-6])$/;

/**
 * Heading ids in the configured scheme (heading-slug.ts; GitHub's by default), plus what
 * rehype-slug does not do:
 *  - text is NFC-normalised first, so `é` typed as e + combining accent gets the same id as `é`;
 *  - an id is never empty: emoji-only or punctuation-only headings get `section`, `section-1`
 *    (`heading` in Hugo's schemes);
 *  - an id written in the Markdown (`## Title {#id}`, remark-heading-attributes) is kept;
 *  - a repeated heading gets the slugger's `-1` suffix and a `markdown/duplicate-heading`
 *    warning, since links to the second one silently break if the first is renamed;
 *  - ids that already exist (footnotes, raw HTML) are reserved first, so no heading reuses them.
 * It also records `headings` (text with math as TeX, without the anchor link) in one pass.
 * This replaces rehype-slug rather than patching its output afterwards.
 */
export default function rehypeHeadingIds(scheme: HeadingIdScheme = 'github') {
  return (tree: Root, file: { data: object }) => {
    const state = stateOf(file);
    // One walk: reserve every existing id (footnotes, raw HTML, `{#id}`) before any heading is
    // slugged, since a raw id further down must still win over a heading above it.
    const slugger = createHeadingSlugger(scheme);
    const headings: { node: Element; depth: number }[] = [];
    const holders = new Map<string, Element>();
    visit(tree, 'element', (node) => {
      const id = node.properties.id;
      if (typeof id === 'string' && id !== '') {
        slugger.reserve(id);
        if (!holders.has(id)) holders.set(id, node);
      }
      // The footnotes section has its own (screen-reader only) heading; it is not content.
      if (node.tagName === 'section' && node.properties.dataFootnotes !== undefined) return SKIP;
      const depth = Number(HEADING.exec(node.tagName)?.[1] ?? 0);
      if (depth > 0) headings.push({ node, depth });
      return undefined;
    });

    for (const { node, depth } of headings) {
      const text = headingText(node).normalize('NFC');
      const existing = node.properties.id;
      const written = typeof existing === 'string' && existing !== '';
      if (written && holders.get(existing) !== node) sameId(node, existing);
      const id = written ? existing : assignId(node, text);
      state.headings.push({ depth, id, text: text.replace(/\s+/g, ' ').trim() });
    }

    /** A `{#id}` that an earlier heading or element already has. */
    function sameId(node: Element, id: string): void {
      report(
        state,
        'warning',
        'markdown/duplicate-heading',
        `The id "${id}" is given to an earlier heading or element too; links to #${id} lead to ` +
          `the first one. Give this heading another id.`,
        node.position,
      );
    }

    function assignId(node: Element, text: string): string {
      const at = node.position?.start;
      const source = at ? state.headingSources.get(`${at.line}:${at.column}`) : undefined;
      const { id, base } = slugger.slug(text, source?.normalize('NFC'));
      if (base !== '' && id !== base) {
        report(
          state,
          'warning',
          'markdown/duplicate-heading',
          `Heading ${JSON.stringify(text.trim())} has the same anchor as an earlier heading or anchor, so it ` +
            `gets the id "${id}" instead of "${base}". Give the headings distinct titles so links ` +
            `to each stay stable.`,
          node.position,
        );
      }
      node.properties.id = id;
      return id;
    }
  };
}
