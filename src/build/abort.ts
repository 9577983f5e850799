/**
 * Cleanups to run if the process is interrupted (SIGINT/SIGTERM) mid-build: remove the staging
 * folder and release the lock, so an interrupted build leaves the previous output as it was.
 */
const cleanups = new Set<() => Promise<void>>();

export function onAbort(fn: () => Promise<void>): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export async function runAbortCleanups(): Promise<void> {
  const all = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(all.map((fn) => fn()));
}
