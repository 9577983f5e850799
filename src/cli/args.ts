import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../util/suggest.js';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>
>;

/**
 * A mistake on the command line: exit code 2, the message, then the usage of the command (or of
 * the `new` kind) it was made in. `usage` overrides the command's own usage line.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/**
 * Run node:util parseArgs and turn its errors into usage errors, which the CLI reports with the
 * command's usage and exit code 2.
 */
export function usage<T extends { positionals: string[] }>(fn: () => T, maxPositionals = 0): T {
  let r: T;
  try {
    r = fn();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (r.positionals.length > maxPositionals)
    throw new UsageError(`Unexpected argument "${r.positionals[maxPositionals]}".`);
  return r;
}

/**
 * parseArgs (strict) for one command, with messages written for people: parseArgs' own say
 * `Unknown option '--drafs'. To specify a positional argument starting with a '-', place it at
 * the end of the command after '--', as in '-- "--drafs"` and suggest nothing. `help` is the
 * command's help text; option value names (`--root DIR`) are read from it.
 */
export function parseCommand<T extends OptionsConfig>(
  argv: string[],
  options: T,
  help: string,
  maxPositionals = 0,
): Parsed<T> {
  return usage(() => {
    try {
      return parseArgs({
        args: argv,
        options,
        strict: true as const,
        allowPositionals: true as const,
      });
    } catch (e) {
      throw new Error(explainArgs(argv, options, help) ?? firstSentence((e as Error).message));
    }
  }, maxPositionals);
}

/** The first problem parseArgs would refuse, in words; undefined when none is recognised. */
export function explainArgs(
  argv: string[],
  options: OptionsConfig,
  help: string,
): string | undefined {
  const { tokens } = parseArgs({
    args: argv,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const names = Object.keys(options);
  const known = names.map((n) => `--${n}`);
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const raw = argv[t.index] ?? t.rawName;
    const spec = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (!spec) {
      // `-drafts` (one dash) reaches parseArgs as the short options -d -r -a ...
      const written = raw.split('=')[0]!;
      const word = written.replace(/^-+/, '');
      const guess = closest(word, names);
      return `Unknown option ${written}${guess ? `; did you mean --${guess}?` : `. Options of this command: ${known.join(', ')}.`}`;
    }
    const name = `--${t.name}`;
    if (spec.type === 'boolean' && t.inlineValue)
      return `Option ${name} does not take a value; write ${name} alone.`;
    if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && /^-/.test(t.value))))
      return `Option ${name} needs a value: ${name} ${valueName(help, t.name)}.`;
  }
  return undefined;
}

/** `DIR` for `--root` when the help says `--root DIR`. */
function valueName(help: string, option: string): string {
  const m = new RegExp(
    `--${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ =]([A-Z][A-Z0-9_]*)`,
  ).exec(help);
  return m?.[1] ?? 'VALUE';
}

const firstSentence = (m: string) => m.split(/(?<=\.) /)[0]!;

/** The first line of a help text: the command's usage. */
export const usageLine = (help: string) => help.split('\n')[0]!;
