import type { Root } from 'hast';
import { MORE_ELEMENT } from './remark-more-marker.js';

/**
 * Turns our `<colophon-more>` placeholder back into the `<!-- more -->` comment the author wrote,
 * once the raw-HTML policy (which would strip or escape a comment) is behind us.
 * Only the top level is looked at, as in remark-more-marker.
 */
export default function rehypeMoreComment() {
  return (tree: Root) => {
    tree.children = tree.children.map((node) =>
      node.type === 'element' && node.tagName === MORE_ELEMENT
        ? { type: 'comment', value: ' more ', position: node.position }
        : node,
    );
  };
}
