import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { mentionsMarker, MORE_ELEMENT } from './remark-more-marker.js';

/**
 * Turns our `<colophon-more>` placeholder back into the `<!-- more -->` comment the author wrote,
 * once the raw-HTML policy (which would strip or escape a comment) is behind us.
 */
export default function rehypeMoreComment() {
  return (tree: Root, file: { value?: unknown }) => {
    if (!mentionsMarker(file)) return;
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== MORE_ELEMENT || !parent || index === undefined) return;
      parent.children[index] = { type: 'comment', value: ' more ', position: node.position };
    });
  };
}
