import type { Element, ElementContent, Root, RootContent } from 'hast';
import { classes, isElement } from '../hast-util.js';

/**
 * Sidenotes: a copy of each GFM footnote placed right after its first reference, which the theme
 * floats into the margin on wide screens (and hides on narrow ones, where the footnotes at the end
 * are the notes). The copy is decoration: `aria-hidden`, its links out of the tab order, no ids,
 * ignored by search, so screen readers and keyboards meet the footnotes exactly as without it.
 *
 * Only notes that fit inline get a copy: the reference sits in a paragraph, list item or quote
 * whose right edge is the text column's (not a table, a callout, a heading), and the note is paragraphs only (a `<span>` in a
 * `<p>` may hold phrasing content only). When every note has a copy, the footnotes section gets
 * the class `sidenoted`, which lets the theme tuck it away on wide screens.
 */
export default function rehypeSidenotes(options: { enabled: boolean }) {
  return (tree: Root): void => {
    if (!options.enabled) return;
    const section = tree.children.find(
      (n): n is Element => isElement(n, 'section') && n.properties.dataFootnotes !== undefined,
    );
    if (!section) return;
    const notes = footnoteItems(section);
    const placed = new Set<Element>();
    for (const block of hostBlocks(tree.children)) addCopies(block, notes, placed);
    if (notes.size > 0 && [...notes.values()].every((li) => placed.has(li))) {
      section.properties.className = [...classes(section), 'sidenoted'];
    }
  };
}

/** `<li id>` of the footnotes list by id. */
function footnoteItems(section: Element): Map<string, Element> {
  const items = new Map<string, Element>();
  const list = section.children.find((c): c is Element => isElement(c, 'ol'));
  for (const li of list?.children ?? []) {
    if (isElement(li, 'li') && typeof li.properties.id === 'string')
      items.set(li.properties.id, li);
  }
  return items;
}

/**
 * Top-level paragraphs, and paragraphs or tight items of top-level lists and quotes (at any
 * depth): blocks whose right edge is the text column's.
 */
function* hostBlocks(nodes: readonly (RootContent | ElementContent)[]): Generator<Element> {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (node.tagName === 'p') yield node;
    else if (node.tagName === 'blockquote') yield* hostBlocks(node.children);
    else if (node.tagName === 'ul' || node.tagName === 'ol') {
      for (const li of node.children) {
        if (!isElement(li, 'li')) continue;
        yield li;
        yield* hostBlocks(li.children);
      }
    }
  }
}

/** Puts a copy after each first reference among `block`'s inline children. */
function addCopies(block: Element, notes: Map<string, Element>, placed: Set<Element>): void {
  for (let i = 0; i < block.children.length; i++) {
    const li = referencedNote(block.children[i]!, notes);
    if (!li || placed.has(li)) continue;
    const copy = sidenote(li, referenceNumber(block.children[i] as Element));
    if (!copy) continue;
    placed.add(li);
    block.children.splice(i + 1, 0, copy);
    i++;
  }
}

/** The footnote a `<sup><a data-footnote-ref href="#id">` points at. */
function referencedNote(node: ElementContent, notes: Map<string, Element>): Element | undefined {
  if (!isElement(node, 'sup')) return undefined;
  const a = node.children.find((c): c is Element => isElement(c, 'a'));
  if (!a || a.properties.dataFootnoteRef === undefined) return undefined;
  const href = a.properties.href;
  return typeof href === 'string' && href.startsWith('#')
    ? notes.get(decodeURIComponent(href.slice(1)))
    : undefined;
}

function referenceNumber(sup: Element): string {
  const text = (n: ElementContent): string =>
    n.type === 'text' ? n.value : isElement(n) ? n.children.map(text).join('') : '';
  return text(sup).trim();
}

/** The margin copy of a footnote, or undefined when the note holds more than paragraphs. */
function sidenote(li: Element, number: string): Element | undefined {
  const paragraphs = li.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  if (paragraphs.length === 0 || !paragraphs.every((p) => isElement(p, 'p'))) return undefined;
  const parts = (paragraphs as Element[]).map((p) => inert(structuredClone(p.children)));
  const body: ElementContent[] =
    parts.length === 1 ? parts[0]! : parts.map((children) => span(['sidenote-p'], children));
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['sidenote'], ariaHidden: 'true', dataPagefindIgnore: '' },
    children: [span(['sidenote-number'], [{ type: 'text', value: number }]), ...body],
  };
}

function span(className: string[], children: ElementContent[]): Element {
  return { type: 'element', tagName: 'span', properties: { className }, children };
}

/**
 * The copy's content without back-links, nested references, ids or tab stops: it is shown, not
 * navigated (the footnote itself is).
 */
function inert(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (isElement(node)) {
      if (node.properties.dataFootnoteBackref !== undefined) continue;
      if (
        isElement(node, 'sup') &&
        node.children.some((c) => isElement(c, 'a') && c.properties.dataFootnoteRef !== undefined)
      )
        continue;
      delete node.properties.id;
      if (node.tagName === 'a' || node.tagName === 'button') node.properties.tabIndex = -1;
      node.children = inert(node.children);
    }
    out.push(node);
  }
  // The spaces removed back-links leave at the end.
  while (out.at(-1)?.type === 'text') {
    const last = out.at(-1) as { value: string };
    last.value = last.value.replace(/\s+$/, '');
    if (last.value) break;
    out.pop();
  }
  return out;
}
