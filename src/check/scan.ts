import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';

export interface PageScan {
  ids: Set<string>;
  /** Every URL the page references, with where. */
  refs: { url: string; attr: string; line: number; column: number }[];
  /** HTML parse errors (the HTML spec's, from parse5), with positions. */
  errors: { message: string; line: number; column: number }[];
}

const URL_ATTRS: Record<string, string[]> = {
  a: ['href'],
  link: ['href'],
  img: ['src', 'srcSet'],
  source: ['src', 'srcSet'],
  script: ['src'],
  iframe: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
};

/** Parse one HTML page with a real HTML parser and list its ids, outgoing URLs and parse errors. */
export function scanHtml(html: string): PageScan {
  const errors: PageScan['errors'] = [];
  const tree = fromHtml(html, {
    onerror: (e) => {
      errors.push({
        message: `${e.reason} (${e.ruleId ?? 'parse-error'})`,
        line: e.line ?? 1,
        column: e.column ?? 1,
      });
    },
  });
  const ids = new Set<string>();
  const refs: PageScan['refs'] = [];
  visit(tree, 'element', (node: Element) => {
    const id = node.properties.id;
    if (typeof id === 'string') ids.add(id);
    if (node.tagName === 'a' && typeof node.properties.name === 'string')
      ids.add(node.properties.name);
    for (const attr of URL_ATTRS[node.tagName] ?? []) {
      const v = node.properties[attr];
      if (v === undefined || v === null || v === false) continue;
      const pos = node.position?.start ?? { line: 1, column: 1 };
      const values =
        attr === 'srcSet'
          ? String(v)
              .split(',')
              .map((s) => s.trim().split(/\s+/)[0] ?? '')
          : [String(v)];
      for (const url of values)
        if (url) refs.push({ url, attr, line: pos.line, column: pos.column });
    }
  });
  return { ids, refs, errors };
}
