/**
 * Fence meta, the text after the language: ```` ```ts title="a.ts" {1,3-5} showLineNumbers ````.
 * Unknown words are ignored (other tools put their own options there).
 */
export interface CodeMeta {
  title: string | null;
  /** Highlighted line ranges, 1-based and inclusive; kept as ranges so `{1-999999999}` is cheap. */
  highlight: [number, number][];
  /** `showLineNumbers` -> true, `noLineNumbers` -> false, neither -> null (use the default). */
  lineNumbers: boolean | null;
}

// key="value" | key='value' | {ranges} | bare word
const TOKEN = /([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))|\{([\d\s,-]*)\}|(\S+)/g;

export function parseCodeMeta(meta: string | null): CodeMeta {
  const result: CodeMeta = { title: null, highlight: [], lineNumbers: null };
  if (!meta) return result;
  for (const match of meta.matchAll(TOKEN)) {
    const [, key, dq, sq, bare, ranges, word] = match;
    if (key !== undefined) {
      if (key === 'title') result.title = dq ?? sq ?? bare ?? '';
    } else if (ranges !== undefined) {
      result.highlight.push(...parseRanges(ranges));
    } else if (word === 'showLineNumbers') {
      result.lineNumbers = true;
    } else if (word === 'noLineNumbers') {
      result.lineNumbers = false;
    }
  }
  return result;
}

function parseRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (!m?.[1]) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from >= 1 && to >= from) out.push([from, to]);
  }
  return out;
}

export function isHighlighted(meta: CodeMeta, line: number): boolean {
  return meta.highlight.some(([from, to]) => line >= from && line <= to);
}

/** The value of `key="…"` in a fence's meta (`alt` and `title` of a diagram), or null. */
export function metaValue(meta: string | null, key: string): string | null {
  if (!meta) return null;
  for (const [, k, dq, sq, bare] of meta.matchAll(TOKEN)) {
    if (k === key) return dq ?? sq ?? bare ?? '';
  }
  return null;
}
