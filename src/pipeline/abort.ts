import path from 'node:path';

/**
 * Cleanups to run if the process is interrupted (SIGINT/SIGTERM) mid-build: remove the staging
 * folder and release the lock, so an interrupted build leaves the previous output as it was.
 */
const cleanups = new Set<() => Promise<string | void>>();
let stopped: NodeJS.Signals | undefined;

/** `fn` may return a line for the user: what the stop left behind (e.g. the output unchanged). */
export function onAbort(fn: () => Promise<string | void>): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** What a stopped build left: the output as it was, or this build when its publish had begun. */
export function stopNote(root: string, outPath: string, published: boolean): string {
  const shown = path.relative(root, outPath) || outPath;
  return published
    ? `${shown} holds this build (it was published before the stop).`
    : `${shown} was left as it was.`;
}

/**
 * The signal that is stopping this process, once one arrived. From then on, any failure is a
 * consequence of the stop (a write refused, a worker terminated), not a bug to report.
 */
export const stopSignal = (): NodeJS.Signals | undefined => stopped;
export const markStopped = (signal: NodeJS.Signals): void => void (stopped ??= signal);

/**
 * Newest first, one at a time: a cleanup registered later (a build's staging folder) may live
 * inside the folder of an earlier one (`colophon check`'s throw-away folder), and removing both
 * at once raced. A failing cleanup does not stop the others.
 */
export async function runAbortCleanups(): Promise<string[]> {
  const all = [...cleanups].reverse();
  cleanups.clear();
  const notes: string[] = [];
  for (const fn of all) {
    const note = await Promise.resolve()
      .then(fn)
      .catch(() => undefined);
    if (note) notes.push(note);
  }
  return notes;
}
