import picocolors from 'picocolors';
import { markStopped, runAbortCleanups, stopSignal } from '../pipeline/abort.js';
import { COLOPHON_VERSION } from '../version.js';
import { closest } from '../util/suggest.js';
import { UsageError, usageLine } from './args.js';
import { processOut, type Out } from './report.js';

type Command = {
  /** The help text; `new` has one per kind (`new series --help`), chosen from the arguments. */
  help: string | ((argv: string[]) => string);
  run: (argv: string[], out: Out) => Promise<number>;
};

// Commands are imported when used: `--version` or `init` should not load unified, shiki and sharp.
const commands: Record<string, () => Promise<Command>> = {
  build: () => import('./build.js').then((m) => ({ help: m.BUILD_HELP, run: m.buildCommand })),
  init: () => import('./init.js').then((m) => ({ help: m.INIT_HELP, run: m.initCommand })),
  new: () => import('./new.js').then((m) => ({ help: m.newHelp, run: m.newCommand })),
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
  init DIR     create a new site (with package.json and a GitHub Pages workflow)
  new KIND     create a post, series, topic, page or author: colophon new post "Title"
  import GEN SRC DEST  bring a Hugo, Zola or Jekyll site across (see colophon import --help)

Options:
  --help, -h   show help (also: colophon <command> --help)
  --version    print the version

Exit codes: 0 success, 1 content errors, 2 usage errors.
Run "colophon <command> --help" for a command's options.`;

/** argv -> exit code. Thin: parsing and printing only; the work is in pipeline/ and dev/. */
export async function main(argv: string[], out: Out = processOut()): Promise<number> {
  // Colour only when the stream is a terminal (picocolors alone also colours whenever CI is set).
  const pc = picocolors.createColors(out.color);
  const [name, ...rest] = argv;
  // `colophon help build` = `colophon build --help`.
  if (name === 'help' && rest[0] && Object.hasOwn(commands, rest[0]))
    return main([...rest, '--help'], out);
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
    out.err(unknownCommand(name));
    return 2;
  }
  const cmd = await load();
  const help = typeof cmd.help === 'string' ? cmd.help : cmd.help(rest);
  if (rest.includes('--help') || rest.includes('-h')) {
    out.log(help);
    return 0;
  }
  try {
    const code = await cmd.run(rest, out);
    const stop = stopSignal();
    return stop ? stopCode(stop) : code;
  } catch (e) {
    // Whatever failed after a signal failed because of it: the signal handler reports the stop.
    const stop = stopSignal();
    if (stop) return stopCode(stop);
    if (e instanceof UsageError) {
      out.err(pc.red(e.message));
      out.err(`Usage: ${e.usage ?? usageLine(help)}`);
      out.err(`Run "colophon ${name}${helpTopic(cmd, rest)} --help" for every option.`);
      return 2;
    }
    throw e;
  }
}

function unknownCommand(name: string): string {
  if (name.startsWith('-')) {
    const guess = closest(name.replace(/^-+/, ''), ['help', 'version']);
    return guess
      ? `Unknown option ${name}; did you mean --${guess}?`
      : `"${name}" is not a command. Options go after the command: colophon build ${name}. Run "colophon --help" for the list.`;
  }
  const guess = closest(name, Object.keys(commands));
  return `Unknown command "${name}".${guess ? ` Did you mean "${guess}"?` : ''} Run "colophon --help" for the list.`;
}

/** ` post` for `new post ...`: the help that explains the arguments given, when there is one. */
function helpTopic(cmd: Command, rest: string[]): string {
  if (typeof cmd.help === 'string' || !rest[0]) return '';
  return cmd.help(rest) === cmd.help([]) ? '' : ` ${rest[0]}`;
}

const stopCode = (signal: NodeJS.Signals) => (signal === 'SIGINT' ? 130 : 143);

/**
 * Ctrl-C or a kill mid-build: remove the staging folder, release the lock, say what was left, then
 * exit. A stop is never reported as a bug (`main` stays quiet about what failed because of it).
 */
export function installSignalHandlers(err: (line: string) => void = (l) => console.error(l)): void {
  // Signals that arrive during the cleanup are ignored: with `once`, an impatient second Ctrl-C
  // killed the process mid-cleanup and left the lock (or the staging folder) behind. The cleanup
  // is bounded (it waits at most ~10 s for writes in flight).
  let exiting = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (exiting) return;
      exiting = true;
      markStopped(sig);
      void runAbortCleanups()
        .then((notes) => err(`Stopped by ${sig}${notes.length ? `; ${notes.join(' ')}` : '.'}`))
        .finally(() => process.exit(stopCode(sig)));
    });
  }
}
