import type { Nodes, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { stateOf } from '../state.js';

// Ideographic scripts are written without spaces; each character reads roughly like a word.
const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
// A word: letters/digits/marks, allowing inner apostrophes, dots and hyphens (don't, 3.14, e-mail).
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’.\-_][\p{L}\p{N}\p{M}]+)*/gu;

// Text that is not prose: code, math, raw HTML and front-matter-like nodes.
const SKIPPED = new Set(['code', 'math', 'inlineMath', 'html', 'yaml', 'toml', 'definition']);

/**
 * Counts prose words on the mdast, before anything is highlighted or typeset, so code blocks,
 * math and raw HTML are simply not visited. Inline code counts: it is part of a sentence.
 * Runs before user remark plugins, so the count is always of what the author wrote.
 */
export default function remarkWordCount() {
  return (tree: Root, file: { data: object }) => {
    const parts: string[] = [];
    visit(tree, (node: Nodes) => {
      if (SKIPPED.has(node.type)) return SKIP;
      if (node.type === 'text' || node.type === 'inlineCode') parts.push(node.value);
      // Block boundaries separate words even when the text nodes touch.
      else if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
        parts.push(' ');
      }
      return undefined;
    });
    stateOf(file).wordCount = countWords(parts.join(''));
  };
}

export function countWords(text: string): number {
  let count = 0;
  const rest = text.replace(IDEOGRAPH, () => {
    count++;
    return ' ';
  });
  return count + (rest.match(WORD)?.length ?? 0);
}
