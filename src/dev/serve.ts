import { error, formatDiagnostic, frameSource, type Diagnostic } from '../diagnostics/index.js';
import { DevServer } from './server.js';
import { DevSession, type RebuildReport } from './session.js';
import { watchProject, type ProjectWatcher } from './watch.js';

export interface ServeOptions {
  root: string;
  host: string;
  port: number;
  drafts: boolean;
  future: boolean;
  debounceMs?: number;
  onReport?: (r: RebuildReport) => void;
  /** The watcher could not watch something: edits there are not seen. */
  onWatchError?: (message: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  session: DevSession;
  /** Resolves after the next rebuild triggered by a file change. */
  nextRebuild(): Promise<RebuildReport>;
  /** Stop serving once the rebuild in flight (if any) has finished, and clean up. */
  close(): Promise<void>;
  /**
   * Stop serving at once (Ctrl-C, a kill): the rebuild in flight is abandoned rather than awaited
   * (a slow one could take as long as its time limit) and the temporary output is removed. The
   * caller exits the process right after, which ends the abandoned rebuild and its workers.
   */
  stop(): Promise<void>;
}

/** First build into a live folder, serve it, watch, rebuild incrementally, tell browsers. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const session = new DevSession({ root: o.root, drafts: o.drafts, future: o.future });
  const first = await session.start();
  o.onReport?.(first);
  const server = new DevServer({
    dir: () => session.outDir,
    basePath: () => session.config?.basePath ?? '/',
    standIn: (outPath) => session.writer?.standInFor(outPath),
    host: o.host,
    port: o.port,
  });
  let port: number;
  try {
    port = await server.listen();
  } catch (e) {
    await session.dispose();
    throw e;
  }
  if (!first.ok)
    server.broadcast('error', { messages: overlayMessages(first.diagnostics, session) });

  let waiters: ((r: RebuildReport) => void)[] = [];
  let queue: Promise<void> = Promise.resolve();
  const watcher: ProjectWatcher = watchProject({
    root: o.root,
    debounceMs: o.debounceMs,
    // Code fences include files from the snippets folder: an edit there re-renders the posts.
    folders: [
      (session.config?.snippets ?? 'snippets')
        .replace(/\\/g, '/')
        .split('/')
        .find((s) => s !== '' && s !== '.') ?? 'snippets',
    ],
    ...(o.onWatchError ? { onError: o.onWatchError } : {}),
    onChange: (files) => {
      // Rebuilds run one at a time, in order.
      queue = queue.then(async () => {
        let r: RebuildReport;
        try {
          r = await session.rebuild({ files });
        } catch (e) {
          // A bug, not a content problem: say so, keep serving the last good version, keep watching.
          r = crashReport(e);
        }
        o.onReport?.(r);
        if (!r.ok) server.broadcast('error', { messages: overlayMessages(r.diagnostics, session) });
        else {
          server.broadcast('ok', {});
          if (r.cssOnly) server.broadcast('css', { urls: r.changedUrls });
          else if (r.changedUrls.length)
            server.broadcast('reload', { urls: r.full ? ['*'] : r.changedUrls });
        }
        const w = waiters;
        waiters = [];
        for (const fn of w) fn(r);
      });
    },
  });
  try {
    await watcher.ready;
  } catch (e) {
    await watcher.close();
    await server.close();
    await session.dispose();
    throw e;
  }
  const shownHost = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${shownHost}:${port}${session.config?.basePath ?? '/'}`,
    port,
    session,
    nextRebuild: () => new Promise((r) => waiters.push(r)),
    close: async () => {
      await watcher.close();
      await server.close();
      await queue;
      await session.dispose();
    },
    stop: async () => {
      await watcher.close();
      await server.close();
      await session.dispose();
    },
  };
}

function crashReport(e: unknown): RebuildReport {
  const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
  const d = error(
    'internal/crash',
    `The rebuild crashed: ${text}\nThis is a bug in Colophon, not in your content; the last good version is still served. Please report it.`,
  );
  return {
    ok: false,
    diagnostics: [d],
    changedUrls: [],
    cssOnly: false,
    rendered: 0,
    ms: 0,
    full: false,
    quick: false,
    excluded: [],
  };
}

function overlayMessages(list: readonly Diagnostic[], session: DevSession): string[] {
  return list
    .filter((d) => d.severity === 'error')
    .map((d) =>
      formatDiagnostic(
        d,
        d.span
          ? frameSource(session.opts.root, d.span.file, session.pipeline?.sources ?? new Map())
          : undefined,
        false,
      ),
    );
}
