import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import { hasClass } from '../hast-util.js';

/** MathML token elements: their content is text, never other elements. */
const TOKENS = new Set(['mi', 'mo', 'mn', 'ms', 'mtext']);
/** What a token's element children may be for the token to be flattened to its text. */
const FLATTENABLE = new Set([...TOKENS, 'mrow']);

/**
 * Repairs a known KaTeX bug (KaTeX/KaTeX#3978 and relatives): for `\bmod`, `\underset`,
 * `\operatorname{GL_2}` and the like, KaTeX's MathML puts elements inside token elements, e.g.
 * `<mo><mrow><mi>m</mi><mi>o</mi><mi>d</mi></mrow></mo>`. That is invalid HTML (the Nu Html
 * Checker reports `mrow` "not allowed as child of element mo") and assistive technology may read
 * it badly. Only the MathML copy is touched; the visible `.katex-html` is unchanged.
 *
 *  - A token holding only tokens and rows of text becomes a token of that text: `<mo>mod</mo>`.
 *  - Any other token holding elements becomes an `mrow` of its children (attributes dropped,
 *    as they are token attributes), and its children are repaired in turn.
 *
 * Also, display math is focusable (`tabindex="0"`, like code blocks): a formula wider than the
 * column scrolls, and keyboard users must be able to scroll it. Off screen the theme skips the
 * layout of display math (`content-visibility`), so the page's script cannot tell which
 * formulas overflow before a reader, or axe, reaches them.
 */
export default function rehypeKatexMathml() {
  return (tree: Root) => {
    visit(tree, 'element', (math: Element) => {
      if (hasClass(math, 'katex-display')) math.properties.tabIndex = 0;
      if (math.tagName !== 'math') return undefined;
      visit(math, 'element', (node: Element) => {
        if (!TOKENS.has(node.tagName) || !node.children.some((c) => c.type === 'element')) return;
        if (node.children.every(flattenable)) {
          node.children = [{ type: 'text', value: toString(node) }];
        } else {
          node.tagName = 'mrow';
          node.properties = {};
        }
      });
      return SKIP;
    });
  };
}

function flattenable(node: ElementContent): boolean {
  if (node.type === 'text' || node.type === 'comment') return true;
  return (
    node.type === 'element' && FLATTENABLE.has(node.tagName) && node.children.every(flattenable)
  );
}
