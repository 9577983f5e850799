import { readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { killPoint } from '../util/fault.js';
import { removeOldOutputs } from './remove-old.js';

/**
 * Swap a staging folder in for the output: the old output is renamed aside (`…-aside`), the
 * staging folder renamed into its place, and the old one renamed again (`…-old`) and deleted (a
 * large one in the background: remove-old.ts). Between the two renames there is no output folder;
 * a build killed right there leaves the aside, which the next build puts back before anything else
 * (recover.ts): an output folder, whenever there is one, is always one whole build.
 */
export async function swapIn(
  outPath: string,
  staging: string,
  files: number,
  backgroundRemovalFiles: number,
): Promise<void> {
  killPoint('publish:staged');
  const aside = `${staging}-aside`;
  let moved = false;
  try {
    await rename(outPath, aside);
    moved = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  killPoint('publish:aside');
  try {
    await rename(staging, outPath);
  } catch (e) {
    if (moved) await rename(aside, outPath);
    throw e;
  }
  if (!moved) return;
  killPoint('publish:swapped');
  const old = `${staging}-old`;
  await rename(aside, old);
  killPoint('publish:old');
  await removeOldOutputs(outPath, old, files, backgroundRemovalFiles);
}

/** Whether a folder holds exactly these regular files (output-relative POSIX paths), no others. */
export async function holdsExactly(dir: string, files: ReadonlySet<string>): Promise<boolean> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return false;
  }
  let count = 0;
  for (const e of entries) {
    if (e.isDirectory()) continue;
    const rel = path.relative(dir, path.join(e.parentPath, e.name));
    if (!e.isFile() || !files.has(rel.split(path.sep).join('/'))) return false;
    count++;
  }
  return count === files.size;
}
