import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  onPath,
  tempName,
  unsafeOutputPath,
  type OutputWriter,
  type WriteStats,
} from '../output/index.js';
import { hash } from '../util/hash.js';

/**
 * The live output folder of a `serve` session. Like the build's writers it writes a file only
 * when its bytes changed (through a temporary name and a rename, so the server never reads half a
 * file), but it compares against the hash of what it wrote last instead of reading the file
 * back, and it records, per rebuild, every path produced and every path whose bytes changed:
 * exactly the URLs to tell the browser about.
 */
export class SessionWriter implements OutputWriter {
  readonly stats: WriteStats = { written: 0, unchanged: 0 };
  /** Paths written or copied since `begin()`. */
  produced = new Set<string>();
  /** Paths whose bytes changed (or that were removed) since `begin()`. */
  changed = new Set<string>();
  private readonly hashes = new Map<string, string>();
  private readonly dirs = new Set<string>();
  /** rel -> source path and its stat signature when it was last copied. */
  private readonly copies = new Map<string, string>();
  /** rel -> the file served in its place until it is written (standIn). */
  private readonly standIns = new Map<string, string>();

  constructor(readonly dir: string) {}

  begin(): void {
    this.produced = new Set();
    this.changed = new Set();
    this.stats.written = 0;
    this.stats.unchanged = 0;
  }

  async write(rel: string, data: string | Uint8Array): Promise<void> {
    check(rel);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const h = hash(bytes);
    this.produced.add(rel);
    this.copies.delete(rel);
    this.standIns.delete(rel);
    if (this.hashes.get(rel) === h) {
      this.stats.unchanged++;
      return;
    }
    const abs = path.join(this.dir, rel);
    const dir = path.dirname(abs);
    if (!this.dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    const tmp = tempName(abs);
    await onPath(tmp, writeFile(tmp, bytes));
    await rename(tmp, abs);
    this.hashes.set(rel, h);
    this.changed.add(rel);
    this.stats.written++;
  }

  /**
   * Copy a file (public/, bundle files). A source already copied to this path and unchanged since
   * (same inode, size and mtime, and not named by the watcher) is not read again.
   */
  async copy(rel: string, srcAbs: string): Promise<void> {
    const st = await stat(srcAbs);
    const sig = `${srcAbs}\u0000${st.ino}:${st.size}:${st.mtimeMs}`;
    if (this.copies.get(rel) === sig && this.hashes.has(rel)) {
      this.produced.add(rel);
      this.stats.unchanged++;
      return;
    }
    await this.write(rel, await readFile(srcAbs));
    this.copies.set(rel, sig);
  }

  standIn(rel: string, srcAbs: string): void {
    check(rel);
    this.produced.add(rel);
    if (this.hashes.has(rel)) return;
    // A URL that starts answering is a change, as in the full build's output.
    if (!this.standIns.has(rel)) this.changed.add(rel);
    this.standIns.set(rel, srcAbs);
  }

  /** The file to serve for `rel` while it is not written yet. */
  standInFor(rel: string): string | undefined {
    return this.standIns.get(rel);
  }

  /** Files the watcher reported: copy them again even if their size and mtime look the same. */
  sourcesChanged(absPaths: readonly string[]): void {
    const changed = new Set(absPaths);
    for (const [rel, sig] of this.copies)
      if (changed.has(sig.slice(0, sig.indexOf('\u0000')))) this.copies.delete(rel);
  }

  async remove(rel: string): Promise<void> {
    check(rel);
    await rm(path.join(this.dir, rel), { force: true });
    this.hashes.delete(rel);
    this.copies.delete(rel);
    this.standIns.delete(rel);
    this.changed.add(rel);
  }
}

function check(rel: string): void {
  const why = unsafeOutputPath(rel);
  if (why) throw new Error(`Refusing to write "${rel}": ${why}.`);
}
