import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';
import { hasClass, isElement } from '../hast-util.js';
import { isMoreComment } from './remark-more-marker.js';

export interface Excerpt {
  /** Root-level nodes of the excerpt, detached copies safe to serialise on their own. */
  nodes: RootContent[];
  hasMoreMarker: boolean;
}

/**
 * Everything before the first `<!-- more -->` comment (which is removed from the body), or else
 * the first top-level paragraph. A marker inside a paragraph (or a list, a quote) cuts that
 * element there: the excerpt ends with its first part. Runs on the final tree, after user
 * plugins, so the excerpt looks exactly like the start of the post.
 *
 * The excerpt is shown on other pages (home, archive, feeds), so it is cleaned: ids are removed
 * (they would duplicate the post's own ids on a page listing it), as are heading anchor links,
 * footnote references and sidenotes (their footnotes are not part of the excerpt) and diagrams (their SVG
 * needs its ids, and a list of posts is no place for a drawing).
 */
export function extractExcerpt(tree: Root): Excerpt {
  const marker = tree.children.findIndex((n) => n.type === 'comment' && isMoreComment(n.value));
  const nested = marker < 0 ? nestedMarker(tree) : undefined;
  if (nested) return cutAt(tree, nested);
  if (marker >= 0) {
    const before = tree.children.slice(0, marker);
    // Take the line break after the marker with it, so no blank line is left in the body.
    const next = tree.children[marker + 1];
    tree.children.splice(marker, next?.type === 'text' && next.value.trim() === '' ? 2 : 1);
    return { nodes: clean(trimWhitespace(before)), hasMoreMarker: true };
  }
  const first = tree.children.find((n) => isElement(n, 'p'));
  return { nodes: first ? clean([first]) : [], hasMoreMarker: false };
}

/** Path to the first marker below the top level: the parents and the index in each. */
type Step = { parent: Root | Element; index: number };

function nestedMarker(tree: Root): Step[] | undefined {
  const find = (parent: Root | Element): Step[] | undefined => {
    const children = parent.children as RootContent[];
    for (let index = 0; index < children.length; index++) {
      const node = children[index]!;
      if (node.type === 'comment' && isMoreComment(node.value)) return [{ parent, index }];
      if (node.type === 'element' && node.tagName !== 'pre' && node.tagName !== 'code') {
        const below = find(node);
        if (below) return [{ parent, index }, ...below];
      }
    }
    return undefined;
  };
  return find(tree);
}

/** The excerpt is the tree up to the marker, its ancestors cut there; the marker leaves the body. */
function cutAt(tree: Root, path: Step[]): Excerpt {
  const excerpt = cutBefore(tree, path, 0) as Root;
  const { parent, index } = path[path.length - 1]!;
  const children = parent.children as RootContent[];
  children.splice(index, 1);
  // `text <!-- more --> rest` reads `text rest`, not with two spaces.
  const prev = children[index - 1];
  const next = children[index];
  if (prev?.type === 'text' && next?.type === 'text' && /\s$/.test(prev.value))
    next.value = next.value.replace(/^[ \t]+/, '');
  return { nodes: clean(trimWhitespace(excerpt.children)), hasMoreMarker: true };
}

function cutBefore(node: Root | Element, path: Step[], depth: number): Root | Element {
  const { index } = path[depth]!;
  const kept = (node.children as RootContent[]).slice(0, index);
  if (depth + 1 < path.length) {
    const cut = cutBefore(node.children[index] as Element, path, depth + 1) as Element;
    trimEnd(cut);
    if (cut.children.length > 0) kept.push(cut);
  }
  return { ...node, children: kept } as Root | Element;
}

/** Drops whitespace at the end of a cut element (the space before the marker). */
function trimEnd(node: Element): void {
  const last = node.children[node.children.length - 1];
  if (last?.type !== 'text') return;
  const value = last.value.replace(/\s+$/, '');
  if (value) node.children[node.children.length - 1] = { ...last, value };
  else node.children.pop();
}

function trimWhitespace(nodes: RootContent[]): RootContent[] {
  const blank = (n: RootContent | undefined) => n?.type === 'text' && n.value.trim() === '';
  let start = 0;
  let end = nodes.length;
  while (start < end && blank(nodes[start])) start++;
  while (end > start && blank(nodes[end - 1])) end--;
  return nodes.slice(start, end);
}

function clean(nodes: RootContent[]): RootContent[] {
  return structuredClone(nodes)
    .filter(keep)
    .map((n) => {
      strip(n);
      return n;
    });
}

function keep(node: Nodes): boolean {
  if (!isElement(node)) return true;
  if (node.tagName === 'a' && hasClass(node, 'heading-anchor')) return false;
  if (node.tagName === 'figure' && hasClass(node, 'diagram')) return false;
  // A footnote's margin copy goes with its reference.
  if (node.tagName === 'span' && hasClass(node, 'sidenote')) return false;
  // GFM footnote reference: <sup><a data-footnote-ref ...>1</a></sup>
  if (
    node.tagName === 'sup' &&
    node.children.some((c) => isElement(c, 'a') && c.properties.dataFootnoteRef !== undefined)
  ) {
    return false;
  }
  return true;
}

function strip(node: Nodes): void {
  if (node.type !== 'element' && node.type !== 'root') return;
  if (node.type === 'element') {
    delete (node as Element).properties.id;
    delete (node as Element).properties.ariaDescribedBy;
  }
  node.children = (node.children as ElementContent[]).filter(keep);
  for (const child of node.children) strip(child);
}
