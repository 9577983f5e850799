import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * One build per output folder at a time: a lock file beside it, created with O_EXCL. A lock left
 * by a process that no longer exists is taken over; a live one makes us wait (bounded), so two
 * builds never interleave their writes.
 */
export async function acquireLock(outPath: string, timeoutMs = 120_000): Promise<() => Promise<void>> {
  const file = path.join(path.dirname(outPath), `.${path.basename(outPath)}.colophon-lock`);
  const start = Date.now();
  for (;;) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return async () => {
        await rm(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(await readFile(file, 'utf8').catch(() => ''));
      if (!pid || !alive(pid)) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() - start > timeoutMs) {
        throw new LockTimeoutError(`Another Colophon build (process ${pid}) is writing ${outPath}. Wait for it to finish, or delete ${file} if it is stale.`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
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
