import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';

const URL_ATTRS = ['href', 'src', 'poster', 'cite'] as const;

/**
 * Feed readers show content away from the site, so every root-relative or relative URL in a
 * post's HTML becomes absolute. Done on the tree (never with string replacement).
 */
export function absolutizeHtml(html: string, pageUrl: string): string {
  const tree = fromHtml(html, { fragment: true });
  visit(tree, 'element', (node: Element) => {
    for (const attr of URL_ATTRS) {
      const v = node.properties[attr];
      if (typeof v === 'string' && v && !v.startsWith('#')) node.properties[attr] = absolute(v, pageUrl);
    }
    const srcset = node.properties.srcSet;
    if (srcset !== undefined && srcset !== null) {
      const parts = Array.isArray(srcset) ? srcset.map(String) : String(srcset).split(',');
      node.properties.srcSet = parts
        .map((part) => {
          const [u, ...rest] = part.trim().split(/\s+/);
          return [absolute(u ?? '', pageUrl), ...rest].join(' ');
        })
        .join(', ');
    }
  });
  return toHtml(tree);
}

function absolute(u: string, base: string): string {
  try {
    return new URL(u, base).href;
  } catch {
    return u;
  }
}
