import { readFileSync } from 'node:fs';
import { BuildFailure, error } from '../../diagnostics/index.js';
import type { RenderedBody } from '../../routes/index.js';
import type { CachedBody } from './bodies.js';
import { saveAtomicallySync } from '../../util/files.js';
import { DiskCache } from '../../cache/disk-cache.js';
import { checksum, clearFolderSync } from '../../cache/integrity.js';
import { cacheHint } from '../../output/errors.js';

/** A cached body as stored: everything but the HTML, which is a file of its own beside it. */
export interface StoredBody extends Omit<CachedBody, 'body'> {
  /** The HTML's length and checksum (of its bytes and the body's key). */
  body: Omit<RenderedBody, 'html'> & { htmlBytes: number; htmlSum: string };
}

/** What a worker sends back: the stored form (the HTML stays on disk) or the whole render. */
export type WireBody = { stored: StoredBody } | { inline: CachedBody };

const storedWeight = (b: StoredBody): number => b.body.excerptHtml.length + 2048;
const inlineWeight = (b: CachedBody): number => b.body.html.length + b.body.excerptHtml.length;

/**
 * Rendered bodies by key. With a cache folder, the HTML of a body (~60 KB for a long post with
 * code, twice that in memory as a two-byte string) is not kept in memory: its page reads it back
 * from `.cache/` when, and only if, it is rendered. Holding every body until the last page is
 * written would be ~480 MB at 4,000 posts, and a warm build would parse all of them only to reuse
 * every page. A `serve` session (`keep`) still keeps every body whole: its rebuilds re-render pages
 * many times, and a deleted `.cache/` must not break them.
 */
export class BodyCache {
  private readonly meta: DiskCache<StoredBody>;
  private readonly whole: DiskCache<CachedBody>;

  constructor(
    readonly dir: string | null,
    readonly keep = false,
  ) {
    const budget = keep ? Infinity : undefined;
    this.meta = new DiskCache<StoredBody>(dir, 'bodies', budget, storedWeight);
    this.whole = new DiskCache<CachedBody>(null, 'bodies', budget, inlineWeight);
  }

  get(key: string): CachedBody | undefined {
    const whole = this.whole.get(key);
    if (whole) return whole;
    const stored = this.meta.get(key);
    if (!stored) return undefined;
    const file = this.htmlFile(key);
    // A missing, truncated, garbled or swapped HTML file is a miss (the body is rendered again).
    if (!intact(file, key, stored.body)) return undefined;
    return this.expand(key, file, stored);
  }

  /** Cache a fresh render; returns what to use from now on (the HTML on disk, when it could be). */
  set(key: string, value: CachedBody): CachedBody {
    const stored = this.store(key, value);
    if (!stored || this.keep) {
      this.whole.set(key, value);
      return value;
    }
    return this.expand(key, this.htmlFile(key), stored);
  }

  /**
   * Write a render to the folder (HTML first, then the record that points at it, each through a
   * temporary name): the stored form, or undefined when there is no folder or it is not writable.
   */
  store(key: string, value: CachedBody): StoredBody | undefined {
    const file = this.meta.sibling(key, '.html');
    if (!file) return undefined;
    const { html, ...rest } = value.body;
    const bytes = Buffer.from(html, 'utf8');
    if (!saveAtomicallySync(file, bytes)) {
      clearFolderSync(file);
      if (!saveAtomicallySync(file, bytes)) return undefined;
    }
    const htmlSum = checksum(key, bytes);
    const stored: StoredBody = { ...value, body: { ...rest, htmlBytes: bytes.length, htmlSum } };
    this.meta.set(key, stored);
    return stored;
  }

  /** A worker's result, already written to the folder by the worker (or sent whole). */
  adopt(key: string, wire: WireBody): CachedBody {
    if ('inline' in wire) return this.set(key, wire.inline);
    this.meta.prime(key, wire.stored);
    const file = this.htmlFile(key);
    if (!this.keep) return this.expand(key, file, wire.stored);
    const html = readHtml(file, key, wire.stored.body, this.dir!);
    const value = { ...wire.stored, body: { ...stripBytes(wire.stored.body), html } };
    this.whole.set(key, value);
    return value;
  }

  private expand(key: string, file: string, stored: StoredBody): CachedBody {
    const sum = stored.body;
    const dir = this.dir!;
    const body: RenderedBody = {
      ...stripBytes(stored.body),
      get html(): string {
        return readHtml(file, key, sum, dir);
      },
    };
    return { ...stored, body };
  }

  private htmlFile(key: string): string {
    return this.meta.sibling(key, '.html')!;
  }
}

function stripBytes(b: StoredBody['body']): Omit<RenderedBody, 'html'> {
  const rest: Partial<StoredBody['body']> = { ...b };
  delete rest.htmlBytes;
  delete rest.htmlSum;
  return rest as Omit<RenderedBody, 'html'>;
}

type HtmlSum = Pick<StoredBody['body'], 'htmlBytes' | 'htmlSum'>;

/** The HTML file beside a record holds the bytes the record was stored with (a folder is removed). */
function intact(file: string, key: string, sum: HtmlSum): boolean {
  try {
    const buf = readFileSync(file);
    return buf.length === sum.htmlBytes && checksum(key, buf) === sum.htmlSum;
  } catch {
    clearFolderSync(file);
    return false;
  }
}

/**
 * The HTML of a body, read when its page renders. It was there, whole, when the body was looked
 * up: if it is gone or changed since (`.cache/` deleted during the build), the build stops rather
 * than publish a wrong page; the previous output stays as it was.
 */
function readHtml(file: string, key: string, sum: HtmlSum, cacheDir: string): string {
  let buf: Buffer | undefined;
  try {
    buf = readFileSync(file);
  } catch {
    buf = undefined;
  }
  if (!buf || buf.length !== sum.htmlBytes || checksum(key, buf) !== sum.htmlSum)
    throw new BuildFailure(
      [
        error(
          'cache/changed',
          `The cached body ${file} was removed or changed while the build was running. Run the build again. ${cacheHint(cacheDir)}`,
        ),
      ],
      'render',
    );
  return buf.toString('utf8');
}
