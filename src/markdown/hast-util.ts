import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';

/** Class names of an element, whatever shape `className` has (array, string, absent). */
export function classes(element: Element): string[] {
  const value = element.properties.className;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' || typeof value === 'number'
    ? String(value).split(/\s+/).filter(Boolean)
    : [];
}

export function hasClass(element: Element, name: string): boolean {
  return classes(element).includes(name);
}

export function isElement(
  node: Nodes | RootContent | ElementContent | undefined,
  tag?: string,
): node is Element {
  return node?.type === 'element' && (tag === undefined || node.tagName === tag);
}

/**
 * Visible text of a heading, for its id, the TOC and `headings`. Typeset math contributes its
 * TeX source (from KaTeX's MathML annotation) rather than the glyph soup of `.katex-html`, and
 * the heading anchor link contributes nothing.
 */
export function headingText(node: Element | Root): string {
  let out = '';
  const walk = (n: Nodes): void => {
    if (n.type === 'text') out += n.value;
    else if (n.type === 'element') {
      if (hasClass(n, 'heading-anchor')) return;
      if (hasClass(n, 'katex')) {
        out += texSource(n);
        return;
      }
      for (const child of n.children) walk(child);
    } else if (n.type === 'root') for (const child of n.children) walk(child);
  };
  walk(node);
  return out;
}

function texSource(katex: Element): string {
  let tex = '';
  const find = (n: Nodes): boolean => {
    if (n.type !== 'element') return false;
    if (n.tagName === 'annotation') {
      tex = n.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
      return true;
    }
    return n.children.some(find);
  };
  find(katex);
  return tex;
}
