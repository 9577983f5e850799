import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { saveAtomically } from '../util/files.js';

/**
 * Every file under `.cache/` is checked before it is used: it carries a checksum of its bytes and
 * of the key it was stored under, so a truncated, zero-length, garbled file, or one swapped with
 * another entry's, is a miss (rebuilt, then overwritten), never published. A folder where a file
 * belongs is removed. The cache is only ever a way to go faster: deleting it is always safe.
 */
export function checksum(key: string, bytes: string | Uint8Array): string {
  return createHash('sha256').update(key).update('\0').update(bytes).digest('hex');
}

/** A record as stored: a first line with the checksum of the key and the payload, then the payload. */
export function sealRecord(key: string, payload: string): string {
  return `${checksum(key, payload)}\n${payload}`;
}

/** The payload of a sealed record, or undefined when it is not the one stored under `key`. */
export function openRecord(key: string, text: string): string | undefined {
  const nl = text.indexOf('\n');
  if (nl !== 64) return undefined;
  const payload = text.slice(nl + 1);
  return text.slice(0, nl) === checksum(key, payload) ? payload : undefined;
}

/** Reads a sealed record (sync), removing a folder found in its place. */
export function readRecordSync(file: string, key: string): string | undefined {
  try {
    return openRecord(key, readFileSync(file, 'utf8'));
  } catch (e) {
    removeIfFolderSync(file, e);
    return undefined;
  }
}

/** Reads a sealed record, removing a folder found in its place. */
export async function readRecord(file: string, key: string): Promise<string | undefined> {
  try {
    return openRecord(key, await readFile(file, 'utf8'));
  } catch (e) {
    await removeIfFolder(file, e);
    return undefined;
  }
}

/**
 * Binary entries (encoded images, social cards) are published byte for byte, so their checksum
 * is a file of its own beside them (`<file>.sum`). The bytes are returned only when they match:
 * the caller writes these very bytes, so what was checked is what is published.
 */
export async function readBlob(file: string, key: string): Promise<Buffer | undefined> {
  let bytes: Buffer;
  let sum: string;
  try {
    [bytes, sum] = await Promise.all([readFile(file), readFile(`${file}.sum`, 'utf8')]);
  } catch (e) {
    await removeIfFolder(file, e);
    await removeIfFolder(`${file}.sum`, e);
    return undefined;
  }
  if (sum === checksum(key, bytes)) return bytes;
  await rm(file, { force: true, recursive: true }).catch(() => undefined);
  return undefined;
}

/** Saves a binary entry and then its checksum (no checksum, no hit: a crash between is a miss). */
export async function saveBlob(file: string, key: string, bytes: Uint8Array): Promise<boolean> {
  await clearFolder(file);
  await clearFolder(`${file}.sum`);
  return (
    (await saveAtomically(file, bytes)) &&
    (await saveAtomically(`${file}.sum`, checksum(key, bytes)))
  );
}

/** Before writing: a folder where the file belongs would make every rename fail. */
export async function clearFolder(file: string): Promise<void> {
  await removeIfFolder(file, { code: 'EISDIR' });
}

export function clearFolderSync(file: string): void {
  removeIfFolderSync(file, { code: 'EISDIR' });
}

async function removeIfFolder(file: string, e: unknown): Promise<void> {
  if ((e as NodeJS.ErrnoException).code !== 'EISDIR') return;
  try {
    const st = statSync(file);
    if (st.isDirectory()) await rm(file, { recursive: true, force: true });
  } catch {
    // Gone already, or not ours to remove: a miss either way.
  }
}

function removeIfFolderSync(file: string, e: unknown): void {
  if ((e as NodeJS.ErrnoException).code !== 'EISDIR') return;
  try {
    if (statSync(file).isDirectory()) rmSync(file, { recursive: true, force: true });
  } catch {
    // As above.
  }
}
