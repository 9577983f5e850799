import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { foreignFence } from './fence-forms.js';

/**
 * Rewrites Hugo's and Zola's fence options into ours (fence-forms.ts) before anything reads a
 * fence: the language, our meta, and for `linenostart`/`hide_lines` the code's lines with their
 * numbers (the same runs as code included from a file, CodeBlockSource.lines).
 */
export default function remarkFenceForms() {
  return (tree: Root) => {
    visit(tree, 'code', (node: Code) => {
      const fence = foreignFence(node.lang ?? null, node.meta ?? null);
      if (!fence) return;
      node.lang = fence.lang;
      node.meta = fence.meta;
      if (fence.start === 1 && fence.hide.length === 0) return;
      const hidden = (line: number) => fence.hide.some(([a, b]) => line >= a && line <= b);
      const lines = node.value.split('\n');
      const runs: [number, number][] = [];
      const kept: string[] = [];
      lines.forEach((text, i) => {
        if (hidden(i + 1)) return;
        kept.push(text);
        const number = fence.start + i;
        const last = runs[runs.length - 1];
        if (last && last[0] + last[1] === number) last[1]++;
        else runs.push([number, 1]);
      });
      node.value = kept.join('\n');
      node.data = { ...node.data, colophonLines: runs };
    });
  };
}
