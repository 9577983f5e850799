import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * Write a cache file through a temporary name and a rename, so a concurrent build or a crash never
 * leaves half a file under the real name. False when it could not be written (read-only disk,
 * ENOSPC): a cache that cannot be written only costs speed.
 */
export function saveAtomicallySync(file: string, data: string | Uint8Array): boolean {
  try {
    const tmp = tempName(file);
    try {
      writeFileSync(tmp, data);
    } catch (error) {
      // The folder is created on first use only: a cold build writes thousands of cache files,
      // and a mkdir before each would be a tenth of a Markdown worker's file-system time.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(tmp, data);
    }
    renameSync(tmp, file);
    return true;
  } catch {
    return false;
  }
}

/** saveAtomicallySync, without blocking (image variants, social cards). */
export async function saveAtomically(file: string, data: string | Uint8Array): Promise<boolean> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = tempName(file);
    await writeFile(tmp, data);
    await rename(tmp, file);
    return true;
  } catch {
    return false;
  }
}

/** Unique per process, thread and write: concurrent builds and a build's workers never share one. */
let written = 0;
const tempName = (file: string) =>
  `${file}.${process.pid}-${threadId}-${(written++).toString(36)}.tmp`;
