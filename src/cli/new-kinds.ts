import type { OptionsConfig } from './args.js';

/** One kind of `colophon new`: where its files go, its options and its help. */
export interface NewKind {
  /** Folder under content/. */
  folder: string;
  /** What the title is called in the usage line (`"Title"`, `"Name"`). */
  title: string;
  options: OptionsConfig;
  help: string;
}

const common = { root: { type: 'string' }, slug: { type: 'string' } } as const;
const COMMON_HELP = `  --slug SLUG       the file name (default: from the title; -2, -3 ... when taken)
  --root DIR        project folder (default: current folder)`;

export const KINDS: Record<string, NewKind> = {
  post: {
    folder: 'posts',
    title: '"Title"',
    options: { ...common, series: { type: 'string' }, topics: { type: 'string' } },
    help: `colophon new post "Title" [--series SLUG] [--topics a,b] [--slug SLUG] [--root DIR]

Create content/posts/<slug>.md, a draft: the title, today's date, a unique slug, and (with
--series) the series and its next free part number. Remove "draft: true" to publish it.

  --series SLUG     the series it is a part of (must exist in content/series/)
  --topics a,b      topic names, comma-separated
${COMMON_HELP}`,
  },
  series: {
    folder: 'series',
    title: '"Title"',
    options: { ...common, topics: { type: 'string' }, planned: { type: 'string' } },
    help: `colophon new series "Title" [--planned N] [--topics a,b] [--slug SLUG] [--root DIR]

Create content/series/<slug>.md: a series that posts join with "series: <slug>" and "part: N"
(colophon new post "Part one" --series <slug>).

  --planned N       how many parts are planned ("part 1 of N")
  --topics a,b      topics of the whole series (default: those of its parts)
${COMMON_HELP}`,
  },
  topic: {
    folder: 'topics',
    title: '"Name"',
    options: { ...common },
    help: `colophon new topic "Name" [--slug SLUG] [--root DIR]

Create content/topics/<slug>.md: the title, description and introduction of a topic hub. A topic
that posts use works without one; the file gives its page a proper title and text.

${COMMON_HELP}`,
  },
  page: {
    folder: 'pages',
    title: '"Title"',
    options: { ...common },
    help: `colophon new page "Title" [--slug SLUG] [--root DIR]

Create content/pages/<slug>.md: a standalone page (about, uses, now) at /<slug>/. Link it from
the menu in colophon.config.ts.

${COMMON_HELP}`,
  },
  author: {
    folder: 'authors',
    title: '"Name"',
    options: { ...common, email: { type: 'string' } },
    help: `colophon new author "Name" [--email ADDRESS] [--slug SLUG] [--root DIR]

Create content/authors/<id>.md: the author's name, avatar, links, optional email, and a short
bio as the body. Posts name their authors with "authors: [<id>]".

  --email ADDRESS   the author's email (optional; shown in feeds)
${COMMON_HELP}`,
  },
};

export const NEW_HELP = `colophon new <kind> "Title" [options]

Create a content file with valid front matter and the next free slug:

  colophon new post "Title"     content/posts/<slug>.md (a draft)
  colophon new series "Title"   content/series/<slug>.md
  colophon new topic "Name"     content/topics/<slug>.md
  colophon new page "Title"     content/pages/<slug>.md
  colophon new author "Name"    content/authors/<id>.md

Run "colophon new <kind> --help" for the options of each.`;

/** The body written under the front matter of each kind. */
export const BODIES: Record<string, string> = {
  post: 'Write the opening paragraph here.\n\n<!-- more -->\n\n## First section\n',
  series: 'Introduce the series: what it covers, who it is for, and what to read first.\n',
  topic: 'Introduce the topic: its page lists every post about it after this text.\n',
  page: 'Write the page here.\n',
  author: 'A sentence or two about the author, shown on their page and under their posts.\n',
};
