import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { warning, type Diagnostic } from '../diagnostics/index.js';
import { isInside, relPosix } from '../util/paths.js';

export interface StaticFile {
  /** Output path relative to the output folder. */
  rel: string;
  abs: string;
  /** Project-relative source, for messages. */
  source: string;
}

/**
 * Files of public/ folders, in layer order (the default theme's, then the site's): a later layer
 * overrides an earlier one file by file. Symlinks leaving the project are skipped with a warning.
 */
export async function listPublic(
  layers: readonly string[],
  root: string,
): Promise<{ files: StaticFile[]; diagnostics: Diagnostic[] }> {
  const byRel = new Map<string, StaticFile>();
  const diagnostics: Diagnostic[] = [];
  const realRoot = await realpath(root);
  for (const dir of layers) {
    const realDir = await realpath(dir).catch(() => null);
    if (!realDir) continue;
    const walk = async (d: string): Promise<void> => {
      for (const name of (await readdir(d)).sort()) {
        if (name === '.DS_Store' || name === '.gitkeep') continue;
        const abs = path.join(d, name);
        let st = await lstat(abs);
        if (st.isSymbolicLink()) {
          const target = await realpath(abs).catch(() => null);
          if (!target || !(isInside(realRoot, target) || isInside(realDir, target))) {
            diagnostics.push(
              warning(
                'public/symlink-outside',
                `Symlink ${relPosix(root, abs)} leads outside the project and is not copied. Copy the file into public/ instead.`,
              ),
            );
            continue;
          }
          st = await lstat(target);
        }
        if (st.isDirectory()) await walk(abs);
        else if (st.isFile()) {
          const rel = path.relative(dir, abs).split(path.sep).join('/');
          byRel.set(rel, { rel, abs, source: relPosix(root, abs) });
        }
      }
    };
    await walk(dir);
  }
  const files = [...byRel.values()].sort((a, b) => (a.rel < b.rel ? -1 : 1));
  return { files, diagnostics };
}
