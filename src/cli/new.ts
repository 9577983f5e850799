import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadContent, newSlug, slugFromName, type Entry } from '../content/index.js';
import { closest } from '../util/suggest.js';
import { parseCommand, UsageError, usageLine } from './args.js';
import { BODIES, KINDS, NEW_HELP, type NewKind } from './new-kinds.js';
import type { Out } from './report.js';
import { siteRoot } from './root.js';

export { NEW_HELP } from './new-kinds.js';

/** The help of `new` or of the kind named first (`new series --help`). */
export function newHelp(argv: string[]): string {
  const kind = argv[0] && Object.hasOwn(KINDS, argv[0]) ? KINDS[argv[0]] : undefined;
  return kind?.help ?? NEW_HELP;
}

const KIND_LIST = Object.keys(KINDS)
  .join(', ')
  .replace(/, (\w+)$/, ' or $1');

type Values = Record<string, string | boolean | undefined>;

export async function newCommand(argv: string[], out: Out): Promise<number> {
  const [name, ...rest] = argv;
  const kind = name && Object.hasOwn(KINDS, name) ? KINDS[name]! : undefined;
  if (!kind) {
    const guess = name && !name.startsWith('-') ? closest(name, Object.keys(KINDS)) : undefined;
    throw new UsageError(
      name && !name.startsWith('-')
        ? `Unknown kind "${name}".${guess ? ` Did you mean "${guess}"?` : ''} colophon new makes a ${KIND_LIST}.`
        : `Say what to create: a ${KIND_LIST}.`,
      `colophon new ${Object.keys(KINDS).join('|')} "Title" [options]`,
    );
  }
  const { values, positionals } = parseCommand(rest, kind.options, kind.help, 1);
  const title = positionals[0]?.trim();
  if (!title)
    throw new UsageError(
      `colophon new ${name} needs a ${kind.title.replace(/"/g, '').toLowerCase()}.`,
      usageLine(kind.help),
    );
  const root = await siteRoot(values.root as string | undefined);
  const dir = path.join(root, 'content', kind.folder);
  const slug = await freeSlug(dir, title, values.slug as string | undefined, kind, name!);
  const data = await frontMatter(name!, title, values as Values, root, kind);
  const body = name === 'author' ? authorBody(values as Values) : '';
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${slug}.md`);
  await writeFile(file, `---\n${stringify(data)}${body}---\n\n${BODIES[name!]}`, { flag: 'wx' });
  const rel = path.relative(process.cwd(), file);
  out.log(
    name === 'post'
      ? `Created ${rel} (a draft: remove "draft: true" to publish).`
      : `Created ${rel}.${name === 'series' ? ` Add parts with: colophon new post "Part one" --series ${slug}` : ''}`,
  );
  return 0;
}

/** The title's slug, or the next free `-2`, `-3` ...; an explicit --slug that is taken is refused. */
async function freeSlug(
  dir: string,
  title: string,
  explicit: string | undefined,
  kind: NewKind,
  name: string,
): Promise<string> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const taken = new Set(names.map((n) => slugFromName(n.replace(/\.md$/i, ''))));
  if (explicit !== undefined) {
    const slug = slugFromName(explicit);
    if (taken.has(slug))
      throw new UsageError(
        `content/${kind.folder}/${slug} already exists. Choose another --slug, or leave it out to get the next free one.`,
        usageLine(kind.help),
      );
    return slug;
  }
  return newSlug(title, name, taken);
}

async function frontMatter(
  name: string,
  title: string,
  values: Values,
  root: string,
  kind: NewKind,
): Promise<Record<string, unknown>> {
  if (name === 'author') return { name: title };
  const data: Record<string, unknown> = { title };
  if (name === 'post') data.date = today();
  data.description = '';
  const topics = list(values.topics);
  if (name === 'series') {
    const planned = values.planned as string | undefined;
    if (planned !== undefined) {
      if (!/^[1-9]\d*$/.test(planned))
        throw new UsageError(
          `--planned must be a whole number of parts, like --planned 3, not "${planned}".`,
          usageLine(kind.help),
        );
      data.planned = Number(planned);
    }
  }
  if (topics.length) data.topics = topics;
  if (name === 'post' && typeof values.series === 'string') {
    const series = values.series;
    const { entries } = await loadContent(root, path.join(root, 'content'));
    checkSeries(series, entries, kind);
    const parts = entries.flatMap((e) =>
      e.kind === 'post' && e.series === series && e.part ? [e.part] : [],
    );
    data.series = series;
    data.part = parts.length ? Math.max(...parts) + 1 : 1;
  }
  if (name === 'post') data.draft = true;
  return data;
}

/** A post for a series that does not exist would fail the build once published: refuse now. */
function checkSeries(series: string, entries: Entry[], kind: NewKind): void {
  const known = entries.flatMap((e) => (e.kind === 'series' ? [e.id] : [])).sort();
  if (known.includes(series)) return;
  const guess = closest(series, known);
  throw new UsageError(
    `There is no series "${series}".${guess ? ` Did you mean "${guess}"?` : ''} ${
      known.length ? `Known series: ${known.join(', ')}.` : 'The site has no series yet.'
    } Create it first: colophon new series "Title"${guess ? '' : ` --slug ${series}`}`,
    usageLine(kind.help),
  );
}

/** Optional keys as comments: the skeleton stays valid and shows what can go there. */
function authorBody(values: Values): string {
  const email = typeof values.email === 'string' ? values.email.trim() : '';
  return [
    '# avatar: /img/avatar.jpg      # an image in public/ (or a URL)',
    email
      ? stringify({ email }).trimEnd()
      : '# email: you@example.com       # optional, used in feeds',
    '# links:                       # profiles, shown with icons (rel="me")',
    '#   - https://github.com/you',
    '',
  ].join('\n');
}

const list = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
    : [];

/** Today as YYYY-MM-DD in the author's local time zone: what "today" means to a writer. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
