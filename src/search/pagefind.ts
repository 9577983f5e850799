import os from 'node:os';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics/index.js';
import type * as Pagefind from 'pagefind';

export const SEARCH_DIR = 'pagefind';
/** Where shard i > 0 of a split index lives, inside SEARCH_DIR. */
export const shardDir = (i: number): string => (i === 0 ? SEARCH_DIR : `${SEARCH_DIR}/shard/${i}`);
/** Lists the shards to merge (relative to SEARCH_DIR); the theme's search.js reads it. */
export const SHARDS_FILE = 'shards.json';

/** Below this many searchable pages the index is one Pagefind bundle, as Pagefind makes it. */
const SPLIT_ABOVE = 1000;
/** A shard holds between this many pages and twice as many. */
const SHARD_PAGES = 250;

/**
 * How many parts the index is split into. Pagefind has no incremental mode: one changed page
 * re-indexes the whole site (21 s at 4,000 posts, and ~2 GB for the Pagefind process). Split
 * into parts by page, an edit re-indexes one part; the reader's browser merges the parts
 * (Pagefind's mergeIndex), which costs one small extra download per part on the first search.
 * A power of two, so the count changes (and every part is rebuilt) only when the site doubles.
 */
export function shardCount(pages: number, setting: 'auto' | number): number {
  if (setting !== 'auto') return setting;
  if (pages <= SPLIT_ABOVE) return 1;
  return 2 ** Math.floor(Math.log2(pages / SHARD_PAGES));
}

/** Pages (output paths) per shard: by a hash of the path, so a page stays in its shard. */
export function assignShards(pages: readonly string[], count: number): string[][] {
  const shards: string[][] = Array.from({ length: count }, () => []);
  for (const p of [...pages].sort()) {
    const i = count === 1 ? 0 : createHash('sha256').update(p).digest().readUInt32BE(0) % count;
    shards[i]!.push(p);
  }
  return shards;
}

/**
 * What Pagefind is given of a page in a split index: the page, with the highlighting `<span>`s
 * of code blocks removed. Pagefind indexes text and a span never splits a word, so the index is
 * the same (checked byte for byte on the 4,000-post benchmark); a long post with code is a third
 * of its size without them. A block with a `data-pagefind` attribute inside is left as it is.
 */
export function searchInput(html: string): string {
  return html.replace(/<pre\b[^>]*>[\s\S]*?<\/pre>/g, (pre) =>
    pre.includes('data-pagefind') ? pre : pre.replace(/<span\b[^>]*>|<\/span>/g, ''),
  );
}

/** One shard to (re)build: the pages it holds, or undefined for the whole output folder. */
export interface ShardJob {
  index: number;
  pages?: readonly string[];
}

/** Pagefind, open for one build: parts are built up to one per core at a time. */
export interface SearchIndexer {
  /** Build one part into `dir` (read from there too); resolves with its problems. */
  build(job: ShardJob): Promise<Diagnostic[]>;
  /** Write the list of parts (`shards.json`) once every part is built. */
  writeShardList(shards: number): Promise<void>;
  /** From one part at a time (pages still being written) to one per core. */
  widen(): void;
  /** Stop Pagefind's process. */
  close(): Promise<void>;
}

/**
 * Pagefind (its Node API; the binary comes from an optional npm dependency, nothing is
 * downloaded) over the built HTML in `dir`. Only elements marked `data-pagefind-body` are
 * indexed, and the theme marks them only on searchable pages: drafts, 404 and redirects are left
 * out. A part's pages go in sorted by path, so the index is the same on every run. Diagnostics
 * when Pagefind cannot be loaded.
 */
export async function openSearchIndexer(
  dir: string,
  language: string,
): Promise<SearchIndexer | Diagnostic[]> {
  let pagefind: typeof Pagefind;
  try {
    pagefind = await import('pagefind');
  } catch (e) {
    return [
      error(
        'search/unavailable',
        `Search index not built: Pagefind could not be loaded (${(e as Error).message}). Reinstall dependencies, or set search.enabled: false.`,
      ),
    ];
  }
  // Pagefind indexes one part on about one core; parts are independent folders (Pagefind never
  // clears its output folder, so part 0 may be written after the others), so a second lane
  // keeps the other core busy: 16 parts at 4,000 posts, 22.6 s -> 19.4 s.
  // While the main thread still renders pages, one lane: a second would take its core.
  const lanes = new Lanes(Math.max(1, Math.min(os.availableParallelism(), 4)));
  let closed = false;
  // After close, Pagefind's next `createIndex` would start a new process that nobody stops.
  const stopped = () => failed('was stopped', ['the build ended before this part was indexed']);
  return {
    async build(job) {
      if (closed) return stopped();
      await lanes.enter();
      try {
        return closed ? stopped() : await indexPart(pagefind, dir, language, job);
      } finally {
        lanes.leave();
      }
    },
    widen: () => lanes.widen(),
    async writeShardList(shards) {
      // Always written (an empty list for one part), so the reader's browser never asks in vain.
      const others = Array.from({ length: shards - 1 }, (_, i) => `shard/${i + 1}/`);
      // Through a new file: the old one may be a link to the previous output's (a kept shard 0).
      const file = path.join(dir, SEARCH_DIR, SHARDS_FILE);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, JSON.stringify({ shards: others }) + '\n');
      await rename(`${file}.tmp`, file);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pagefind.close();
      // Parts still queued see `closed` and return at once.
      lanes.open();
    },
  };
}

const failed = (what: string, errors: string[]): Diagnostic[] => [
  error('search/index-failed', `Pagefind ${what}: ${errors.join('; ')}.`),
];

/** Index one part (its pages, or the whole folder) and write its files. */
async function indexPart(
  pagefind: typeof Pagefind,
  dir: string,
  language: string,
  job: ShardJob,
): Promise<Diagnostic[]> {
  const { index, errors } = await pagefind.createIndex({
    forceLanguage: language.slice(0, 2),
    includeCharacters: '_$',
  });
  if (!index) return failed('failed', errors);
  if (!job.pages) {
    const added = await index.addDirectory({ path: dir, glob: '**/*.html' });
    if (added.errors.length) return failed('could not index the site', added.errors);
  } else {
    for (const rel of job.pages) {
      const html = await readFile(path.join(dir, rel), 'utf8');
      const added = await index.addHTMLFile({ sourcePath: rel, content: searchInput(html) });
      if (added.errors.length) return failed(`could not index ${rel}`, added.errors);
    }
  }
  const out = path.join(dir, shardDir(job.index));
  const written = await index.writeFiles({ outputPath: out });
  if (written.errors.length) return failed('could not write its files', written.errors);
  await index.deleteIndex();
  return [];
}

/** One part at a time until `widen`, then up to `lanes`; `open` lets every waiting part in. */
class Lanes {
  private limit = 1;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly lanes: number) {}

  enter(): Promise<void> {
    return new Promise<void>((go) => {
      this.waiting.push(go);
      this.next();
    });
  }
  leave(): void {
    this.running--;
    this.next();
  }
  widen(): void {
    this.limit = this.lanes;
    this.next();
  }
  open(): void {
    this.limit = Infinity;
    this.next();
  }
  private next(): void {
    while (this.running < this.limit && this.waiting.length) {
      this.running++;
      this.waiting.shift()!();
    }
  }
}
