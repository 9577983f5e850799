import {
  transformerNotationDiff,
  transformerNotationErrorLevel,
  transformerNotationFocus,
  transformerNotationHighlight,
} from '@shikijs/transformers';
import type { Element, ElementContent, Properties } from 'hast';
import type { Highlighter, ShikiTransformer } from 'shiki';
import { codeToHastDual } from '../dual-highlight.js';
import { parseCodeMeta, type CodeMeta } from './code-meta.js';

/** Beyond these sizes a block is shown as plain text without tokenizing (bounded time). */
export const MAX_HIGHLIGHT_CHARS = 200_000;
export const MAX_HIGHLIGHT_LINE = 50_000;
const TOKENIZE_TIME_LIMIT_MS = 10_000;

// Stateless apart from per-call data shiki hands them, so one set serves every block.
const NOTATION: ShikiTransformer[] = [
  transformerNotationDiff(),
  transformerNotationFocus(),
  transformerNotationHighlight(),
  transformerNotationErrorLevel(),
];

export interface BlockInput {
  /** Language as written in the fence (may be empty); lower-cased into `data-lang`. */
  written: string;
  /** shiki language id to use (`text` for plain). */
  lang: string;
  meta: string | null;
  code: string;
  themes: { light: string; dark: string };
  lineNumbers: boolean;
  /** Line numbers of included code as runs `[first, count]` (CodeBlockSource.lines). */
  lines?: readonly [number, number][];
}

/**
 * `<figure class="code-block" data-lang>` + optional `<figcaption class="code-title">` + shiki's
 * `<pre class="shiki ..." tabindex="0"><code><span class="line">...`. Colours are CSS variables
 * only (`defaultColor: false`) so the theme's CSS picks light or dark.
 */
export function renderCodeBlock(shiki: Highlighter, input: BlockInput): Element {
  const meta = parseCodeMeta(input.meta);
  const numbered = meta.lineNumbers ?? input.lineNumbers;
  const plain = input.lang === 'text';
  // One tokenization for both themes (dual-highlight.ts); same markup as shiki's codeToHast.
  const root = codeToHastDual(shiki, input.code, {
    lang: input.lang,
    themes: input.themes,
    // shiki stops tokenizing a line after 500 ms by default, so a busy CI machine could emit
    // different (partly uncoloured) HTML for the same input, and cache it. Lines are capped at
    // MAX_HIGHLIGHT_LINE characters already; this limit is only a backstop against a grammar's
    // catastrophic backtracking.
    tokenizeTimeLimit: TOKENIZE_TIME_LIMIT_MS,
    // Notation comments only exist in real grammars; plain text is left exactly as written.
    transformers: [...(plain ? [] : NOTATION), metaTransformer(meta, numbered, input.lines)],
  });
  const pre = root.children.find((n): n is Element => n.type === 'element' && n.tagName === 'pre');
  if (!pre) throw new Error('shiki returned no <pre>');
  normalize(pre);

  const children: ElementContent[] = [];
  if (meta.title) {
    children.push({
      type: 'element',
      tagName: 'figcaption',
      properties: { className: ['code-title'] },
      children: [{ type: 'text', value: meta.title }],
    });
  }
  children.push(pre);
  // The line count sizes the block's placeholder while it is off screen (content-visibility in
  // the theme): code lines do not wrap, so its height is known before it is laid out.
  const lines = input.code.replace(/\n$/, '').split('\n').length;
  return {
    type: 'element',
    tagName: 'figure',
    properties: {
      className: ['code-block'],
      dataLang: input.written.toLowerCase() || 'text',
      style: `--lines:${lines}`,
    },
    children,
  };
}

/**
 * Line highlights from `{1,3-5}` and the line-number flag, applied while shiki builds lines. For
 * code included from a file, `runs` gives each line its number in the file: highlights name those
 * numbers, and where the numbering does not simply go on from the line before (the first line of
 * `lines="10-20"`, the gap in `lines="1-3,8-9"`), the line resets the CSS counter that draws the
 * numbers (`counter-set: line 9`, so that line shows 10).
 */
function metaTransformer(
  meta: CodeMeta,
  numbered: boolean,
  runs: readonly [number, number][] | undefined,
): ShikiTransformer {
  const numbers = runs?.flatMap(([first, count]) =>
    Array.from({ length: count }, (_, i) => first + i),
  );
  return {
    name: 'colophon:meta',
    pre(node) {
      // CSS counters draw the numbers, so they are never part of copied text.
      if (numbered) node.properties.dataLineNumbers = '';
      if (meta.highlight.length > 0) this.addClassToHast(node, 'has-highlighted');
    },
    line(node, index) {
      const line = numbers?.[index - 1] ?? index;
      if (meta.highlight.some(([from, to]) => line >= from && line <= to)) {
        this.addClassToHast(node, 'highlighted');
      }
      const previous = index === 1 ? 0 : (numbers?.[index - 2] ?? index - 1);
      if (numbered && line !== previous + 1)
        node.properties.style = `counter-set: line ${line - 1}`;
    },
  };
}

/**
 * shiki writes HTML attribute names (`class`, `tabindex`) into hast properties. Other rehype
 * plugins (and our excerpt/heading code) read hast property names (`className`), so convert.
 */
function normalize(node: Element): void {
  const { class: cls, tabindex, ...rest } = node.properties;
  // className first, so the serialised tag reads `<pre class="shiki ..." style=...>`.
  const props: Properties = {};
  if (cls !== undefined)
    props.className = Array.isArray(cls)
      ? cls.map(String)
      : String(cls).split(/\s+/).filter(Boolean);
  Object.assign(props, rest);
  if (tabindex !== undefined) props.tabIndex = Number(tabindex);
  node.properties = props;
  for (const child of node.children) if (child.type === 'element') normalize(child);
}

/** Size guard: the total length, or the longest line, past which we do not tokenize. */
export function tooLargeToHighlight(code: string): { chars: number; longestLine: number } | null {
  let longest = 0;
  let start = 0;
  while (start <= code.length) {
    let end = code.indexOf('\n', start);
    if (end < 0) end = code.length;
    longest = Math.max(longest, end - start);
    start = end + 1;
  }
  return code.length > MAX_HIGHLIGHT_CHARS || longest > MAX_HIGHLIGHT_LINE
    ? { chars: code.length, longestLine: longest }
    : null;
}
