import type { Root } from 'mdast';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';

/**
 * `<!-- more -->` splits the excerpt from the rest: on a line of its own, or anywhere else
 * outside code (inside a paragraph, a list, a quote), as Hugo and Zola accept it.
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
  interface PhrasingContentMap {
    colophonMore: MoreMarker;
  }
}

export const MORE_ELEMENT = 'colophon-more';
const MORE_COMMENT = /^<!--\s*more\s*-->$/i;

/** Whether the source has a marker at all (so a body without one is never walked for it). */
export function mentionsMarker(file: { value?: unknown }): boolean {
  return typeof file.value !== 'string' || /<!--\s*more\s*-->/i.test(file.value);
}

export function isMoreComment(value: string): boolean {
  return value.trim().toLowerCase() === 'more';
}

export default function remarkMoreMarker() {
  return (tree: Root, file: { value?: unknown }) => {
    if (!mentionsMarker(file)) return;
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined || !MORE_COMMENT.test(node.value.trim())) return;
      const marker: MoreMarker = { type: 'colophonMore', position: node.position };
      (parent.children as Node[])[index] = marker;
    });
  };
}
