import path from 'node:path';
import { parseArgs } from 'node:util';
import picocolors from 'picocolors';
import { runImport } from '../import/run.js';
import { usage, UsageError } from './args.js';
import type { Out } from './report.js';

export const IMPORT_HELP = `colophon import <hugo|zola|jekyll> SRC DEST [options]

Turn a Hugo, Zola or Jekyll site into a Colophon site. SRC is the other site's root (or its
content folder); DEST must not exist or be empty. SRC is only read. DEST/IMPORT.md lists what
was converted and every place that needs a human.

  --dry-run        write nothing; print the report
  --base-url URL   the site's address, when the other site's config has none (or to change it)`;

const GENERATORS = ['hugo', 'zola', 'jekyll'] as const;

export async function importCommand(argv: string[], out: Out): Promise<number> {
  const pc = picocolors.createColors(out.color);
  const { values, positionals } = usage(
    () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: { 'dry-run': { type: 'boolean' }, 'base-url': { type: 'string' } },
      }),
    3,
  );
  const [generator, src, dest] = positionals;
  if (!generator || !GENERATORS.includes(generator as (typeof GENERATORS)[number]))
    throw new UsageError(`Say which generator the site was made with: ${GENERATORS.join(', ')}.`);
  if (!src || !dest)
    throw new UsageError(
      'Give the source site (SRC) and a new folder for the Colophon site (DEST).',
    );
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]/.test(baseUrl))
    throw new UsageError(
      `--base-url must be an absolute http(s) URL, such as https://example.com/ (got "${baseUrl}").`,
    );
  const dryRun = !!values['dry-run'];
  const started = performance.now();
  const r = runImport({
    generator: generator as (typeof GENERATORS)[number],
    src,
    dest,
    dryRun,
    ...(baseUrl ? { baseUrl } : {}),
  });
  if (!r.ok) {
    out.err(pc.red(r.message));
    return 2;
  }
  if (dryRun) out.log(r.markdown);
  for (const line of r.report.summary()) out.log(line);
  const ms = Math.round(performance.now() - started);
  out.log(
    dryRun
      ? pc.yellow(`Dry run: nothing was written (${r.files.length} files would be, in ${ms} ms).`)
      : pc.green(
          `✓ imported into ${path.relative(process.cwd(), path.resolve(dest)) || '.'} (${r.files.length} files, ${ms} ms); read ${path.join(dest, 'IMPORT.md')}, then run colophon build --root ${dest}`,
        ),
  );
  return 0;
}
