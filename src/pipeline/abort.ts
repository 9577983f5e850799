/**
 * Cleanups to run if the process is interrupted (SIGINT/SIGTERM) mid-build: remove the staging
 * folder and release the lock, so an interrupted build leaves the previous output as it was.
 */
const cleanups = new Set<() => Promise<void>>();

export function onAbort(fn: () => Promise<void>): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/**
 * Newest first, one at a time: a cleanup registered later (a build's staging folder) may live
 * inside the folder of an earlier one (`colophon check`'s throw-away folder), and removing both
 * at once raced. A failing cleanup does not stop the others.
 */
export async function runAbortCleanups(): Promise<void> {
  const all = [...cleanups].reverse();
  cleanups.clear();
  for (const fn of all)
    await Promise.resolve()
      .then(fn)
      .catch(() => undefined);
}
