import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

const parsed = new Map<string, Root>();

/**
 * Parse a whole HTML document (the parser reports nothing; we only read the tree). Tests ask
 * several questions of one page: the last few parses are kept. Callers must not mutate the tree.
 */
export function parseHtml(html: string): Root {
  let tree = parsed.get(html);
  if (!tree) {
    tree = fromHtml(html);
    parsed.set(html, tree);
    if (parsed.size > 32) parsed.delete(parsed.keys().next().value!);
  }
  return tree;
}

export interface UrlRef {
  tag: string;
  attr: string;
  url: string;
}

/** Every URL-bearing attribute in a document: a/link href, img/script/source src, meta refresh. */
export function urlsIn(html: string): UrlRef[] {
  const out: UrlRef[] = [];
  visit(parseHtml(html), 'element', (el: Element) => {
    for (const attr of ['href', 'src'] as const) {
      const v = el.properties[attr];
      if (typeof v === 'string') out.push({ tag: el.tagName, attr, url: v });
    }
    const srcset = el.properties['srcSet'];
    if (Array.isArray(srcset))
      for (const part of srcset)
        out.push({ tag: el.tagName, attr: 'srcset', url: String(part).trim().split(/\s+/)[0]! });
    if (
      el.tagName === 'meta' &&
      String(el.properties['httpEquiv'] ?? '').toLowerCase() === 'refresh'
    ) {
      const m = /url=(.+)$/i.exec(String(el.properties['content'] ?? ''));
      if (m) out.push({ tag: 'meta', attr: 'refresh', url: m[1]!.trim() });
    }
  });
  return out;
}

/** Every id in a document (fragment targets), including `name` on `<a>`. */
export function idsIn(html: string): Set<string> {
  const ids = new Set<string>();
  visit(parseHtml(html), 'element', (el: Element) => {
    if (typeof el.properties['id'] === 'string') ids.add(el.properties['id']);
    if (el.tagName === 'a' && typeof el.properties['name'] === 'string')
      ids.add(el.properties['name']);
  });
  return ids;
}

/** Elements matching a tag name and optional class, in document order. */
export function select(html: string, tag: string, className?: string): Element[] {
  const out: Element[] = [];
  visit(parseHtml(html), 'element', (el: Element) => {
    if (el.tagName !== tag) return;
    const cls = el.properties['className'];
    if (className && !(Array.isArray(cls) && cls.includes(className))) return;
    out.push(el);
  });
  return out;
}

/** Text content of the matches of `select`. */
export function texts(html: string, tag: string, className?: string): string[] {
  return select(html, tag, className).map((el) => toString(el).replace(/\s+/g, ' ').trim());
}

/** `href`s of the links inside the first element matching tag/class. */
export function linksIn(html: string, tag: string, className?: string): string[] {
  const root = select(html, tag, className)[0];
  if (!root) return [];
  const out: string[] = [];
  visit(root, 'element', (el: Element) => {
    if (el.tagName === 'a' && typeof el.properties['href'] === 'string')
      out.push(el.properties['href']);
  });
  return out;
}

/** `<head>` facts: canonical, robots, refresh. */
export function headOf(html: string): {
  canonical?: string;
  robots?: string;
  refresh?: string;
  title: string;
} {
  const out: { canonical?: string; robots?: string; refresh?: string; title: string } = {
    title: '',
  };
  visit(parseHtml(html), 'element', (el: Element) => {
    if (el.tagName === 'title') out.title = toString(el);
    if (
      el.tagName === 'link' &&
      Array.isArray(el.properties['rel']) &&
      el.properties['rel'].includes('canonical')
    )
      out.canonical = String(el.properties['href']);
    if (el.tagName === 'meta' && el.properties['name'] === 'robots')
      out.robots = String(el.properties['content']);
    if (
      el.tagName === 'meta' &&
      String(el.properties['httpEquiv'] ?? '').toLowerCase() === 'refresh'
    )
      out.refresh = String(el.properties['content']);
  });
  return out;
}
