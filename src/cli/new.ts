import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadContent, slugFromName } from '../content/index.js';
import { usage, UsageError } from './args.js';
import type { Out } from './report.js';

export const NEW_HELP = `colophon new post "Title" [--series SLUG] [--topics a,b] [--root DIR]

Create content/posts/<slug>.md with front matter: the title, today's date, a unique slug, and
(with --series) the next free part number of that series.`;

export async function newCommand(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = usage(
    () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          series: { type: 'string' },
          topics: { type: 'string' },
          root: { type: 'string' },
        },
      }),
    2,
  );
  if (positionals[0] !== 'post' || !positionals[1]?.trim())
    throw new UsageError('Usage: colophon new post "Title" [--series S] [--topics a,b]');
  const root = path.resolve(values.root ?? '.');
  const title = positionals[1].trim();
  const postsDir = path.join(root, 'content', 'posts');
  await mkdir(postsDir, { recursive: true });
  const taken = new Set((await readdir(postsDir)).map((n) => n.replace(/\.md$/, '')));
  const base = slugFromName(title).replace(/\./g, '-');
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;

  const data: Record<string, unknown> = { title, date: today(), description: '' };
  const topics = (values.topics ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (topics.length) data.topics = topics;
  if (values.series) {
    const series = values.series;
    if (!existsSync(path.join(root, 'content', 'series', `${series}.md`))) {
      out.err(`Note: content/series/${series}.md does not exist yet; create it before building.`);
    }
    const { entries } = await loadContent(root, path.join(root, 'content'));
    const parts = entries.flatMap((e) =>
      e.kind === 'post' && e.series === series && e.part ? [e.part] : [],
    );
    data.series = series;
    data.part = parts.length ? Math.max(...parts) + 1 : 1;
  }
  data.draft = true;
  const file = path.join(postsDir, `${slug}.md`);
  await writeFile(
    file,
    `---\n${stringify(data)}---\n\nWrite the opening paragraph here.\n\n<!-- more -->\n\n## First section\n`,
    { flag: 'wx' },
  );
  out.log(
    `Created ${path.relative(process.cwd(), file)} (a draft: remove "draft: true" to publish).`,
  );
  return 0;
}

/** Today as YYYY-MM-DD in the author's local time zone: what "today" means to a writer. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
