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

/** Rename the spare into the staging folder's place. False when there is no spare. */
export async function takeSpare(spare: string, staging: string): Promise<boolean> {
  try {
    await rename(spare, staging);
  } catch {
    return false;
  }
  await rm(path.join(staging, MARKER), { force: true });
  return true;
}

/** A path another program writes into the staging folder, but for the paths under `exclude`. */
export interface External {
  rel: string;
  exclude: readonly string[];
}

const under = (rel: string, prefix: string) =>
  rel === prefix || rel.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);

/**
 * Empty what the spare has at an external path (a file, or a folder but for the excluded
 * paths), so that the program's files are all new: it may write into a file in place, and the
 * spare's files may be links to the live output's.
 */
export async function clearExternal(staging: string, ext: External): Promise<void> {
  const clear = async (rel: string): Promise<void> => {
    if (!ext.exclude.some((x) => under(x, rel) || under(rel, x))) {
      await rm(path.join(staging, rel), { recursive: true, force: true });
      return;
    }
    if (ext.exclude.some((x) => under(rel, x))) return;
    // An excluded path lies below: clear around it.
    const names = await readdir(path.join(staging, rel)).catch(() => [] as string[]);
    await Promise.all(names.map((n) => clear(`${rel}/${n}`)));
  };
  await clear(ext.rel);
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
 * holds output-relative paths with `/`; what lies under an external path (but its excluded
 * paths) was cleared when it was declared, so everything there is this build's.
 */
export async function prune(
  staging: string,
  produced: ReadonlySet<string>,
  externals: readonly External[],
): Promise<void> {
  const dirs = new Set<string>();
  const addParents = (rel: string) => {
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) dirs.add(rel.slice(0, i));
  };
  for (const rel of produced) addParents(rel);
  for (const ext of externals) addParents(ext.rel);
  const external = (rel: string) =>
    externals.some((x) => under(rel, x.rel) && !x.exclude.some((e) => under(rel, e)));
  const entries = await readdir(staging, { withFileTypes: true, recursive: true });
  const doomed: string[] = [];
  for (const e of entries) {
    const rel = path.relative(staging, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    if (dirs.has(rel) || external(rel)) continue;
    if (e.isDirectory() || !produced.has(rel)) doomed.push(rel);
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
