import { stat } from 'node:fs/promises';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { CONFIG_FILES } from '../config/index.js';

export interface WatchOptions {
  root: string;
  /** Quiet period after the last event before a rebuild (an editor's save burst is one change). */
  debounceMs?: number;
  onChange: (files: string[]) => void;
  /** More top-level folders to watch besides content/, templates/, public/ (the snippets folder). */
  folders?: readonly string[];
}

const FOLDERS = new Set(['content', 'templates', 'public']);
const CONFIGS = new Set(CONFIG_FILES);
/** Editor droppings and tool folders: never a reason to rebuild. */
const NOISE = /(^|[/\\])(\.git|node_modules|\.DS_Store)([/\\]|$)|~$|\.sw[px]$|(^|[/\\])4913$/;

/**
 * chokidar on content/, templates/, public/ and the config file. Events are collected and
 * debounced; `atomic` folds an editor's write-to-temp-then-rename into one change event.
 *
 * The project root is watched with a filter rather than each folder and every possible config
 * name: chokidar 5 reports `ready` before it has set up anything when several of the watched
 * paths do not exist (three of the four config names never do), and the first edits were lost.
 * Watching the root also sees a config file or a content folder created later.
 */
export function watchProject(opts: WatchOptions): FSWatcher {
  const root = path.resolve(opts.root);
  const folders = new Set([...FOLDERS, ...(opts.folders ?? [])]);
  const ignored = (p: string): boolean => {
    const rel = path.relative(root, p);
    if (rel === '') return false;
    if (rel.startsWith('..') || path.isAbsolute(rel)) return true;
    const first = rel.split(path.sep, 1)[0]!;
    if (rel === first) return !folders.has(first) && !CONFIGS.has(first);
    return !folders.has(first) || NOISE.test(rel);
  };
  const watcher = watch(root, { ignoreInitial: true, atomic: 100, ignored });
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const checks = new Set<NodeJS.Timeout>();
  let closed = false;
  const flush = async () => {
    const files = [...pending].sort();
    pending.clear();
    const before = await Promise.all(files.map(signature));
    if (closed) return;
    opts.onChange(files);
    // chokidar drops a 'change' that comes within 50 ms of the previous one for the same file
    // (a formatter saving right after the editor, a quick second save): the last version would
    // never be built. Look at the files once more after that window and report what moved.
    const check = setTimeout(() => {
      checks.delete(check);
      void Promise.all(files.map(signature)).then((after) => {
        if (closed) return;
        files.forEach((f, i) => {
          if (after[i] !== before[i]) push(f);
        });
      });
    }, RECHECK_MS);
    checks.add(check);
  };
  const push = (file: string) => {
    pending.add(path.resolve(file));
    clearTimeout(timer);
    // An editor's save (write a temporary file, rename it over the old one) arrives within a
    // few milliseconds; `atomic` already folds it, and a change that comes later still is caught
    // by the check above. 10 ms of quiet is enough, and every edit waits for it (it was 40 ms).
    timer = setTimeout(() => void flush(), opts.debounceMs ?? 10);
  };
  for (const ev of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const)
    watcher.on(ev, push);
  const close = watcher.close.bind(watcher);
  watcher.close = () => {
    closed = true;
    clearTimeout(timer);
    for (const c of checks) clearTimeout(c);
    return close();
  };
  return watcher;
}

/** After chokidar's per-file change throttle (50 ms) and a margin. */
const RECHECK_MS = 150;

async function signature(file: string): Promise<string> {
  try {
    const st = await stat(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return 'missing';
  }
}
