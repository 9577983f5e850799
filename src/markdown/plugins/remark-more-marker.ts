import type { Root } from 'mdast';
import type { Node } from 'unist';

/**
 * `<!-- more -->` on its own (a top-level HTML node) splits the excerpt from the rest.
 *
 * Raw HTML comments do not survive every policy (sanitize strips comments, escape shows them as
 * text), so the marker is replaced here by a node of our own. remark-rehype turns it into a
 * `<colophon-more>` element (allowed by our sanitize schema), and rehype-more-comment turns that
 * back into a plain `<!-- more -->` comment once the raw-HTML policy has run, which is what user
 * plugins and excerpt extraction then see.
 */
export interface MoreMarker extends Node {
  type: 'colophonMore';
}

declare module 'mdast' {
  interface RootContentMap {
    colophonMore: MoreMarker;
  }
}

export const MORE_ELEMENT = 'colophon-more';
const MORE_COMMENT = /^<!--\s*more\s*-->$/i;

export function isMoreComment(value: string): boolean {
  return value.trim().toLowerCase() === 'more';
}

export default function remarkMoreMarker() {
  return (tree: Root) => {
    // Only the top level counts: a marker inside a list or quote is an ordinary comment.
    tree.children = tree.children.map((node) =>
      node.type === 'html' && MORE_COMMENT.test(node.value.trim())
        ? ({ type: 'colophonMore', position: node.position } satisfies MoreMarker)
        : node,
    );
  };
}
