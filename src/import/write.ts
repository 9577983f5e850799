import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/**
 * Writing DEST: every file goes into a staging folder beside DEST, which then becomes DEST in one
 * rename, so a failed import leaves nothing half-written. DEST must not exist or be empty.
 */

export interface OutFile {
  /** DEST-relative POSIX path. */
  path: string;
  text?: string;
  /** Absolute file to copy. */
  copy?: string;
}

/** Why DEST cannot be written, or undefined when it can. */
export function destProblem(dest: string, src: string): string | undefined {
  const abs = path.resolve(dest);
  const srcAbs = path.resolve(src);
  if (abs === srcAbs || abs.startsWith(srcAbs + path.sep))
    return `DEST (${dest}) is inside SRC; the importer never writes into the site it reads. Choose a folder outside it.`;
  const st = statSync(abs, { throwIfNoEntry: false });
  if (!st) return undefined;
  if (!st.isDirectory()) return `DEST (${dest}) is a file. Give a new folder, or an empty one.`;
  if (readdirSync(abs).length)
    return `DEST (${dest}) is not empty. Give a new folder, or an empty one: the import never mixes with existing files.`;
  return undefined;
}

export function writeDest(dest: string, files: readonly OutFile[]): void {
  const abs = path.resolve(dest);
  const staging = `${abs}.colophon-import-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const f of files) {
      const out = path.join(staging, ...f.path.split('/'));
      mkdirSync(path.dirname(out), { recursive: true });
      if (f.copy) copyFileSync(f.copy, out);
      else writeFileSync(out, f.text ?? '');
    }
    if (statSync(abs, { throwIfNoEntry: false })) rmdirSync(abs);
    renameSync(staging, abs);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}
