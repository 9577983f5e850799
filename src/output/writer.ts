import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unsafeOutputPath } from './safety.js';

export interface WriteStats {
  written: number;
  unchanged: number;
}

/**
 * Where pages go. Two implementations: a staged folder published atomically (`build`,
 * staged-writer.ts) and a live folder updated file by file (`serve`, below). Both write a file
 * only when its bytes changed.
 */
export interface OutputWriter {
  readonly stats: WriteStats;
  write(rel: string, data: string | Uint8Array): Promise<void>;
  copy(rel: string, srcAbs: string): Promise<void>;
  remove(rel: string): Promise<void>;
  /** `size:mtimeMs` of a file this build wrote or kept (see ManifestEntry.stamp). */
  stampOf?(rel: string): Promise<string | undefined>;
  /**
   * `serve`'s live folder only: `rel` will be written later (an image variant being encoded);
   * until then it counts as produced (and, the first time, as changed), and a request for it gets
   * the file at `srcAbs`.
   */
  standIn?(rel: string, srcAbs: string): void;
  /** The source standing in for `rel`, while it does: a later write of it is still wanted. */
  standInFor?(rel: string): string | undefined;
}

export const stampOfStats = (st: { size: number; mtimeMs: number }) => `${st.size}:${st.mtimeMs}`;

export function check(rel: string): void {
  const why = unsafeOutputPath(rel);
  if (why) throw new UnsafePathError(rel, why);
}

/** A write attempted after the build was aborted (a failure elsewhere, or SIGINT/SIGTERM). */
export class BuildAbortedError extends Error {
  constructor(readonly outPath: string) {
    super(`The build of ${outPath} was aborted; nothing more is written.`);
    this.name = 'BuildAbortedError';
  }
}

export class UnsafePathError extends Error {
  constructor(
    readonly rel: string,
    readonly why: string,
  ) {
    super(`Refusing to write "${rel}": ${why}.`);
  }
}

export async function sameBytes(file: string, data: Uint8Array): Promise<boolean> {
  try {
    const st = await stat(file);
    if (!st.isFile() || st.size !== data.byteLength) return false;
    return Buffer.compare(await readFile(file), data) === 0;
  } catch {
    return false;
  }
}

/**
 * An operation on `abs`, whose failure names `abs`: write(2) and friends report ENOSPC, EDQUOT or
 * EFBIG with no path, and "no space left in write" does not say where.
 */
export function onPath<T>(abs: string, op: Promise<T>): Promise<T> {
  return op.catch((e: unknown) => {
    const sys = e as NodeJS.ErrnoException;
    if (e instanceof Error && typeof sys.code === 'string' && !sys.path) sys.path = abs;
    throw e;
  });
}

export const toBytes = (d: string | Uint8Array) => (typeof d === 'string' ? Buffer.from(d) : d);

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
    const tmp = tempName(abs);
    await onPath(tmp, writeFile(tmp, bytes));
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

let temps = 0;
/**
 * A temporary name beside `abs` that does not grow with its name: `<name>.<pid>.tmp` could not
 * exist for a 255-byte file name (ENAMETOOLONG), although the file itself can.
 */
export function tempName(abs: string): string {
  return path.join(path.dirname(abs), `.colophon-${process.pid}-${++temps}.tmp`);
}
