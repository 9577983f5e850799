import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BACKGROUND_REMOVAL_FILES } from './remove-old.js';
import { holdsExactly, swapIn } from './swap.js';
import {
  BuildAbortedError,
  check,
  onPath,
  sameBytes,
  stampOfStats,
  toBytes,
  type OutputWriter,
  type WriteStats,
} from './writer.js';

/** How long `abort()` waits for writes in flight before removing the staging folder anyway. */
const ABORT_WAIT_MS = 10_000;

/**
 * Renders into `.<out>.colophon-tmp-*` beside the output. Files identical to the previous output
 * are hard-linked (no copy, mtime kept), others written fresh; `publish()` swaps the folders.
 * Any failure before publish leaves the previous output untouched; `abort()` removes the staging.
 *
 * The staging folder is created on the first file that differs from the previous output. Until
 * then identical files are only remembered: a build that changes nothing (the common warm build)
 * links, renames and deletes nothing (at 4,000 posts, staging would be ~10,000 links and as many
 * unlinks).
 * `publish()` then checks that the previous output holds exactly the remembered files; if not
 * (a stale file, a missing one), it stages them after all and swaps as usual.
 */
export class StagedWriter implements OutputWriter {
  readonly stats: WriteStats = { written: 0, unchanged: 0 };
  readonly staging: string;
  private dirs = new Set<string>();
  /** Files identical in the previous output, while nothing differs; null once staging exists. */
  private unchangedOnly: Set<string> | null = new Set();
  private staged: Promise<void> | undefined;
  /**
   * Operations that may still create files under the staging folder. Pages render 16 at a time:
   * when one fails (or a signal arrives) the others are still writing, and removing the folder
   * under them failed with ENOTEMPTY (a crash that hid the real error) or let a late `mkdir -p`
   * recreate it, leaving a `.colophon-tmp-*` folder behind. `abort()` refuses new operations,
   * waits for these, then removes the folder.
   */
  private pending = new Set<Promise<unknown>>();
  private aborting: Promise<void> | undefined;
  /** The swap has begun (and, once begun, is finished even by an abort). */
  published = false;

