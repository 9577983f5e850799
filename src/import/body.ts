import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * Shared pieces of body conversion: where code sits (from the Markdown AST, never a regex over
 * the text), line numbers of offsets, and applying replacements by offset.
 */

const parser = unified().use(remarkParse).use(remarkGfm);

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

/** [start, end) offsets of fenced/indented code and inline code. */
export function codeRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  visit(parseMarkdown(text), (node) => {
    if ((node.type === 'code' || node.type === 'inlineCode') && node.position) {
      out.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0]);
    }
  });
  return out.sort((a, b) => a[0] - b[0]);
}

export const inRanges = (ranges: readonly [number, number][], at: number) =>
  ranges.some(([s, e]) => at >= s && at < e);

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Apply non-overlapping edits (any order). An edit overlapping an earlier one is skipped. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** 1-based line of an offset, plus the line the body starts on in its file. */
export function lineAt(text: string, offset: number, bodyLine: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return bodyLine + n;
}

/** Whether [start, end) is alone on its line(s) (only spaces around it). */
export function aloneOnLine(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  return (
    text.slice(lineStart, start).trim() === '' &&
    text.slice(end, lineEnd === -1 ? text.length : lineEnd).trim() === ''
  );
}

/** A block construct (leaf directive, fence) placed where an inline one was: blank lines around. */
export function asBlock(text: string, start: number, end: number, block: string): string {
  return aloneOnLine(text, start, end) ? block : `\n\n${block}\n\n`;
}

/** A fence long enough for its content (one more backtick than the longest run inside). */
export function fence(lang: string, meta: string, content: string): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const info = [lang, meta].filter(Boolean).join(' ');
  const inner = content.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\s+$/, '');
  return `${ticks}${info}\n${inner}\n${ticks}`;
}

/** Inline code that shows `s` literally. */
export function inlineCode(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${s}${pad}${ticks}`;
}

/**
 * Hugo and Zola never evaluate `{{ … }}` in content (only their shortcodes), so what is left of
 * it in prose was shown to readers as written: it becomes inline code, which shows it the same
 * way and tells Colophon it is not a template.
 */
export function literalBraces(text: string, onConvert: (offset: number) => void): string {
  if (!/\{\{[^<%{}\n][^{}\n]*\}\}/.test(text)) return text;
  const code = codeRanges(text);
  const edits: Edit[] = [];
  for (const m of text.matchAll(/\{\{[^<%{}\n][^{}\n]*\}\}/g)) {
    if (inRanges(code, m.index)) continue;
    edits.push({ start: m.index, end: m.index + m[0].length, text: inlineCode(m[0]) });
    onConvert(m.index);
  }
  return applyEdits(text, edits);
}
