import type { Element, Root } from 'hast';
import rehypeSanitize from 'rehype-sanitize';
import { visit } from 'unist-util-visit';
import { sanitizeSchema } from '../sanitize-schema.js';
import { stateOf } from '../state.js';

/**
 * The `sanitize` policy: rehype-sanitize with our schema (see sanitize-schema.ts), then two
 * clean-ups:
 *  - the sanitizer prefixes ids with `user-content-`; links of this page to those ids (`#note`,
 *    from raw HTML or Markdown) are rewritten to match, or they would point at nothing;
 *  - when the schema allows some classes on an element (callouts on `div`) and none of the
 *    author's survive, the sanitizer leaves `className: []`, which would print `class=""`.
 */
export default function rehypeSanitizePolicy() {
  const sanitize = rehypeSanitize(sanitizeSchema);
  const prefix = sanitizeSchema.clobberPrefix ?? '';
  return (tree: Root, file: { data: object }): Root => {
    const ids = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
    const clean = sanitize(tree);
    visit(clean, 'element', (node: Element) => {
      const value = node.properties.className;
      if (Array.isArray(value) && value.length === 0) delete node.properties.className;
      const href = node.properties.href;
      if (typeof href === 'string' && href.startsWith('#')) {
        const fragment = decode(href.slice(1));
        if (ids.has(fragment)) node.properties.href = `#${prefix}${href.slice(1)}`;
      }
    });
    // Same-page links are checked against the final ids (pipeline/stages/fragment-links.ts): rewritten too.
    for (const link of stateOf(file).fragmentLinks)
      if (link.targetId === null && ids.has(decode(link.fragment)))
        link.fragment = `${prefix}${link.fragment}`;
    return clean;
  };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
