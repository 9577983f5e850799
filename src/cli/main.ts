import pc from 'picocolors';
import { runAbortCleanups } from '../build/index.js';
import { COLOPHON_VERSION } from '../version.js';
import { UsageError } from './args.js';
import { BUILD_HELP, buildCommand } from './build.js';
import { INIT_HELP, initCommand } from './init.js';
import { NEW_HELP, newCommand } from './new.js';
import { SERVE_HELP, serveCommand } from './serve.js';
import { CHECK_HELP, checkCommand } from './check.js';
import { processOut, type Out } from './report.js';

type Command = { help: string; run: (argv: string[], out: Out) => Promise<number> };

const commands: Record<string, Command> = {
  build: { help: BUILD_HELP, run: buildCommand },
  init: { help: INIT_HELP, run: initCommand },
  new: { help: NEW_HELP, run: newCommand },
  serve: { help: SERVE_HELP, run: serveCommand },
  check: { help: CHECK_HELP, run: checkCommand },
};

/** Register extra commands (serve, check) without this file importing their stages eagerly. */
export function registerCommand(name: string, cmd: Command): void {
  commands[name] = cmd;
}

const HELP = `colophon ${COLOPHON_VERSION} — a static site generator for long-form technical blogs

Usage: colophon <command> [options]

Commands:
  build        build the site into dist/ (atomically)
  serve        live preview with incremental rebuilds
  check        build to a throw-away folder and verify links, fragments, images and feeds
  init DIR     create a new site
  new post     create a new post with front matter

Options:
  --help, -h   show help (also: colophon <command> --help)
  --version    print the version

Exit codes: 0 success, 1 content errors, 2 usage errors.`;

/** argv -> exit code. Thin: parsing and printing only; the work is in build/ and dev/. */
export async function main(argv: string[], out: Out = processOut()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out.log(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    out.log(COLOPHON_VERSION);
    return 0;
  }
  const cmd = commands[name];
  if (!cmd) {
    out.err(`Unknown command "${name}". Run "colophon --help" for the list.`);
    return 2;
  }
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
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void runAbortCleanups().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  }
}
