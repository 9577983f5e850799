import type { Heading, TocItem } from './types.js';

/** Depths shown in the table of contents: h1 is the page title, h5/h6 are too fine-grained. */
export const TOC_MIN_DEPTH = 2;
export const TOC_MAX_DEPTH = 4;

/**
 * Nests h2..h4 by depth. A heading nests under the nearest earlier heading of smaller depth;
 * skipped levels (h2 then h4) nest directly, and a leading h3 with no h2 before it is top-level.
 */
export function buildToc(headings: readonly Heading[]): TocItem[] {
  const root: TocItem[] = [];
  const stack: TocItem[] = [];
  for (const h of headings) {
    if (h.depth < TOC_MIN_DEPTH || h.depth > TOC_MAX_DEPTH) continue;
    const item: TocItem = { id: h.id, text: h.text, depth: h.depth, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.children : root).push(item);
    stack.push(item);
  }
  return root;
}
