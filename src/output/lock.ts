import { randomBytes } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A lock file that has no readable pid after this long is a leftover, not one being written. */
const UNREADABLE_STALE_MS = 10_000;

/**
 * One build per output folder at a time: a lock file beside it. A lock left by a process that no
 * longer exists is taken over; a live one makes us wait (bounded), so two builds never interleave
 * their writes.
 *
 * A lock is created (O_EXCL) and then filled with its pid: a second build can read it empty in
 * between. An empty or unreadable lock is therefore one being written, not a stale one, unless it
 * is old; taking it for stale would delete a live lock and let both builds go ahead.
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
      const pid = Number.parseInt(text, 10);
      const stale =
        Number.isInteger(pid) && pid > 0
          ? !alive(pid)
          : await olderThan(this.file, UNREADABLE_STALE_MS);
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

async function create(file: string, token: string): Promise<boolean> {
  try {
    await writeFile(file, token, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  }
}

async function olderThan(file: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs > ms;
  } catch {
    return false;
  }
}

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
