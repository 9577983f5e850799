import { readFile } from 'node:fs/promises';
import { readRecord } from '../cache/integrity.js';
import { searchPartKey } from '../cache/keys.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { StagedWriter } from '../output/index.js';
import type { PagePlan } from '../routes/index.js';
import {
  assignShards,
  openSearchIndexer,
  shardCount,
  shardDir,
  SEARCH_DIR,
  SHARDS_FILE,
  type SearchIndexer,
  type ShardJob,
} from './pagefind.js';
import type { Timer } from '../util/timer.js';

/** What the stage needs of a written page: the hash of its bytes. */
export interface WrittenPage {
  out: string;
}

/** Written pages by output path. */
export type WrittenPages = Readonly<Record<string, WrittenPage>>;

export interface SearchStageInput {
  language: string;
  shards: 'auto' | number;
  /** Where the previous build's shard keys are (undefined: no cache, build every shard). */
  keyFile: string | undefined;
  /** The previous build's manifest: a page whose bytes differ from it marks its part as changed. */
  previous: WrittenPages;
}

export interface SearchStageResult {
  diagnostics: Diagnostic[];
  /** Key per shard, to store for the next build. */
  keys: string[];
  stats: { shards: number; built: number; kept: number };
}

/**
 * The search stage of a build: which parts of the index changed (a part's key covers the bytes of
 * its pages), rebuild those into the staging folder, and link the others from the previous
 * output. Unchanged pages mean an unchanged part, so a warm build does no search work at all.
 *
 * A split index is built while the unchanged pages are still being linked: the stage ranks pages
 * for writePages (the parts a rendered page changed first, then part by part) and hears when each
 * page's bytes are final; once the changed pages are rendered, a changed part whose pages are all
 * final starts Pagefind on it. Pagefind runs in its own process, on the core the main thread
 * leaves idle while it links, so an edited post does not wait for its part (~2 s at 4,000 posts)
 * after everything else. One part (a small site) is Pagefind over the whole output folder, after
 * everything.
 */
export class SearchStage {
  private count = 1;
  private parts: string[][] = [];
  private readonly partOf = new Map<string, number>();
  private left: number[] = [];
  private readonly outs = new Map<string, string>();
  /** Parts with a page whose bytes changed: ranked first. */
  private readonly changed = new Set<number>();
  /** Parts started while pages were written, with the key of what they indexed. */
  private readonly early = new Map<number, { key: string; done: Promise<Diagnostic[]> }>();
  private previousKeys: string[] = [];
  private version = 'unknown';
  private indexer: Promise<SearchIndexer | Diagnostic[]> | undefined;
  /** `finish` was called: every page is written. */
  private finishing = false;
  /** Pages are being reused, not rendered: complete parts start at once. */
  private linking = false;
  /** Parts whose pages are all final, not started yet. */
  private readonly complete: number[] = [];

  constructor(
    private readonly writer: StagedWriter,
    private readonly timer: Timer,
    private readonly input: SearchStageInput,
  ) {}

  /** The pages are planned, none written yet: which part each searchable page belongs to. */
  async planned(plans: readonly PagePlan[]): Promise<void> {
    const searchable = plans.filter((p) => p.kind === 'html' && p.searchable).map((p) => p.outPath);
    this.count = shardCount(searchable.length, this.input.shards);
    [this.version, this.previousKeys] = await Promise.all([
      pagefindVersion(),
      this.input.keyFile ? readKeys(this.input.keyFile) : [],
    ]);
    if (this.count === 1) return;
    this.parts = assignShards(searchable, this.count);
    this.parts.forEach((pages, i) => pages.forEach((p) => this.partOf.set(p, i)));
    this.left = this.parts.map((pages) => pages.length);
  }

  /** Rank of a page: parts known to change, then the other parts in order, then other pages. */
  order(outPath: string): number {
    const i = this.partOf.get(outPath);
    if (i === undefined) return 2 * this.count;
    return this.changed.has(i) ? i : this.count + i;
  }

  /** A page's final bytes are in the writer; the last page of a changed part starts building it. */
  settled(outPath: string, entry: WrittenPage): void {
    const i = this.partOf.get(outPath);
    if (i === undefined) return;
    this.outs.set(outPath, entry.out);
    if (entry.out !== this.input.previous[outPath]?.out) this.changed.add(i);
    this.left[i]!--;
    if (this.left[i] !== 0) return;
    this.complete.push(i);
    if (this.linking) this.startComplete();
  }

  /**
   * The changed pages are rendered; the others are being linked: parts whose pages are all final
   * may start. Not before: while the main thread renders (every page of a cold build), Pagefind
   * would take its core and its reads would add to the heap the renders are filling (a cold build
   * at 4,000 posts peaked at ~1.1 GB instead of ~0.9 GB, and was no faster).
   */
  reusing(): void {
    this.linking = true;
    this.startComplete();
  }

  private startComplete(): void {
    for (const i of this.complete.splice(0)) {
      const key = this.keyOf(i, this.parts[i]!, (p) => this.outs.get(p) ?? '');
      if (key === this.previousKeys[i]) continue;
      const done = this.build([{ index: i, pages: this.parts[i]! }]);
      done.catch(() => undefined); // awaited (and thrown) in finish; not an unhandled rejection
      this.early.set(i, { key, done });
    }
  }

