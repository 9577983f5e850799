import picocolors from 'picocolors';
import { runAbortCleanups } from '../pipeline/abort.js';
import { COLOPHON_VERSION } from '../version.js';
import { UsageError } from './args.js';
import { processOut, type Out } from './report.js';

type Command = { help: string; run: (argv: string[], out: Out) => Promise<number> };

// Commands are imported when used: `--version` or `init` should not load unified, shiki and sharp.
const commands: Record<string, () => Promise<Command>> = {
  build: () => import('./build.js').then((m) => ({ help: m.BUILD_HELP, run: m.buildCommand })),
  init: () => import('./init.js').then((m) => ({ help: m.INIT_HELP, run: m.initCommand })),
  new: () => import('./new.js').then((m) => ({ help: m.NEW_HELP, run: m.newCommand })),
  serve: () => import('./serve.js').then((m) => ({ help: m.SERVE_HELP, run: m.serveCommand })),
  check: () => import('./check.js').then((m) => ({ help: m.CHECK_HELP, run: m.checkCommand })),
  import: () => import('./import.js').then((m) => ({ help: m.IMPORT_HELP, run: m.importCommand })),
};

const HELP = `colophon ${COLOPHON_VERSION} — a static site generator for long-form technical blogs

Usage: colophon <command> [options]

Commands:
  build        build the site into dist/ (atomically)
  serve        live preview with incremental rebuilds
  check        build to a throw-away folder and verify links, fragments, images and feeds
  init DIR     create a new site
  new post     create a new post with front matter
  import GEN SRC DEST  bring a Hugo, Zola or Jekyll site across (see colophon import --help)

Options:
  --help, -h   show help (also: colophon <command> --help)
  --version    print the version

Exit codes: 0 success, 1 content errors, 2 usage errors.`;

/** argv -> exit code. Thin: parsing and printing only; the work is in pipeline/ and dev/. */
export async function main(argv: string[], out: Out = processOut()): Promise<number> {
  // Colour only when the stream is a terminal (picocolors alone also colours whenever CI is set).
  const pc = picocolors.createColors(out.color);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out.log(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    out.log(COLOPHON_VERSION);
    return 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    out.err(`Unknown command "${name}". Run "colophon --help" for the list.`);
    return 2;
  }
  const cmd = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    out.log(cmd.help);
    return 0;
  }
  try {
    return await cmd.run(rest, out);
  } catch (e) {
    if (e instanceof UsageError) {
      out.err(pc.red(e.message));
      out.err(cmd.help);
      return 2;
    }
    throw e;
  }
}

/** Ctrl-C or a kill mid-build: remove the staging folder, release the lock, then exit. */
export function installSignalHandlers(): void {
  // Signals that arrive during the cleanup are ignored: with `once`, an impatient second Ctrl-C
  // killed the process mid-cleanup and left the lock (or the staging folder) behind. The cleanup
  // is bounded (it waits at most ~10 s for writes in flight).
  let exiting = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (exiting) return;
      exiting = true;
      void runAbortCleanups().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  }
}
