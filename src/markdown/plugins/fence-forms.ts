/**
 * Fence options in the forms Hugo and Zola users already write, mapped to ours (code-meta.ts):
 *
 *   Hugo:  ```go {hl_lines=[2,8] linenos=true}     ```go {linenos=table,hl_lines=["2-4"],linenostart=199}
 *   Zola:  ```rust,linenos,hl_lines=2 8-9,linenostart=10,hide_lines=3-4,name=main.rs
 *   also:  ```rust hl_lines=2 8-9 linenos linenostart=10
 *
 * `hl_lines` counts the lines of the block from 1 whatever `linenostart` is (as in both), so it
 * is turned into our highlights, which name the numbers shown. `linenos` (`true`, `table`,
 * `inline`; `false` turns them off) -> showLineNumbers / noLineNumbers; `linenostart` -> the
 * number of the first line; `hide_lines` drops lines (the numbering of the others is kept);
 * Zola's `name=` -> the title. Other options (style, anchors, ...) are ignored.
 */
export interface ForeignFence {
  lang: string | null;
  /** Our meta: `title="…" {1,3-5} showLineNumbers`, plus whatever native words were there. */
  meta: string | null;
  /** Number of the block's first line (`linenostart`). */
  start: number;
  /** Block lines (1-based) to drop. */
  hide: [number, number][];
}

interface Options {
  highlight: [number, number][];
  lineNumbers?: boolean;
  start?: number;
  hide: [number, number][];
  title?: string;
}

const HUGO_BLOCK = /\{([^{}]*=[^{}]*)\}/;
/** Words that only Hugo's and Zola's options use: they alone make a fence "foreign". */
const FOREIGN = /^(?:(?:hl_lines|linenos|linenostart|hide_lines)=|linenos$)/i;
/** Options recognised among foreign ones written with spaces (`title=` stays ours). */
const KEY = /^(?:(?:hl_lines|linenos|linenostart|hide_lines|name)=|linenos$)/i;

/** The fence in our terms, or null when it uses none of the foreign forms. */
export function foreignFence(lang: string | null, meta: string | null): ForeignFence | null {
  const info = [lang, meta].filter(Boolean).join(' ');
  const o: Options = { highlight: [], hide: [] };
  let language = lang;
  let rest = meta ?? '';
  if (lang?.includes(',') || lang?.startsWith(',')) {
    // Zola: the whole info string is a comma-separated list.
    const [first = '', ...tokens] = info.split(',');
    language = first.trim() === '' || first.includes('=') ? null : first.trim();
    if (first.includes('=')) tokens.unshift(first);
    for (const token of tokens) option(o, token.trim());
    rest = '';
  } else {
    const block = HUGO_BLOCK.exec(rest);
    if (block) {
      for (const token of splitHugo(block[1]!)) option(o, token);
      rest = (rest.slice(0, block.index) + rest.slice(block.index + block[0].length)).trim();
    } else if (rest.split(/\s+/).some((w) => FOREIGN.test(w))) {
      rest = looseOptions(o, rest);
    } else return null;
  }
  return { lang: language, meta: nativeMeta(o, rest), start: o.start ?? 1, hide: o.hide };
}

/** `hl_lines=2 8-9 linenos`: options written with spaces; returns the words that are not. */
function looseOptions(o: Options, meta: string): string {
  const kept: string[] = [];
  const words = meta.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (/^(hl_lines|hide_lines)=/i.test(word)) {
      // Ranges after `hl_lines=` belong to it: `hl_lines=2 8-9`.
      let value = word.slice(word.indexOf('=') + 1);
      while (/^\d+(-\d+)?$/.test(words[i + 1] ?? '')) value += ' ' + words[++i];
      option(o, `${word.slice(0, word.indexOf('='))}=${value}`);
    } else if (KEY.test(word)) option(o, word);
    else kept.push(word);
  }
  return kept.join(' ');
}

/** `linenos=table,hl_lines=[8,"15-17"] linenostart=199`: split outside brackets and quotes. */
function splitHugo(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  let quote = '';
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = '';
      current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === '[') {
      depth++;
      current += c;
    } else if (c === ']') {
      depth--;
      current += c;
    } else if ((c === ',' || c === ' ' || c === '\t') && depth <= 0) {
      if (current) out.push(current);
      current = '';
    } else current += c;
  }
  if (current) out.push(current);
  return out;
}

function option(o: Options, token: string): void {
  const eq = token.indexOf('=');
  const key = (eq < 0 ? token : token.slice(0, eq)).trim().toLowerCase();
  const value = eq < 0 ? '' : unquote(token.slice(eq + 1).trim());
  switch (key) {
    case 'linenos':
      o.lineNumbers = value === '' || !/^(false|0|no)$/i.test(value);
      break;
    case 'linenostart':
      if (/^\d+$/.test(value)) o.start = Number(value);
      break;
    case 'hl_lines':
      o.highlight.push(...ranges(value));
      break;
    case 'hide_lines':
      o.hide.push(...ranges(value));
      break;
    case 'name':
    case 'title':
      if (value) o.title = value;
      break;
  }
}

/** `[2,8]`, `["2-4"]`, `"2-4 6"`, `2 8-9`: 1-based inclusive ranges. */
function ranges(value: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of value.replace(/[[\]"']/g, ' ').split(/[\s,]+/)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    out.push([Math.min(a, b), Math.max(a, b)]);
  }
  return out;
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/** Our meta for the options: highlights shifted to the numbers shown (`linenostart`). */
function nativeMeta(o: Options, rest: string): string | null {
  const shift = (o.start ?? 1) - 1;
  const words: string[] = [];
  if (o.title !== undefined && !/\btitle=/.test(rest))
    words.push(`title=${JSON.stringify(o.title)}`);
  if (rest) words.push(rest);
  if (o.highlight.length)
    words.push(
      `{${o.highlight.map(([a, b]) => (a === b ? `${a + shift}` : `${a + shift}-${b + shift}`)).join(',')}}`,
    );
  if (o.lineNumbers === true) words.push('showLineNumbers');
  if (o.lineNumbers === false) words.push('noLineNumbers');
  return words.length ? words.join(' ') : null;
}
