/** Tiny helpers to assert on parsed HTML (hast) without a selector engine. */
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';

export interface ParsedPage {
  root: Root;
  /** HTML parse errors (what the HTML5 parser complains about), as `code@line:column`. */
  errors: string[];
}

export function parse(html: string): ParsedPage {
  const errors: string[] = [];
  const root = fromHtml(html, {
    onerror(e) {
      errors.push(`${e.ruleId ?? e.reason}@${e.line}:${e.column}`);
    },
  });
  return { root, errors };
}

export function elements(
  node: Root | Element,
  test: (el: Element) => boolean = () => true,
): Element[] {
  const out: Element[] = [];
  const walk = (n: Root | Element) => {
    for (const c of n.children) {
      if (c.type === 'element') {
        if (test(c)) out.push(c);
        walk(c);
      }
    }
  };
  walk(node);
  return out;
}

export const byTag = (node: Root | Element, tag: string) =>
  elements(node, (e) => e.tagName === tag);

export function hasClass(el: Element, cls: string): boolean {
  const c = el.properties.className;
  return Array.isArray(c) && c.includes(cls);
}

export const byClass = (node: Root | Element, cls: string) =>
  elements(node, (e) => hasClass(e, cls));

/** Attribute value as a string (hast property names: `ariaLabel`, `dataTheme`, `httpEquiv`...). */
export function attr(el: Element, name: string): string | undefined {
  const v = el.properties[name];
  if (v === undefined || v === null || v === false) return undefined;
  return Array.isArray(v) ? v.join(' ') : String(v);
}

export function one(list: Element[], what: string): Element {
  if (list.length !== 1) throw new Error(`expected exactly one ${what}, found ${list.length}`);
  return list[0]!;
}

export function meta(root: Root, key: 'name' | 'property', value: string): string | undefined {
  const el = elements(root, (e) => e.tagName === 'meta' && attr(e, key) === value)[0];
  return el ? attr(el, 'content') : undefined;
}

export const text = (node: Root | Element) => toString(node);
