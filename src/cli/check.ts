import picocolors from 'picocolors';
import { checkSite } from '../check/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { parseCommand } from './args.js';
import { siteRoot } from './root.js';
import { formatExcluded, printDiagnostics, type Out } from './report.js';

export const CHECK_HELP = `colophon check [options]

Build into a throw-away folder and verify the result: every internal link, #fragment, image and
feed item resolves, and every page parses as HTML without errors. The real output is untouched.

  --root DIR     project folder (default: current folder)
  --drafts       include drafts
  --future       include future posts
  --strict       fail on warnings too
  --external     also check external links over the network (off by default)`;

export async function checkCommand(argv: string[], out: Out): Promise<number> {
  // Colour only when the stream is a terminal (picocolors alone also colours whenever CI is set).
  const pc = picocolors.createColors(out.color);
  const { values } = parseCommand(
    argv,
    {
      root: { type: 'string' },
      drafts: { type: 'boolean' },
      future: { type: 'boolean' },
      strict: { type: 'boolean' },
      external: { type: 'boolean' },
    },
    CHECK_HELP,
  );
  const root = await siteRoot(values.root);
  const r = await checkSite({
    root,
    drafts: !!values.drafts,
    future: !!values.future,
    strict: !!values.strict,
    external: !!values.external,
    cache: true,
  });
  printDiagnostics(out, [...r.build.diagnostics, ...r.diagnostics], r.build.sources, root);
  if (r.build.refused) {
    out.err(pc.red('Nothing was written.'));
    return 2;
  }
  if (!r.build.ok) {
    out.err(pc.red('Check failed: the site does not build.'));
    return 1;
  }
  const bad = hasErrors(r.diagnostics) || (!!values.strict && r.diagnostics.length > 0);
  // The build's page count: the same number `build` prints. Other HTML files (from public/) are
  // checked too, and named apart.
  const extra = r.pages - r.build.pages;
  out.log(
    `${bad ? pc.red('✗') : pc.green('✓')} checked ${r.build.pages} pages${extra > 0 ? ` (+ ${extra} HTML file${extra === 1 ? '' : 's'} from public/)` : ''} and ${r.links} internal links`,
  );
  for (const line of formatExcluded(r.build.excluded, false)) out.log(line);
  return bad ? 1 : 0;
}
