import path from 'node:path';
import picocolors from 'picocolors';
import { stopSignal } from '../pipeline/abort.js';
import { buildSite } from '../pipeline/index.js';
import { signalPoint } from '../util/fault.js';
import { parseCommand } from './args.js';
import { siteRoot } from './root.js';
import { formatExcluded, formatStages, printDiagnostics, type Out } from './report.js';

export const BUILD_HELP = `colophon build [options]

Build the site into its output folder (default dist/), atomically.

  --root DIR        project folder (default: current folder)
  --out DIR         output folder (default: outDir from the config, "dist")
  --base-url URL    override baseUrl (e.g. for a preview deploy)
  --drafts          include drafts
  --future          include posts dated in the future
  --strict          fail on warnings too
  --cache-dir DIR   cache folder (default .cache)
  --no-cache        ignore and do not write the cache
  --profile         print the slowest stages
  --json            print the summary as one JSON object (for scripts and benchmarks)
  --quiet           print errors only
  --verbose         print more detail: the slowest stages, the files left out`;

export async function buildCommand(argv: string[], out: Out): Promise<number> {
  // Colour only when the stream is a terminal (picocolors alone also colours whenever CI is set).
  const pc = picocolors.createColors(out.color);
  const { values } = parseCommand(
    argv,
    {
      root: { type: 'string' },
      out: { type: 'string' },
      'base-url': { type: 'string' },
      drafts: { type: 'boolean' },
      future: { type: 'boolean' },
      strict: { type: 'boolean' },
      'cache-dir': { type: 'string' },
      'no-cache': { type: 'boolean' },
      profile: { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
    BUILD_HELP,
  );
  const root = await siteRoot(values.root);
  const status = !values.quiet && !values.json && out.tty;
  if (status) process.stderr.write(pc.dim('building…') + '\r');
  const r = await buildSite({
    root,
    ...(values.out ? { outDir: path.resolve(values.out) } : {}),
    ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
    ...(values['cache-dir'] ? { cacheDir: path.resolve(values['cache-dir']) } : {}),
    drafts: !!values.drafts,
    future: !!values.future,
    strict: !!values.strict,
    cache: !values['no-cache'],
    onStage: (stage: string) => {
      signalPoint(stage);
      if (status) process.stderr.write(`\x1b[2K${pc.dim(`building · ${stage}…`)}\r`);
    },
  });
  if (status) process.stderr.write('\x1b[2K');
  // Stopped by a signal: what failed, failed because of it (the signal handler says so).
  if (stopSignal()) return 1;
  const shown = values.quiet ? r.diagnostics.filter((d) => d.severity === 'error') : r.diagnostics;
  printDiagnostics(out, shown, r.sources, root);
  if (r.refused) {
    out.err(pc.red('Nothing was written.'));
    return 2;
  }
  if (!r.ok) {
    out.err(
      pc.red(
        `Build failed; ${r.outPath ? `${path.relative(root, r.outPath) || r.outPath} was left as it was` : 'nothing was written'}.`,
      ),
    );
    return 1;
  }
  const total = r.stages.reduce((n, [, ms]) => n + ms, 0);
  if (values.json) {
    const summary = {
      pages: r.pages,
      files: r.files,
      excluded: {
        drafts: r.excluded.filter((e) => e.reason === 'draft').length,
        future: r.excluded.filter((e) => e.reason === 'future').length,
        expired: r.excluded.filter((e) => e.reason === 'expired').length,
      },
      rendered: r.rendered,
      reused: r.reused,
      written: r.written,
      unchanged: r.unchanged,
      bodiesRendered: r.bodiesRendered,
      bodiesCached: r.bodiesCached,
      ...(r.images ? { images: r.images } : {}),
      ...(r.cards ? { cards: r.cards } : {}),
      ...(r.search ? { search: r.search } : {}),
      totalMs: Math.round(total),
      stages: Object.fromEntries(r.stages.map(([n, ms]) => [n, Math.round(ms)])),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    out.log(JSON.stringify(summary));
    return 0;
  }
  if (!values.quiet) {
    out.log(
      `Built ${r.pages} pages into ${path.relative(process.cwd(), r.outPath) || '.'} in ${Math.round(total)}ms (+ ${r.files} feeds and other files; ${r.rendered} rendered, ${r.reused} reused; ${r.written} files written, ${r.unchanged} unchanged; ${r.bodiesRendered} bodies rendered, ${r.bodiesCached} from cache)`,
    );
    for (const line of formatExcluded(r.excluded, !!values.verbose)) out.log(line);
    out.log(pc.dim(formatStages(r.stages)));
  }
  if (values.profile || values.verbose) {
    const slow = [...r.stages].sort((a, b) => b[1] - a[1]);
    out.log('Slowest stages:');
    for (const [n, ms] of slow)
      out.log(
        `  ${n.padEnd(12)} ${Math.round(ms).toString().padStart(7)} ms  ${((ms / total) * 100).toFixed(1)}%`,
      );
  }
  return 0;
}