  /**
   * Every page is written: build the changed parts not built yet, wait for those that are, link the
   * unchanged ones from the previous output, and write the list of parts.
   */
  async finish(manifest: WrittenPages): Promise<SearchStageResult> {
    this.finishing = true;
    const count = this.count;
    // One part: Pagefind reads the whole output folder, as it always did (every page counts).
    const parts =
      count === 1
        ? [
            Object.keys(manifest)
              .filter((p) => p.endsWith('.html'))
              .sort(),
          ]
        : this.parts;
    const keys = parts.map((pages, i) => this.keyOf(i, pages, (p) => manifest[p]?.out ?? ''));
    const jobFor = (i: number): ShardJob =>
      count === 1 ? { index: 0 } : { index: i, pages: parts[i]! };
    const { jobs, started, kept } = this.sort(keys, jobFor);
    const rebuilt = jobs.length + started.length;
    // Every page is written: the main thread is free, Pagefind may take every core.
    const opened = await this.indexer;
    if (opened && !Array.isArray(opened)) opened.widen();
    // The stage's time is the wait after the pages: parts started early were built meanwhile.
    const timed = (fn: () => Promise<Diagnostic[]>) => this.timer.time('search', fn);
    try {
      // Kept parts are linked from the previous output while Pagefind builds the others (the
      // parts' folders are disjoint).
      const keeping = this.keep(kept, rebuilt > 0, jobFor);
      keeping.catch(() => undefined); // awaited below, unless a build failed first
      const diagnostics = rebuilt
        ? await timed(async () => [
            ...(await Promise.all(started)).flat(),
            ...(jobs.length ? await this.build(jobs) : []),
          ])
        : [];
      const missing = await keeping;
      if (missing.length && !diagnostics.length)
        diagnostics.push(...(await timed(() => this.build(missing))));
      const built = rebuilt + missing.length;
      if (built && !diagnostics.length) {
        const ix = await this.indexer!;
        if (!Array.isArray(ix)) await ix.writeShardList(count);
      }
      const stats = { shards: count, built, kept: count - built };
      return { diagnostics: diagnostics.slice(0, 1), keys, stats };
    } finally {
      await this.close();
    }
  }

  /** Each part: built early (wait for it), unchanged (keep it), or to build now. */
  private sort(keys: readonly string[], jobFor: (i: number) => ShardJob) {
    const jobs: ShardJob[] = [];
    const started: Promise<Diagnostic[]>[] = [];
    const kept: number[] = [];
    for (const [i, key] of keys.entries()) {
      const early = this.early.get(i);
      if (early && early.key !== key)
        throw new Error(`Search part ${i} was indexed from pages that changed after it started.`);
      if (early) started.push(early.done);
      else if (this.previousKeys[i] === key) kept.push(i);
      else jobs.push(jobFor(i));
    }
    return { jobs, started, kept };
  }

  /**
   * Link the kept parts from the previous output; the parts missing there (deleted by hand) are
   * returned, to build.
   */
  private async keep(
    kept: readonly number[],
    rebuilding: boolean,
    jobFor: (i: number) => ShardJob,
  ): Promise<ShardJob[]> {
    const missing = await Promise.all(
      kept.map(async (i): Promise<ShardJob | undefined> => {
        // Shard 0's folder holds the other parts and shards.json (written again by any build).
        const exclude =
          i === 0
            ? [
                ...(this.count > 1 ? [`${SEARCH_DIR}/shard/`] : []),
                ...(rebuilding ? [`${SEARCH_DIR}/${SHARDS_FILE}`] : []),
              ]
            : [];
        const ok = await this.writer.keepTree(shardDir(i), exclude);
        return ok ? undefined : jobFor(i);
      }),
    );
    return missing.filter((j): j is ShardJob => j !== undefined);
  }

  /**
   * Stop Pagefind, if it was started: parts in progress fail, queued ones never start, and
   * `close` returns once none is running. A failed build calls this before removing its staging
   * folder, so no part writes into a folder that is gone.
   */
  async close(): Promise<void> {
    const ix = await this.indexer;
    if (ix && !Array.isArray(ix)) await ix.close();
    await Promise.allSettled([...this.early.values()].map((e) => e.done));
  }

  private keyOf(i: number, pages: readonly string[], out: (page: string) => string): string {
    return searchPartKey(this.version, this.input.language, i, this.count, pages, out);
  }

  private build(jobs: readonly ShardJob[]): Promise<Diagnostic[]> {
    return this.writer.track(async () => {
      this.indexer ??= openSearchIndexer(this.writer.staging, this.input.language);
      const ix = await this.indexer;
      if (Array.isArray(ix)) return ix;
      if (this.finishing) ix.widen();
      await this.writer.materialize();
      return (await Promise.all(jobs.map((j) => ix.build(j)))).flat();
    });
  }
}

async function readKeys(file: string): Promise<string[]> {
  try {
    const text = await readRecord(file, 'search');
    if (text === undefined) return [];
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** Part of every shard's key: a Pagefind upgrade rebuilds the index. */
async function pagefindVersion(): Promise<string> {
  try {
    const pkg = new URL('../package.json', import.meta.resolve('pagefind'));
    return (JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
