import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { classes } from '../hast-util.js';

/** The alignments GFM writes (`:--`, `:-:`, `--:`), as the theme's class names. */
export const ALIGN_CLASSES = {
  left: 'align-left',
  center: 'align-center',
  right: 'align-right',
} as const;

type Alignment = keyof typeof ALIGN_CLASSES;

const CELLS = new Set(['th', 'td']);

/**
 * GFM table alignment without the obsolete `align` attribute: remark-rehype writes
 * `<td align="right">`, which HTML5 no longer has (the Nu Html Checker flags it). Each aligned
 * cell gets a class instead (`align-right`), styled by the theme's site.css.
 *
 * A class rather than `style="text-align:…"`: no inline style in the output, so a strict
 * Content-Security-Policy needs no `style-src 'unsafe-inline'`, and a theme can restyle it.
 *
 * Runs after the raw-HTML policy, so it also converts `align` that raw HTML tables carry (the
 * sanitize schema lets `align` through), and the classes it adds are trusted output that the
 * schema never has to allow. Other `align` values (`justify`, `char`) are left as written.
 */
export default function rehypeTableAlign() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (!CELLS.has(node.tagName)) return;
      const value = node.properties.align;
      if (typeof value !== 'string') return;
      const align = value.trim().toLowerCase();
      if (!isAlignment(align)) return;
      delete node.properties.align;
      node.properties.className = [...classes(node), ALIGN_CLASSES[align]];
    });
  };
}

function isAlignment(value: string): value is Alignment {
  return Object.hasOwn(ALIGN_CLASSES, value);
}
