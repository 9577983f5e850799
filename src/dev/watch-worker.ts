/**
 * The file watcher's thread (see watch.ts for why it has one). chokidar on the project root with a
 * filter, events collected and debounced, batches posted to the main thread as `{ type: 'change' }`.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { watch } from 'chokidar';
import { CONFIG_FILES } from '../config/index.js';

export interface WatchWorkerData {
  root: string;
  debounceMs: number;
  folders: string[];
}

export type WatchMessage =
  { type: 'ready' } | { type: 'change'; files: string[] } | { type: 'error'; message: string };

const FOLDERS = ['content', 'templates', 'public'];
const CONFIGS = new Set(CONFIG_FILES);
/** Editor droppings and tool folders: never a reason to rebuild. */
const NOISE = /(^|[/\\])(\.git|node_modules|\.DS_Store)([/\\]|$)|~$|\.sw[px]$|(^|[/\\])4913$/;
/** After chokidar's per-file change throttle (50 ms) and a margin. */
const RECHECK_MS = 150;

const data = workerData as WatchWorkerData;
const post = (m: WatchMessage) => parentPort!.postMessage(m);
const root = path.resolve(data.root);
const folders = new Set([...FOLDERS, ...data.folders]);

/**
 * The project root is watched with a filter rather than each folder and every possible config
 * name: chokidar 5 reports `ready` before it has set up anything when several of the watched
 * paths do not exist (three of the four config names never do), and the first edits are lost.
 * Watching the root also sees a config file or a content folder created later.
 */
const ignored = (p: string): boolean => {
  const rel = path.relative(root, p);
  if (rel === '') return false;
  if (rel.startsWith('..') || path.isAbsolute(rel)) return true;
  const first = rel.split(path.sep, 1)[0]!;
  if (rel === first) return !folders.has(first) && !CONFIGS.has(first);
  return !folders.has(first) || NOISE.test(rel);
};

// `atomic` folds an editor's write-to-temp-then-rename into one change event.
const watcher = watch(root, { ignoreInitial: true, atomic: 100, ignored });
const pending = new Set<string>();
let timer: NodeJS.Timeout | undefined;

function signature(file: string): string {
  try {
    const st = statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function flush(): void {
  const files = [...pending].sort();
  pending.clear();
  const before = files.map(signature);
  post({ type: 'change', files });
  // chokidar drops a 'change' that comes within 50 ms of the previous one for the same file (a
  // formatter saving right after the editor, a quick second save): the last version would never
  // be built. Look at the files once more after that window and report what moved.
  setTimeout(() => {
    files.forEach((f, i) => {
      if (signature(f) !== before[i]) push(f);
    });
  }, RECHECK_MS);
}

function push(file: string): void {
  pending.add(path.resolve(file));
  clearTimeout(timer);
  // An editor's save (write a temporary file, rename it over the old one) arrives within a few
  // milliseconds; `atomic` already folds it, and a change that comes later still is caught by the
  // check above. 10 ms of quiet is enough, and every edit waits for it, so it is kept short.
  timer = setTimeout(flush, data.debounceMs);
}

for (const ev of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) watcher.on(ev, push);
watcher.on('error', (e) => post({ type: 'error', message: (e as Error).message ?? String(e) }));
watcher.on('ready', () => post({ type: 'ready' }));
