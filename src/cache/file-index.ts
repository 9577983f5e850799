import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { hash } from '../util/hash.js';

/**
 * What a build read, file by file, as git's index keeps it: the metadata that changes whenever a
 * file is written (size, mtime and ctime in nanoseconds, inode) and a hash of the bytes. A file
 * whose metadata match its record is not read again; otherwise its bytes are hashed, so a file
 * touched without a change (a fresh clone, `touch`, a branch switched back) is still the same.
 *
 * Metadata are trusted only for a file that was older than the index by more than `RACY_NS` when
 * the index was taken (git's "racy clean" rule): a file written again within the same timestamp
 * tick as its recorded mtime keeps that mtime, and only its bytes can tell.
 */
export interface FileStamp {
  size: number;
  /** Nanoseconds, as decimal strings (beyond a double's precision). */
  mtime: string;
  ctime: string;
  ino: string;
  /** `hash()` of the bytes. */
  hash: string;
}

export interface FileIndex {
  /** When the files were stat'ed (ns since the epoch): what the racy rule compares with. */
  takenAt: string;
  /** By path relative to the project root, '/'-separated. */
  files: Record<string, FileStamp>;
}

/**
 * Two seconds: coarser than any file system's timestamps (FAT's are 2 s, ext4/APFS/NTFS far
 * finer), so a file older than that cannot be written again with its recorded mtime.
 */
export const RACY_NS = 2_000_000_000n;

type Meta = Omit<FileStamp, 'hash'>;

/** Were a file's metadata still able to change without changing, when the index was taken? */
export function isRacy(meta: Meta, takenAt: bigint): boolean {
  const newest = BigInt(meta.mtime) > BigInt(meta.ctime) ? BigInt(meta.mtime) : BigInt(meta.ctime);
  return takenAt - newest < RACY_NS;
}

/** Can `now` be taken for the recorded file without reading it? */
export function sameByMetadata(recorded: FileStamp, now: Meta, takenAt: bigint): boolean {
  return (
    recorded.size === now.size &&
    recorded.mtime === now.mtime &&
    recorded.ctime === now.ctime &&
    recorded.ino === now.ino &&
    !isRacy(recorded, takenAt)
  );
}

/** The files under each folder (relative to `root`; missing folders are empty), and `extra` files. */
export async function listInputs(
  root: string,
  folders: readonly string[],
  extra: readonly string[],
): Promise<string[] | 'unsupported'> {
  const out: string[] = [];
  for (const folder of folders) {
    let entries;
    try {
      entries = await readdir(path.resolve(root, folder), { withFileTypes: true, recursive: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory()) continue;
      // A link to a folder is not walked: its files could change unseen.
      if (e.isSymbolicLink() && (await stat(path.join(e.parentPath, e.name))).isDirectory())
        return 'unsupported';
      out.push(toRel(root, path.join(e.parentPath, e.name)));
    }
  }
  for (const f of extra) if (await stat(path.join(root, f)).catch(() => null)) out.push(f);
  return out.sort();
}

const toRel = (root: string, abs: string) => path.relative(root, abs).split(path.sep).join('/');

/**
 * The index of `files` now: metadata of each, and its hash, taken from `previous` when the
 * metadata allow it and read otherwise. `changed` lists the files that differ from `previous`
 * (added, removed or with other bytes).
 */
export async function indexFiles(
  root: string,
  files: readonly string[],
  previous: FileIndex | undefined,
): Promise<{ index: FileIndex; changed: string[] }> {
  const takenAt = process.hrtime.bigint() + wallOffset();
  const prevAt = previous ? BigInt(previous.takenAt) : 0n;
  const index: FileIndex = { takenAt: String(takenAt), files: {} };
  const changed: string[] = [];
  const batch = 64;
  for (let i = 0; i < files.length; i += batch) {
    const stamps = await Promise.all(
      files.slice(i, i + batch).map(async (rel) => {
        const abs = path.join(root, rel);
        const meta = metaOf(await stat(abs, { bigint: true }));
        const was = previous?.files[rel];
        if (was && sameByMetadata(was, meta, prevAt)) return { ...meta, hash: was.hash };
        const stamp = { ...meta, hash: hash(await readFile(abs)) };
        if (stamp.hash !== was?.hash) changed.push(rel);
        return stamp;
      }),
    );
    stamps.forEach((s, k) => (index.files[files[i + k]!] = s));
  }
  for (const rel of Object.keys(previous?.files ?? {}))
    if (!(rel in index.files)) changed.push(rel);
  return { index, changed: changed.sort() };
}

function metaOf(st: {
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  ino: bigint;
}): Omit<FileStamp, 'hash'> {
  return {
    size: Number(st.size),
    mtime: String(st.mtimeNs),
    ctime: String(st.ctimeNs),
    ino: String(st.ino),
  };
}

/** hrtime is monotonic from an arbitrary origin: the offset that makes it wall-clock ns. */
let offset: bigint | undefined;
function wallOffset(): bigint {
  offset ??= BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();
  return offset;
}
