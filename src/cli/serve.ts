import { spawn } from 'node:child_process';
import picocolors from 'picocolors';
import { startServer } from '../dev/index.js';
import { BuildFailure } from '../diagnostics/index.js';
import { parseCommand, UsageError } from './args.js';
import { siteRoot } from './root.js';
import { formatExcluded, printDiagnostics, type Out } from './report.js';

export const SERVE_HELP = `colophon serve [options]

Build into memory-backed temporary output, serve it, and rebuild only what changed on every save.

  --root DIR      project folder (default: current folder)
  --port N        port (default 4321)
  --host ADDR     address to bind (default 127.0.0.1; use 0.0.0.0 to expose it on your network)
  --open          open the site in your browser
  --drafts        include drafts (marked as such on the page)
  --future        include posts dated in the future`;

export async function serveCommand(argv: string[], out: Out): Promise<number> {
  // Colour only when the stream is a terminal (picocolors alone also colours whenever CI is set).
  const pc = picocolors.createColors(out.color);
  const { values } = parseCommand(
    argv,
    {
      root: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      open: { type: 'boolean' },
      drafts: { type: 'boolean' },
      future: { type: 'boolean' },
    },
    SERVE_HELP,
  );
  const port = Number(values.port ?? 4321);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number between 0 and 65535, not "${values.port}".`);
  const host = values.host ?? '127.0.0.1';
  const root = await siteRoot(values.root);
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    out.err(
      pc.yellow(
        `Warning: serving on ${host} makes your unpublished drafts reachable from other machines on the network.`,
      ),
    );
  }
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let leftOut = '';
  try {
    server = await startServer({
      root,
      host,
      port,
      drafts: !!values.drafts,
      future: !!values.future,
      onWatchError: (message) => out.err(pc.yellow(`Warning: ${message}`)),
      onReport: (r) => {
        if (!r.ok)
          printDiagnostics(out, r.diagnostics, server?.session.pipeline.sources ?? new Map(), root);
        else {
          if (r.diagnostics.length)
            printDiagnostics(
              out,
              r.diagnostics,
              server?.session.pipeline.sources ?? new Map(),
              root,
            );
          out.log(
            `${pc.green('✓')} ${r.full ? 'built' : 'rebuilt'} in ${Math.round(r.ms)}ms · ${r.rendered} page${r.rendered === 1 ? '' : 's'} rendered${r.changedUrls.length ? ` · ${r.changedUrls.length} changed` : ''}`,
          );
          // What the site leaves out, after the first build and when that changes (a draft added
          // or published), not after every rebuild.
          const left = formatExcluded(r.excluded, false).join('\n');
          if (left !== leftOut && left) out.log(left);
          leftOut = left;
        }
      },
    });
  } catch (e) {
    if (e instanceof BuildFailure) {
      // The output folder was refused (dev/session.ts): a usage error, nothing was written.
      printDiagnostics(out, e.diagnostics, new Map(), root);
      out.err(pc.red('Nothing was written.'));
      return 2;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      out.err(
        pc.red(
          `Port ${port} is already in use. Stop the other server or pick another port: colophon serve --port ${port + 1}`,
        ),
      );
      return 2;
    }
    if (code === 'EACCES') {
      out.err(
        pc.red(`Not allowed to listen on port ${port}. Use a port above 1024, e.g. --port 4321.`),
      );
      return 2;
    }
    throw e;
  }
  out.log(`Serving ${pc.cyan(server.url)} — press Ctrl-C to stop`);
  if (values.open) openBrowser(server.url);
  await new Promise<void>((resolve) => {
    const stop = () => {
      out.log('Stopping…');
      void server.stop().then(resolve);
    };
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // A rebuild that was abandoned may still hold the event loop (a worker, a pending write): the
  // process exits now rather than when it would have finished.
  process.exit(0);
}

function openBrowser(url: string): void {
  const cmd =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  spawn(cmd, args, { stdio: 'ignore', detached: true })
    .on('error', () => undefined)
    .unref();
}
