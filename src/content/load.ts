import { readFileSync } from 'node:fs';
import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics/index.js';
import { entryKey } from '../cache/keys.js';
import type { SourceFile } from './discover.js';
import type { Entry } from './entries.js';
import { entryFromFrontMatter } from './entry-from-front-matter.js';
import { splitFrontMatter } from './front-matter.js';
import { UNSAFE_FILE_CHARS, WINDOWS_RESERVED } from './schemas.js';

/**
 * Files over this size are refused with an error before any parsing: Markdown parsing is linear
 * but slow (~3 s per MB), and no real post is megabytes of prose. Bounded time on hostile input.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type LoadResult = { entry: Entry | null; diagnostics: Diagnostic[]; source: string };

/** Where parsed entries can be kept between builds (the build passes its disk cache). */
export interface EntryCache {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/**
 * Read and parse one file. With a cache, a file whose bytes (and discovery facts) are unchanged
 * skips front-matter parsing and validation: about 1.5 ms per post, most of a warm build's
 * content stage.
 */
export async function loadEntry(src: SourceFile, cache?: EntryCache): Promise<LoadResult> {
  // Synchronously: thousands of small files read one by one cost a third of reading them through
  // the thread pool (4,000 posts: 78 ms against 200-240 ms), and nothing else waits meanwhile.
  const bytes = readFileSync(src.abs);
  if (!cache) return parseEntry(src, bytes);
  const key = entryKey(src, bytes);
  const hit = cache.get(key) as CachedEntry | undefined;
  if (hit) {
    const source = stripBom(new TextDecoder().decode(bytes));
    // The key covers every byte of the file, so the body is the same tail of the same text.
    const body =
      hit.bodyLength === undefined ? hit.entry.body : source.slice(source.length - hit.bodyLength);
    return {
      entry: reviveEntry({ ...hit.entry, body } as Entry),
      diagnostics: hit.warnings,
      source,
    };
  }
  const r = parseEntry(src, bytes);
  // Warnings (an ignored key) are kept with the entry: a warm build reports them again. The body
  // is stored only when it is not the end of the source (CRLF files: the parser normalises line
  // ends), which is read anyway: half the bytes to parse.
  if (r.entry && r.diagnostics.every((d) => d.severity === 'warning')) {
    const { body, ...rest } = r.entry;
    const tail = r.source.endsWith(body);
    cache.set(
      key,
      (tail
        ? { entry: rest, bodyLength: body.length, warnings: r.diagnostics }
        : { entry: r.entry, warnings: r.diagnostics }) satisfies CachedEntry,
    );
  }
  return r;
}

interface CachedEntry {
  entry: Omit<Entry, 'body'> & { body?: string };
  /** Length of the body at the end of the source; absent when the body is stored. */
  bodyLength?: number;
  warnings: Diagnostic[];
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
const DATE_KEYS = ['date', 'updated', 'expires'] as const;

/** JSON turns Dates into strings; turn them back. */
function reviveEntry(e: Entry): Entry {
  const out = { ...e } as Record<string, unknown>;
  for (const k of DATE_KEYS) if (typeof out[k] === 'string') out[k] = new Date(out[k] as string);
  return out as unknown as Entry;
}

/** Decode, split and validate one file. Pure apart from its input, so tests can feed bytes. */
export function parseEntry(src: SourceFile, bytes: Uint8Array): LoadResult {
  const at = { file: src.file, line: 1, column: 1 };
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return fail(
      error(
        'content/too-large',
        `File is ${(bytes.byteLength / 1048576).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit. Split it into several posts.`,
        at,
      ),
    );
  }
  if (bytes.includes(0)) {
    return fail(
      error(
        'content/binary-file',
        'File contains NUL bytes and looks binary, not Markdown. Remove it or rename it so it does not end in .md.',
        at,
      ),
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return fail(
      error('content/invalid-utf8', 'File is not valid UTF-8. Re-save it with UTF-8 encoding.', {
        file: src.file,
        ...bad,
      }),
    );
  }
  text = stripBom(text);
  const split = splitFrontMatter(text, src.file);
  if (!split.ok) return { entry: null, diagnostics: split.diagnostics, source: text };
  const { entry, diagnostics } = entryFromFrontMatter(src, split.fm);
  const unsafe = unsafeNames(src, entry);
  if (unsafe.length) return { entry: null, diagnostics: [...diagnostics, ...unsafe], source: text };
  // The body is the end of the text (unless line ends were normalised): a slice shares the text's
  // memory; the parser's copy would keep every post twice for the whole build (~56 MB at 4,000).
  if (entry && entry.body !== '' && text.endsWith(entry.body))
    return {
      entry: { ...entry, body: text.slice(text.length - entry.body.length) } as Entry,
      diagnostics,
      source: text,
    };
  return { entry, diagnostics, source: text };
}

/**
 * File names become output paths: a post `CON.md`, a topic `aux.md` or a bundle file `a:b.png`
 * cannot be written on Windows, and the writer refused them by throwing (a crash, no position).
 * Slugs from front matter are checked by the schema; these come from the file system.
 */
function unsafeNames(src: SourceFile, entry: Entry | null): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (entry && WINDOWS_RESERVED.test(entry.id)) {
    const fix =
      entry.kind === 'post' || entry.kind === 'page' ? ', or set "slug:" in its front matter' : '';
    out.push(
      error(
        'content/unsafe-file-name',
        `The file name gives the URL name "${entry.id}", which Windows reserves (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with or without an extension): the page could not be saved there. Rename the file${fix}.`,
        { file: src.file, line: 1, column: 1 },
      ),
    );
  }
  for (const asset of src.assets) {
    const segs = path.posix.relative(src.dir, asset).split('/');
    const bad = segs.find((seg) => WINDOWS_RESERVED.test(seg) || UNSAFE_FILE_CHARS.test(seg));
    if (bad !== undefined)
      out.push(
        error(
          'content/unsafe-file-name',
          `Bundle file name "${bad}" is a name Windows reserves or holds a character some file systems refuse (< > : " | ? * \\): it cannot be published. Rename it.`,
          { file: asset, line: 1, column: 1 },
        ),
      );
  }
  return out;
}

function fail(d: Diagnostic): LoadResult {
  return { entry: null, diagnostics: [d], source: '' };
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  // Decode progressively to find the first bad byte's line; good enough for a one-off error.
  let line = 1;
  let column = 1;
  const dec = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      line++;
      column = 1;
      continue;
    }
    if (b < 0x80) {
      column++;
      continue;
    }
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    try {
      dec.decode(bytes.subarray(i, i + len));
      i += len - 1;
      column++;
    } catch {
      return { line, column };
    }
  }
  return { line, column };
}
