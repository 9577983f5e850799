import {
  link,
  copyFile,
  lstat,
  mkdir,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';

/**
 * The output before last, kept to become the next build's staging folder.
 *
 * Staging a large site from nothing costs a folder per page and a hard link per unchanged file
 * (at 4,000 posts: ~5,700 `mkdir`s and ~10,000 `link`s, ~1 s on our machines and several seconds
 * on a busy disk), and the swapped-out output must then be deleted (as many `unlink`s and
 * `rmdir`s). Instead, `publish()` moves the previous output here, and the next build renames it
 * into the staging folder's place and brings it up to date: a file that is already the same
 * inode as the current output's is left alone, any other is replaced (never written through:
 * its inode may be shared with the live output), and whatever this build did not produce is
 * removed before the swap. The folders already exist.
 *
 * It lives beside the output, named `.<out>.colophon-spare`, with a `.gitignore` of `*` so that
 * git does not list it (the same trick as pytest's and ruff's caches). Deleting it is always
 * safe: the next build stages from nothing.
 */
export const spareOf = (outPath: string): string =>
  path.join(path.dirname(outPath), `.${path.basename(outPath)}.colophon-spare`);

const MARKER = '.gitignore';

/**
 * Rename the spare into the staging folder's place. Folders listed in `fresh` (output-relative;
 * e.g. the search index, which Pagefind writes into by itself) are removed, so that nothing but
 * this build's own files can ever be there. False when there is no spare.
 */
export async function takeSpare(
  spare: string,
  staging: string,
  fresh: readonly string[],
): Promise<boolean> {
  try {
    await rename(spare, staging);
  } catch {
    return false;
  }
  await Promise.all(
    [MARKER, ...fresh].map((rel) => rm(path.join(staging, rel), { recursive: true, force: true })),
  );
  return true;
}

/** Make `abs` the same file as `old` (the current output's): linked, or copied across devices. */
export async function placeLink(old: string, abs: string): Promise<void> {
  const [here, there] = await Promise.all([lstat(abs).catch(() => undefined), stat(old)]);
  if (here?.isFile() && here.ino === there.ino && here.dev === there.dev) return;
  if (here) await rm(abs, { recursive: true, force: true });
  await link(old, abs).catch(() => copyFile(old, abs));
}

/** Remove whatever is at `abs`, so that the next write creates a new file (a new inode). */
export async function clearPath(abs: string): Promise<void> {
  await rm(abs, { recursive: true, force: true });
}

/**
 * `mkdir -p dir` inside the staging root, when a recycled tree may hold a file where a folder
 * must now be: such a file is removed and the folder made.
 */
export async function ensureDir(root: string, dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw e;
  }
  const parts = path.relative(root, dir).split(path.sep);
  for (let i = 1; i <= parts.length; i++) {
    const p = path.join(root, ...parts.slice(0, i));
    const st = await lstat(p).catch(() => undefined);
    if (st && !st.isDirectory()) await rm(p, { force: true });
  }
  await mkdir(dir, { recursive: true });
}

/**
 * Remove every file and folder of the staging folder that this build did not produce. `produced`
 * holds output-relative paths with `/`; folders under `fresh` were emptied when the spare was
 * taken, so everything in them is this build's.
 */
export async function prune(
  staging: string,
  produced: ReadonlySet<string>,
  fresh: readonly string[],
): Promise<void> {
  const dirs = new Set<string>();
  for (const rel of produced)
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) dirs.add(rel.slice(0, i));
  const entries = await readdir(staging, { withFileTypes: true, recursive: true });
  const doomed: string[] = [];
  for (const e of entries) {
    const rel = path.relative(staging, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    if (fresh.some((f) => rel === f || rel.startsWith(`${f}/`))) continue;
    if (e.isDirectory() ? !dirs.has(rel) : !produced.has(rel)) doomed.push(rel);
  }
  // A doomed folder goes with its contents; a path under it may already be gone.
  await Promise.all(
    doomed.map((rel) => rm(path.join(staging, rel), { recursive: true, force: true })),
  );
}

/** Move the swapped-out output to the spare's place. False if that is not possible. */
export async function keepAsSpare(old: string, spare: string): Promise<boolean> {
  try {
    await rename(old, spare);
  } catch {
    return false;
  }
  await writeFile(
    path.join(spare, MARKER),
    '# Colophon: a previous output, reused by the next build.\n*\n',
  ).catch(() => undefined);
  return true;
}
