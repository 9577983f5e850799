import { Worker } from 'node:worker_threads';
import { workerScript } from '../util/worker-script.js';
import type { WatchMessage, WatchWorkerData } from './watch-worker.js';

export interface WatchOptions {
  root: string;
  /** Quiet period after the last event before a rebuild (an editor's save burst is one change). */
  debounceMs?: number;
  onChange: (files: string[]) => void;
  /** chokidar could not watch something (too many files open, a folder it may not read). */
  onError?: (message: string) => void;
  /** More top-level folders to watch besides content/, templates/, public/ (the snippets folder). */
  folders?: readonly string[];
}

export interface ProjectWatcher {
  /** Resolves once chokidar has read the tree: edits from then on are seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Watch content/, templates/, public/ and the config file, on a thread of its own.
 *
 * chokidar reads a folder again, with an lstat of every entry, each time something in it changes:
 * 4,000 lstats for one saved post in a 4,000-post folder. On the main thread that read could only
 * go on between the rebuild's steps, so it ran after the rebuild and held the thread pool while the
 * browser (or anything else) read the fresh page: ~20 ms added to every edit at 4,000 posts. On its
 * own thread it runs beside the rebuild instead.
 */
export function watchProject(opts: WatchOptions): ProjectWatcher {
  const data: WatchWorkerData = {
    root: opts.root,
    debounceMs: opts.debounceMs ?? 10,
    folders: [...(opts.folders ?? [])],
  };
  const worker = new Worker(workerScript('dev/watch-worker.js'), { workerData: data });
  let closed = false;
  let started = false;
  const ready = new Promise<void>((resolve, reject) => {
    // Before `ready` a failure fails the server's start; after it, it is reported and serving
    // goes on (the last build stays up, only edits are no longer seen).
    const fail = (message: string) => {
      if (closed) return;
      if (started) opts.onError?.(message);
      else reject(new Error(message));
    };
    worker.on('message', (m: WatchMessage) => {
      if (closed) return;
      if (m.type === 'ready') {
        started = true;
        resolve();
      } else if (m.type === 'change') opts.onChange(m.files);
      else fail(m.message);
    });
    worker.on('error', (e) => fail(`The file watcher failed: ${e.message}`));
    worker.on('exit', (code) =>
      fail(`The file watcher stopped (exit code ${code}); restart colophon serve to see edits.`),
    );
  });
  return {
    ready,
    close: async () => {
      closed = true;
      await worker.terminate();
    },
  };
}
