import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unsafeOutputPath } from './safety.js';

export interface WriteStats {
  written: number;
  unchanged: number;
}

/**
 * Where pages go. Two implementations: a staged folder published atomically (`build`) and a live
 * folder updated file by file (`serve`). Both write a file only when its bytes changed.
 */
export interface OutputWriter {
  readonly stats: WriteStats;
  write(rel: string, data: string | Uint8Array): Promise<void>;
  copy(rel: string, srcAbs: string): Promise<void>;
  remove(rel: string): Promise<void>;
}

function check(rel: string): void {
  const why = unsafeOutputPath(rel);
  if (why) throw new UnsafePathError(rel, why);
}

export class UnsafePathError extends Error {
  constructor(
    readonly rel: string,
    readonly why: string,
  ) {
    super(`Refusing to write "${rel}": ${why}.`);
  }
}

async function sameBytes(file: string, data: Uint8Array): Promise<boolean> {
  try {
    const st = await stat(file);
    if (!st.isFile() || st.size !== data.byteLength) return false;
    return Buffer.compare(await readFile(file), data) === 0;
  } catch {
    return false;
  }
}

const toBytes = (d: string | Uint8Array) => (typeof d === 'string' ? Buffer.from(d) : d);

/**
 * Renders into `.<out>.colophon-tmp-*` beside the output. Files identical to the previous output
 * are hard-linked (no copy, mtime kept), others written fresh; `publish()` swaps the folders.
 * Any failure before publish leaves the previous output untouched; `abort()` removes the staging.
 */
export class StagedWriter implements OutputWriter {
  readonly stats: WriteStats = { written: 0, unchanged: 0 };
  readonly staging: string;
  private dirs = new Set<string>();

  constructor(readonly outPath: string) {
    this.staging = path.join(path.dirname(outPath), `.${path.basename(outPath)}.colophon-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  }

  async init(): Promise<void> {
    await mkdir(this.staging, { recursive: true });
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

  async write(rel: string, data: string | Uint8Array): Promise<void> {
    const abs = await this.target(rel);
    const bytes = toBytes(data);
    const old = path.join(this.outPath, rel);
    if (await sameBytes(old, bytes)) {
      try {
        await link(old, abs);
        this.stats.unchanged++;
        return;
      } catch {
        // Cross-device or unsupported: fall through and write.
      }
    }
    await writeFile(abs, bytes);
    this.stats.written++;
  }

  async copy(rel: string, srcAbs: string): Promise<void> {
    const abs = await this.target(rel);
    const old = path.join(this.outPath, rel);
    try {
      const [a, b] = await Promise.all([stat(old), stat(srcAbs)]);
      if (a.isFile() && a.size === b.size && Buffer.compare(await readFile(old), await readFile(srcAbs)) === 0) {
        await link(old, abs);
        this.stats.unchanged++;
        return;
      }
    } catch {
      // No previous file: copy.
    }
    await copyFile(srcAbs, abs);
    this.stats.written++;
  }

  async remove(): Promise<void> {
    // A staged build starts empty: nothing to remove.
  }

  /**
   * Reuse a page of the previous output without rendering it: only if its bytes still hash to
   * what the previous build recorded (someone may have edited dist/ by hand).
   */
  async linkPrevious(rel: string, expected: (bytes: Uint8Array) => boolean): Promise<boolean> {
    const old = path.join(this.outPath, rel);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(old);
    } catch {
      return false;
    }
    if (!expected(bytes)) return false;
    const abs = await this.target(rel);
    try {
      await link(old, abs);
    } catch {
      await writeFile(abs, bytes);
    }
    this.stats.unchanged++;
    return true;
  }

  /** Swap the staging folder in. The old output is moved aside first, then deleted. */
  async publish(): Promise<void> {
    const old = `${this.staging}-old`;
    let moved = false;
    try {
      await rename(this.outPath, old);
      moved = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    try {
      await rename(this.staging, this.outPath);
    } catch (e) {
      if (moved) await rename(old, this.outPath);
      throw e;
    }
    if (moved) await rm(old, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}

/**
 * For `serve`: writes straight into a live folder, each file through a temporary name and a
 * rename so the server never reads half a file.
 */
export class LiveWriter implements OutputWriter {
  readonly stats: WriteStats = { written: 0, unchanged: 0 };
  constructor(readonly dir: string) {}

  async write(rel: string, data: string | Uint8Array): Promise<void> {
    check(rel);
    const abs = path.join(this.dir, rel);
    const bytes = toBytes(data);
    if (await sameBytes(abs, bytes)) {
      this.stats.unchanged++;
      return;
    }
    await mkdir(path.dirname(abs), { recursive: true });
    const tmp = `${abs}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, abs);
    this.stats.written++;
  }

  async copy(rel: string, srcAbs: string): Promise<void> {
    await this.write(rel, await readFile(srcAbs));
  }

  async remove(rel: string): Promise<void> {
    check(rel);
    await rm(path.join(this.dir, rel), { force: true });
  }
}