  constructor(
    readonly outPath: string,
    /** From how many files the previous output is removed in the background (remove-old.ts). */
    private readonly backgroundRemovalFiles = BACKGROUND_REMOVAL_FILES,
  ) {
    this.staging = path.join(
      path.dirname(outPath),
      `.${path.basename(outPath)}.colophon-tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
    );
  }

  /** Run an operation that writes into the staging folder (also from outside, e.g. the search index). */
  track<T>(fn: () => Promise<T>): Promise<T> {
    if (this.aborting) return Promise.reject(new BuildAbortedError(this.outPath));
    const p = fn();
    this.pending.add(p);
    const done = () => this.pending.delete(p);
    p.then(done, done);
    return p;
  }

  init(): Promise<void> {
    // The staging folder is made on the first difference (see the class comment).
    return Promise.resolve();
  }

  /**
   * Create the staging folder and link into it every file remembered as unchanged so far. Called
   * on the first difference, before anything writes into `staging` from outside, and by publish.
   */
  materialize(): Promise<void> {
    this.staged ??= this.track(async () => {
      const remembered = this.unchangedOnly ?? new Set<string>();
      this.unchangedOnly = null;
      await mkdir(this.staging, { recursive: true });
      for (const rel of remembered) {
        const abs = await this.target(rel);
        const old = path.join(this.outPath, rel);
        await link(old, abs).catch(() => copyFile(old, abs));
      }
    });
    return this.staged;
  }

  /** An unchanged file: remembered while nothing differs, linked into staging afterwards. */
  private async keep(rel: string): Promise<void> {
    check(rel);
    this.stats.unchanged++;
    if (this.unchangedOnly) {
      this.unchangedOnly.add(rel);
      return;
    }
    await this.materialize();
    const abs = await this.target(rel);
    const old = path.join(this.outPath, rel);
    await link(old, abs).catch(() => copyFile(old, abs));
  }

  /**
   * Keep a whole folder of the previous output (e.g. a reused search index), but for the paths
   * under `exclude` (output-relative prefixes). False when the previous output has no such folder.
   */
  keepTree(relDir: string, exclude: readonly string[] = []): Promise<boolean> {
    return this.track(async () => {
      let entries;
      try {
        entries = await readdir(path.join(this.outPath, relDir), {
          withFileTypes: true,
          recursive: true,
        });
      } catch {
        return false;
      }
      for (const e of entries) {
        if (e.isDirectory()) continue;
        const rel = path
          .relative(this.outPath, path.join(e.parentPath, e.name))
          .split(path.sep)
          .join('/');
        if (!exclude.some((prefix) => rel.startsWith(prefix))) await this.keep(rel);
      }
      return true;
    });
  }

  private async target(rel: string): Promise<string> {
    check(rel);
    const abs = path.join(this.staging, rel);
    const dir = path.dirname(abs);
    if (!this.dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    return abs;
  }

  write(rel: string, data: string | Uint8Array): Promise<void> {
    return this.track(() => this.writeNow(rel, data));
  }

  private async writeNow(rel: string, data: string | Uint8Array): Promise<void> {
    check(rel);
    const bytes = toBytes(data);
    if (await sameBytes(path.join(this.outPath, rel), bytes)) return this.keep(rel);
    await this.materialize();
    const abs = await this.target(rel);
    await onPath(abs, writeFile(abs, bytes));
    this.stats.written++;
  }

  copy(rel: string, srcAbs: string): Promise<void> {
    return this.track(() => this.copyNow(rel, srcAbs));
  }

  private async copyNow(rel: string, srcAbs: string): Promise<void> {
    check(rel);
    const old = path.join(this.outPath, rel);
    let same = false;
    try {
      const [a, b] = await Promise.all([stat(old), stat(srcAbs)]);
      same =
        a.isFile() &&
        a.size === b.size &&
        Buffer.compare(await readFile(old), await readFile(srcAbs)) === 0;
    } catch {
      // No previous file: copy.
    }
    if (same) return this.keep(rel);
    await this.materialize();
    const abs = await this.target(rel);
    await onPath(abs, copyFile(srcAbs, abs));
    this.stats.written++;
  }

  async remove(): Promise<void> {
    // A staged build starts empty: nothing to remove.
  }

  /**
   * Reuse a page of the previous output without rendering it: only if its bytes still hash to
   * what the previous build recorded (someone may have edited dist/ by hand).
   */
  linkPrevious(
    rel: string,
    expected: (bytes: Uint8Array) => boolean,
    stamp?: string,
  ): Promise<boolean> {
    return this.track(() => this.linkPreviousNow(rel, expected, stamp));
  }

  async stampOf(rel: string): Promise<string | undefined> {
    const where = this.unchangedOnly ? this.outPath : this.staging;
    try {
      return stampOfStats(await stat(path.join(where, rel)));
    } catch {
      return undefined;
    }
  }

  private async linkPreviousNow(
    rel: string,
    expected: (bytes: Uint8Array) => boolean,
    stamp: string | undefined,
  ): Promise<boolean> {
    const old = path.join(this.outPath, rel);
    if (stamp) {
      const st = await stat(old).catch(() => undefined);
      if (st?.isFile() && stampOfStats(st) === stamp) {
        await this.keep(rel);
        return true;
      }
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(old);
    } catch {
      return false;
    }
    if (!expected(bytes)) return false;
    await this.keep(rel);
    return true;
  }

  /**
   * Swap the staging folder in (swap.ts). Tracked like a write, so an interrupt waits for the swap
   * to finish (or to be undone) instead of cutting it.
   */
  publish(): Promise<void> {
    return this.track(async () => {
      // Nothing differed: done if the previous output holds exactly these files.
      if (this.unchangedOnly && (await holdsExactly(this.outPath, this.unchangedOnly))) return;
      await this.materialize();
      this.published = true;
      const files = this.stats.written + this.stats.unchanged;
      await swapIn(this.outPath, this.staging, files, this.backgroundRemovalFiles);
    });
  }

  /**
   * Give up: refuse further writes, wait (bounded) for those in flight, remove the staging folder.
   * Idempotent, so the failure path and a signal handler can both call it.
   */
  abort(): Promise<void> {
    this.aborting ??= (async () => {
      const settled = Promise.allSettled([...this.pending]);
      await Promise.race([settled, new Promise((r) => setTimeout(r, ABORT_WAIT_MS).unref())]);
      // ENOTEMPTY is retried: an operation that outlived the wait may still add a file.
      await rm(this.staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
      // A publish cut between its renames by an error (not a kill) already put the aside back.
      await rm(`${this.staging}-old`, {
        recursive: true,
        force: true,
        maxRetries: 5,
        retryDelay: 50,
      });
    })();
    return this.aborting;
  }
}
