import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * Write a cache file through a temporary name and a rename, so a concurrent build or a crash never
 * leaves half a file under the real name. False when it could not be written (read-only disk,
 * ENOSPC): a cache that cannot be written only costs speed.
 */
export function saveAtomicallySync(file: string, data: string | Uint8Array): boolean {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = tempName(file);
    writeFileSync(tmp, data);
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

const tempName = (file: string) => `${file}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
