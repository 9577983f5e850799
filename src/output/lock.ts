import { randomBytes } from 'node:crypto';
import { link, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from '../util/process-alive.js';

/**
 * One build per output folder at a time: a lock file beside it. A lock left by a process that no
 * longer exists (or whose pid now belongs to a process started after the lock) is taken over; a
 * live one makes us wait (bounded), so two builds never interleave their writes.
 *
 * A lock appears with its content: it is written under a temporary name and hard-linked into
 * place (which fails if a lock exists). So a lock file without a pid is never one being written:
 * it is what a full disk or a crash left, and it is taken over at once.
 */
export class OutputLock {
  readonly file: string;
  private readonly token = `${process.pid} ${randomBytes(6).toString('hex')}`;
  private attempt: Promise<boolean> | undefined;
  private releasing: Promise<void> | undefined;

  constructor(readonly outPath: string) {
    this.file = path.join(path.dirname(outPath), `.${path.basename(outPath)}.colophon-lock`);
  }

  async acquire(timeoutMs = 120_000): Promise<void> {
    const start = Date.now();
    for (;;) {
      // Released (an interrupt) while waiting: never take the lock afterwards.
      if (this.releasing)
        throw new LockTimeoutError(
          `The build of ${this.outPath} was interrupted while waiting for the lock.`,
        );
      this.attempt = create(this.file, this.token);
      if (await this.attempt) return;
      const text = await readFile(this.file, 'utf8').catch(() => null);
      if (text === null) continue; // Released between our attempt and the read: try again.
      const pid = /^\d+(\s|$)/.test(text) ? Number.parseInt(text, 10) : NaN;
      const made = (await stat(this.file).catch(() => undefined))?.mtimeMs;
      // Where locks are filled in place (no hard links), an empty one may be being written.
      const filling = linksUnsupported && made !== undefined && Date.now() - made < FILLING_MS;
      const stale = pid > 0 ? !(await processAlive(pid, made)) : !filling;
      if (stale) {
        // Remove it only if it is still the very lock we judged stale.
        if ((await readFile(this.file, 'utf8').catch(() => null)) === text)
          await rm(this.file, { force: true });
        continue;
      }
      if (Date.now() - start > timeoutMs) {
        throw new LockTimeoutError(
          `Another Colophon build (process ${Number.isInteger(pid) ? pid : 'unknown'}) is writing ${this.outPath}. Wait for it to finish, or delete ${this.file} if it is stale.`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Release once, and only our own lock: the failure path and the signal handler may both call
   * this, and by the second call another build may hold the lock. Safe to call while `acquire()`
   * is still running (a signal right then): it waits for the attempt in flight, so a lock created
   * a moment later is not left behind.
   */
  release(): Promise<void> {
    return (this.releasing ??= (async () => {
      await this.attempt?.catch(() => false);
      if ((await readFile(this.file, 'utf8').catch(() => null)) === this.token)
        await rm(this.file, { force: true });
    })());
  }
}

/** Take the lock of an output folder; resolves to its release function. */
export async function acquireLock(
  outPath: string,
  timeoutMs = 120_000,
): Promise<() => Promise<void>> {
  const lock = new OutputLock(outPath);
  await lock.acquire(timeoutMs);
  return () => lock.release();
}

/** Set once a hard link failed: locks on this file system are created, then filled. */
let linksUnsupported = false;
/** How long an empty lock may be one being filled, where locks are filled in place. */
const FILLING_MS = 2_000;

/** Create the lock with its content in one step; false if a lock exists. */
async function create(file: string, token: string): Promise<boolean> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, token, { flag: 'wx' });
    await link(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: create, then fill (a crash in between leaves an empty
    // lock, which the next build takes over).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      linksUnsupported = true;
      return createInPlace(file, token);
    }
    throw e;
  } finally {
    await rm(tmp, { force: true });
  }
}

async function createInPlace(file: string, token: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(token);
    return true;
  } catch (e) {
    await rm(file, { force: true });
    throw e;
  } finally {
    await handle.close();
  }
}

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}
