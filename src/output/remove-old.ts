import { spawn } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/** A previous output with at least this many files is removed by a background process. */
export const BACKGROUND_REMOVAL_FILES = 2_000;

/**
 * Remove the previous output after a publish has swapped it out, with any earlier ones whose
 * removal was cut short (the machine stopped, the background process was killed).
 *
 * Removing a large output took 0.7–0.8 s of a one-post edit at 4,000 posts (~9,500 files and
 * 4,500 folders), at the very end of the build, where nothing else can run beside it. Nothing
 * needs that folder any more: it is already out of the output's place, under a hidden name of its
 * own. So a large one is handed to a detached `node` process and the build returns. A small one,
 * or one the process could not be started for, is removed before returning as before.
 */
export async function removeOldOutputs(
  outPath: string,
  old: string,
  files: number,
  threshold = BACKGROUND_REMOVAL_FILES,
): Promise<void> {
  const folders = [old, ...(await leftovers(outPath, old))];
  await removeFolders(folders, files >= threshold);
}

/** Remove folders, by a detached process if `background` (and it can be started). */
export async function removeFolders(folders: string[], background: boolean): Promise<void> {
  if (background && removeInBackground(folders)) return;
  await Promise.all(
    folders.map((f) => rm(f, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })),
  );
}

/** `.<out>.colophon-tmp-*-old` beside the output: swapped-out outputs nobody finished removing. */
async function leftovers(outPath: string, current: string): Promise<string[]> {
  const parent = path.dirname(outPath);
  const prefix = `.${path.basename(outPath)}.colophon-tmp-`;
  try {
    return (await readdir(parent))
      .filter((n) => n.startsWith(prefix) && n.endsWith('-old'))
      .map((n) => path.join(parent, n))
      .filter((p) => p !== current);
  } catch {
    return [];
  }
}

/** Each argument removed in turn; errors are ignored (a later publish sweeps what is left). */
const REMOVER =
  "const fs = require('node:fs'); for (const f of process.argv.slice(1)) { try { fs.rmSync(f, { recursive: true, force: true, maxRetries: 5 }); } catch {} }";

function removeInBackground(folders: string[]): boolean {
  try {
    const child = spawn(process.execPath, ['-e', REMOVER, ...folders], {
      detached: true,
      stdio: 'ignore',
      windowsHide: true,
      // Not the build's own flags (--cpu-prof, --inspect, loaders): a plain node.
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    // A failure to start comes later as an event; the folders stay for the next publish's sweep.
    child.on('error', () => undefined);
    child.unref();
    return child.pid !== undefined;
  } catch {
    return false;
  }
}
