import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { CONFIG_FILES } from '../config/index.js';

export interface WatchOptions {
  root: string;
  /** Quiet period after the last event before a rebuild (an editor's save burst is one change). */
  debounceMs?: number;
  onChange: (files: string[]) => void;
}

/**
 * chokidar on content/, templates/, public/ and the config. Events are collected and debounced;
 * `atomic` folds an editor's write-to-temp-then-rename into one change event.
 */
export function watchProject(opts: WatchOptions): FSWatcher {
  const targets = ['content', 'templates', 'public', ...CONFIG_FILES].map((p) => path.join(opts.root, p));
  const watcher = watch(targets, { ignoreInitial: true, atomic: 100, ignored: (p) => /(^|[/\\])(\.git|node_modules|\.cache|dist)([/\\]|$)|~$|\.sw[px]$/.test(p) });
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const push = (file: string) => {
    pending.add(path.resolve(file));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending].sort();
      pending.clear();
      opts.onChange(files);
    }, opts.debounceMs ?? 40);
  };
  for (const ev of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) watcher.on(ev, push);
  return watcher;
}
