import type { Element, Root } from 'hast';
import rehypeSanitize from 'rehype-sanitize';
import { visit } from 'unist-util-visit';
import { sanitizeSchema } from '../sanitize-schema.js';

/**
 * The `sanitize` policy: rehype-sanitize with our schema (see sanitize-schema.ts), then one
 * clean-up. When the schema allows some classes on an element (callouts on `div`) and none of
 * the author's survive, the sanitizer leaves `className: []`, which would print `class=""`.
 */
export default function rehypeSanitizePolicy() {
  const sanitize = rehypeSanitize(sanitizeSchema);
  return (tree: Root): Root => {
    const clean = sanitize(tree);
    visit(clean, 'element', (node: Element) => {
      const value = node.properties.className;
      if (Array.isArray(value) && value.length === 0) delete node.properties.className;
    });
    return clean;
  };
}
