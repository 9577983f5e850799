import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevSession, type RebuildReport } from '../../src/dev/session.js';
import {
  changedPaths,
  copyFixture,
  describeDiff,
  errorKeys,
  fullBuild,
  NOW,
  readTree,
  tempDir,
  urlOf,
  type FullBuild,
} from './helpers.js';

/**
 * The incremental contract (ARCHITECTURE.md, "Incremental must equal full"): a script of edits is
 * applied to a copy of the `blog` fixture, one after another, with real file writes. After each
 * edit the dev session rebuilds with the changed paths only, and its output folder must be
 * byte-identical to a fresh full build (no cache) of the same files. The URLs the session reports
 * as changed must be exactly the files whose bytes changed, and for edits with a known blast
 * radius the number of pages rendered must be exactly the number of pages that changed.
 */

interface Step {
  name: string;
  /** Make the edit; returns every absolute path touched (old and new path of a rename). */
  edit: () => Promise<string[]>;
  /** The edit breaks the site: the rebuild fails like the full build and the output stays as it was. */
  breaks?: boolean;
  /** The exact URLs that must change. */
  urls?: string[];
  /** Exactly the changed pages are rendered: no page is rendered only to produce the same bytes. */
  exactWork?: boolean;
  /**
   * Only bodies or card-level front matter changed: the session must take the quick path (true)
   * or the full one (false).
   */
  quick?: boolean;
  /** Extra checks on the report and the new output. */
  check?: (r: RebuildReport, out: Map<string, Buffer>) => void;
}

let root = '';
let outDir = '';
let session: DevSession;
let last: FullBuild;

const abs = (rel: string) => path.join(root, rel);
const read = (rel: string) => readFile(abs(rel), 'utf8');
async function write(rel: string, text: string): Promise<string[]> {
  await mkdir(path.dirname(abs(rel)), { recursive: true });
  await writeFile(abs(rel), text);
  return [abs(rel)];
}
async function replace(rel: string, from: string | RegExp, to: string): Promise<string[]> {
  const before = await read(rel);
  const after = before.replace(from, to);
  if (after === before) throw new Error(`edit of ${rel} changed nothing (${String(from)})`);
  return write(rel, after);
}
async function remove(rel: string): Promise<string[]> {
  await rm(abs(rel), { recursive: true });
  return [abs(rel)];
}
async function move(from: string, to: string, files: string[] = ['']): Promise<string[]> {
  await mkdir(path.dirname(abs(to)), { recursive: true });
  await rename(abs(from), abs(to));
  return files.flatMap((f) => [abs(path.posix.join(from, f)), abs(path.posix.join(to, f))]);
}

/** A 900×450 PNG of one colour: a cover with 480, 800 and 900 px variants (PNG at 900 only). */
async function rasterCover(rel: string, colour: string): Promise<void> {
  await mkdir(path.dirname(abs(rel)), { recursive: true });
  await sharp({ create: { width: 900, height: 450, channels: 3, background: colour } })
    .png()
    .toFile(abs(rel));
}

const feedsOf = (dir: string) => ['atom.xml', 'feed.json', 'rss.xml'].map((f) => `${dir}${f}`);
const html = (out: Map<string, Buffer>, rel: string) => out.get(rel)?.toString('utf8') ?? '';

const steps: Step[] = [
  {
    name: 'body edit that keeps the excerpt and the length: the post and the full-content feeds that carry it',
    edit: () =>
      replace('content/posts/caching-basics.md', 'LRU is a fine default.', 'LFU is a fine choice.'),
    urls: [
      '/posts/caching-basics/',
      ...feedsOf('/topics/performance/'),
      ...feedsOf('/topics/storage/'),
    ].sort(),
    exactWork: true,
    quick: true,
  },
  {
    name: 'body edit that adds words (word count and the post page only; lists show reading time, unchanged)',
    edit: () =>
      replace(
        'content/posts/caching-basics.md',
        'LFU is a fine choice.',
        'LFU is a fine choice for skewed workloads.',
      ),
    urls: [
      '/posts/caching-basics/',
      ...feedsOf('/topics/performance/'),
      ...feedsOf('/topics/storage/'),
    ].sort(),
    exactWork: true,
    quick: true,
  },
  {
    name: 'body edit before the more marker changes the excerpt: home shows it, archive and topic pages do not',
    edit: () =>
      replace(
        'content/posts/alpha-2.md',
        'Part two builds walls on top',
        'Part two raises walls on top',
      ),
    exactWork: true,
    quick: true,
    check: (r) => {
      expect(r.changedUrls).toContain('/posts/alpha-2/');
      expect(r.changedUrls.some((u) => u === '/' || u.startsWith('/page/'))).toBe(true);
      expect(r.changedUrls).not.toContain('/archive/');
      expect(r.changedUrls).not.toContain('/topics/rust/');
    },
  },
  {
    name: 'title edit: lists, series pages and boxes, feeds, neighbours and related posts',
    edit: () =>
      replace(
        'content/posts/alpha-2.md',
        'title: "Alpha Two: Walls"',
        'title: "Alpha Two: Stronger Walls"',
      ),
    exactWork: true,
    quick: true,
    check: (r) => {
      for (const u of [
        '/posts/alpha-2/',
        '/archive/',
        '/series/alpha/',
        '/topics/rust/',
        '/posts/alpha-1/',
        '/posts/alpha-3/',
        '/rss.xml',
        '/series/alpha/rss.xml',
        '/topics/rust/atom.xml',
      ])
        expect(r.changedUrls).toContain(u);
      expect(r.changedUrls).not.toContain('/posts/shell-tricks/');
      expect(r.changedUrls).not.toContain('/topics/');
    },
  },
  {
    name: 'description edit (cards without a more marker show it as the excerpt)',
    edit: () =>
      replace(
        'content/posts/linux-signals.md',
        'description: "What SIGINT really does."',
        'description: "What SIGINT really does to a process."',
      ),
    exactWork: true,
    // Card-level front matter: the quick path, with the same pages as a full build.
    quick: true,
  },
  {
    name: 'add an updated date (a new front-matter line: the full path)',
    edit: () =>
      replace(
        'content/posts/linux-signals.md',
        'topics: [linux]\n',
        'topics: [linux]\nupdated: 2024-05-01\n',
      ),
    quick: false,
  },
  {
    name: 'change the updated date in place: the full path (the sitemap lastmod follows)',
    edit: () =>
      replace('content/posts/linux-signals.md', 'updated: 2024-05-01', 'updated: 2024-06-02'),
    quick: false,
    check: (r) => expect(r.changedUrls).toContain('/sitemap.xml'),
  },
  {
    name: 'date edit that moves a post to another year and to the top of the archive',
    edit: () => replace('content/posts/queue-theory.md', 'date: 2020-11-11', 'date: 2024-08-01'),
    check: (r) => {
      for (const u of ['/archive/', '/', '/page/2/', '/posts/queue-theory/', '/rss.xml'])
        expect(r.changedUrls).toContain(u);
    },
  },
  {
    name: 'swap the dates of two posts: the post between them gets its older and newer links swapped',
    edit: async () => [
      ...(await replace('content/posts/beta-1.md', 'date: 2022-03-03', 'date: 2022-09-10')),
      ...(await replace('content/posts/beta-3.md', 'date: 2022-09-09', 'date: 2022-03-04')),
    ],
    check: (r) => expect(r.changedUrls).toContain('/posts/beta-2/'),
  },
  {
    name: 'front matter that only the post page shows (toc: false)',
    edit: () => replace('content/posts/alpha-1.md', 'part: 1\n', 'part: 1\ntoc: false\n'),
    check: (r) => expect(r.changedUrls).toContain('/posts/alpha-1/'),
  },
  {
    name: 'time-of-day edit: same calendar day, but feeds carry the full timestamp',
    edit: () =>
      replace(
        'content/posts/linux-signals.md',
        'date: 2024-03-01T10:00:00Z',
        'date: 2024-03-01T15:30:00Z',
      ),
    check: (r) => expect(r.changedUrls).toContain('/rss.xml'),
  },
  {
    name: 'topics edit: a new topic appears, an old one loses a post',
    edit: () =>
      replace(
        'content/posts/testing-joy.md',
        'topics: [process, rust]',
        'topics: [process, testing]',
      ),
    check: (r, out) => {
      expect(r.changedUrls).toContain('/topics/testing/');
      expect(r.changedUrls).toContain('/topics/rust/');
      expect(out.has('topics/testing/index.html')).toBe(true);
    },
  },
  {
    name: 'move a post from one series to another',
    edit: () =>
      replace('content/posts/alpha-3/index.md', /series: alpha\npart: 3/, 'series: beta\npart: 4'),
    check: (r) => {
      for (const u of [
        '/series/alpha/',
        '/series/beta/',
        '/posts/alpha-3/',
        '/posts/beta-3/',
        '/posts/alpha-2/',
        '/series/',
      ])
        expect(r.changedUrls).toContain(u);
    },
  },
  {
    name: 'swap two part numbers (two files in one change)',
    edit: async () => [
      ...(await replace('content/posts/beta-1.md', 'part: 1', 'part: 2')),
      ...(await replace('content/posts/beta-2.md', 'part: 2', 'part: 1')),
    ],
  },
  {
    name: 'change a part number so the series has a gap: an error in both builds',
    edit: () => replace('content/posts/beta-3.md', 'part: 3', 'part: 7'),
    breaks: true,
  },
  {
    name: 'fix the gap',
    edit: () => replace('content/posts/beta-3.md', 'part: 7', 'part: 3'),
  },
  {
    name: 'add a topic definition for a topic used by posts',
    edit: () =>
      write(
        'content/topics/linux.md',
        '---\ntitle: "Linux"\ndescription: "The kernel and its userland."\n---\n\nEverything about Linux.\n',
      ),
    check: (r) => {
      expect(r.changedUrls).toContain('/topics/linux/');
      expect(r.changedUrls).toContain('/topics/');
    },
  },
  {
    name: 'add a post',
    edit: () =>
      write(
        'content/posts/new-arrival.md',
        '---\ntitle: "A New Arrival"\ndate: 2025-02-02\ntopics: [linux, performance]\n---\n\nFresh words for a fresh post.\n',
      ),
    check: (r) => expect(r.changedUrls).toContain('/posts/new-arrival/'),
  },
  {
    name: 'delete a post: its page goes, every list forgets it',
    edit: () => remove('content/posts/shell-tricks.md'),
    check: (r, out) => {
      expect(r.changedUrls).toContain('/posts/shell-tricks/');
      expect(out.has('posts/shell-tricks/index.html')).toBe(false);
    },
  },
  {
    name: 'rename a post file: new URL, old page removed',
    edit: () => move('content/posts/testing-joy.md', 'content/posts/joy-of-testing.md'),
    check: (r, out) => {
      expect(out.has('posts/testing-joy/index.html')).toBe(false);
      expect(out.has('posts/joy-of-testing/index.html')).toBe(true);
      expect(r.changedUrls).toContain('/posts/testing-joy/');
    },
  },
  {
    name: 'rename the file a relative link points to: the linking post gets the new URL',
    edit: async () => [
      ...(await move('content/posts/linux-signals.md', 'content/posts/signals.md')),
      ...(await replace('content/posts/profiling-notes.md', './linux-signals.md', './signals.md')),
    ],
    check: (_r, out) =>
      expect(html(out, 'posts/profiling-notes/index.html')).toContain('href="/posts/signals/"'),
  },
  {
    name: 'rename a page bundle folder (index.md and its image move together)',
    edit: () => move('content/posts/alpha-3', 'content/posts/roof', ['index.md', 'diagram.svg']),
    check: (_r, out) => {
      expect(out.has('posts/roof/diagram.svg')).toBe(true);
      expect(out.has('posts/alpha-3/diagram.svg')).toBe(false);
    },
  },
  {
    name: 'edit a bundle file: that file only',
    edit: () => replace('content/posts/roof/diagram.svg', 'fill="#333"', 'fill="#c00"'),
    urls: ['/posts/roof/diagram.svg'],
    exactWork: true,
    quick: false,
  },
  {
    name: 'edit a partial used by lists: pages that render cards, not the others',
    edit: () =>
      replace(
        'templates/partials/card.liquid',
        '<article class="card',
        '<article data-edited class="card',
      ),
    exactWork: true,
    check: (r) => {
      expect(r.changedUrls).toContain('/');
      expect(r.changedUrls).toContain('/topics/rust/');
      expect(r.changedUrls).not.toContain('/archive/');
      expect(r.changedUrls).not.toContain('/about/');
    },
  },
  {
    name: 'edit a page template: every page of that kind, nothing else',
    edit: () =>
      replace(
        'templates/archive.liquid',
        '<p>{{ total }} posts</p>',
        '<p class="total">{{ total }} posts</p>',
      ),
    urls: ['/archive/'],
    exactWork: true,
  },
  {
    name: 'edit a public file: that file only',
    edit: () => replace('public/notes.txt', 'Static notes', 'Static notes, edited'),
    urls: ['/notes.txt'],
    exactWork: true,
  },
  {
    name: 'add a public file',
    edit: () => write('public/img/new.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>\n'),
    urls: ['/img/new.svg'],
    exactWork: true,
  },
  {
    name: 'break front matter: the rebuild fails like a full build, the last good output stays',
    edit: () =>
      replace(
        'content/posts/profiling-notes.md',
        'title: "Profiling Notes"',
        'title: "Profiling Notes',
      ),
    breaks: true,
    check: (r) => {
      const d = r.diagnostics.find((x) => x.severity === 'error')!;
      expect(d.span?.file).toBe('content/posts/profiling-notes.md');
      expect(d.span?.line).toBeGreaterThan(0);
    },
  },
  {
    name: 'fix front matter',
    edit: () =>
      replace(
        'content/posts/profiling-notes.md',
        'title: "Profiling Notes',
        'title: "Profiling Notes"',
      ),
  },
  {
    name: 'rename a heading that another post links to: broken fragment in both builds',
    edit: () => replace('content/posts/alpha-1.md', '## Setup', '## Installation'),
    breaks: true,
  },
  {
    name: 'fix the fragment link in the linking post',
    edit: () => replace('content/posts/alpha-2.md', 'alpha-1.md#setup', 'alpha-1.md#installation'),
  },
  {
    name: 'rename the heading again with a custom id that keeps the fragment: a body edit',
    edit: () =>
      replace('content/posts/alpha-1.md', '## Installation', '## Installing it {#installation}'),
    quick: true,
    check: (_r, out) => {
      expect(html(out, 'posts/alpha-1/index.html')).toContain(
        '<h2 id="installation">Installing it<a class="heading-anchor"',
      );
    },
  },
  {
    name: 'add a directive template and a post body that uses it',
    edit: async () => [
      ...(await write(
        'templates/directives/tip.liquid',
        '<aside class="tip tip-{{ attributes.level }}"><p>{{ children | raw }}</p></aside>\n',
      )),
      ...(await replace(
        'content/posts/queue-theory.md',
        'the number in the system.',
        'the number in the system.\n\n::tip[Measure *before* tuning]{level=2}',
      )),
    ],
    quick: false,
    check: (_r, out) => {
      expect(html(out, 'posts/queue-theory/index.html')).toContain(
        '<aside class="tip tip-2"><p>Measure <em>before</em> tuning</p></aside>',
      );
    },
  },
  {
    name: 'edit the directive template: exactly the post that uses it',
    edit: () =>
      replace('templates/directives/tip.liquid', 'class="tip tip-', 'class="tip tip-level-'),
    exactWork: true,
    check: (r) => {
      const posts = r.changedUrls.filter((u) => u.startsWith('/posts/'));
      expect(posts).toEqual(['/posts/queue-theory/']);
    },
  },
  {
    name: 'use a directive the site does not define: an error in both builds',
    edit: () => replace('content/posts/queue-theory.md', '::tip[', '::tpi['),
    breaks: true,
  },
  {
    name: 'fix the directive name',
    edit: () => replace('content/posts/queue-theory.md', '::tpi[', '::tip['),
  },
  {
    name: 'edit a series definition title',
    edit: () =>
      replace('content/series/beta.md', 'title: "Beta Series"', 'title: "Beta, Revisited"'),
    check: (r) => {
      for (const u of ['/series/beta/', '/series/', '/posts/beta-1/', '/archive/'])
        expect(r.changedUrls).toContain(u);
    },
  },
  {
    name: 'publish a draft',
    edit: () => replace('content/posts/draft-ideas.md', 'draft: true', 'draft: false'),
    check: (r) => expect(r.changedUrls).toContain('/posts/draft-ideas/'),
  },
  {
    name: 'change an alias: the old redirect page goes',
    edit: () => replace('content/posts/caching-basics.md', '/2021/caching/', '/2021/cache/'),
    check: (_r, out) => {
      expect(out.has('2021/caching/index.html')).toBe(false);
      expect(out.has('2021/cache/index.html')).toBe(true);
    },
  },
  {
    name: 'edit a standalone page',
    edit: () => replace('content/pages/about.md', 'written by a test', 'written by a patient test'),
    urls: ['/about/'],
    exactWork: true,
    quick: true,
  },
  {
    name: 'a long addition to a series part: its reading time and its series total change everywhere they are shown',
    edit: () =>
      replace(
        'content/posts/beta-2.md',
        'Scope creeps.',
        `Scope creeps. ${'Every week the list of small additions grows by one more item. '.repeat(60)}`,
      ),
    exactWork: true,
    quick: true,
    check: (r) => {
      for (const u of ['/posts/beta-2/', '/series/beta/']) expect(r.changedUrls).toContain(u);
      // Series cards on the index show parts and status, not reading time.
      expect(r.changedUrls).not.toContain('/series/');
    },
  },
  {
    name: 'a body edit that adds an image takes the full path',
    edit: () =>
      replace(
        'content/posts/caching-basics.md',
        '## Eviction',
        '![The roof diagram](./roof/diagram.svg)\n\n## Eviction',
      ),
    quick: false,
  },
  {
    name: 'a body edit of a draft (not published): nothing changes',
    edit: () => replace('content/posts/future-post.md', 'dated after', 'dated well after'),
    urls: [],
    exactWork: true,
  },
  {
    name: 'add a raster cover to a bundle post: a <picture> above the fold, the body image waits',
    edit: async () => {
      await rasterCover('content/posts/roof/cover.png', '#2a6');
      return [
        abs('content/posts/roof/cover.png'),
        ...(await replace(
          'content/posts/roof/index.md',
          /^(title: .*)$/m,
          '$1\ncover: ./cover.png',
        )),
      ];
    },
    quick: false,
    check: (_r, out) => {
      const page = html(out, 'posts/roof/index.html');
      expect(page).toMatch(
        /<picture><source type="image\/avif" srcset="\/_img\/cover-480-\w{12}\.avif 480w, \/_img\/cover-800-\w{12}\.avif 800w, \/_img\/cover-900-\w{12}\.avif 900w"/,
      );
      expect(page).toMatch(
        /width="900" height="450" alt="" class="cover" loading="eager" fetchpriority="high"><\/picture>/,
      );
      expect(page).toContain('alt="A diagram of the roof" loading="lazy" decoding="async">');
      expect(page.match(/fetchpriority/g)).toHaveLength(1);
      // AVIF and WebP at three widths, the PNG fallback at the largest.
      expect([...out.keys()].filter((k) => k.startsWith('_img/cover-'))).toHaveLength(7);
    },
  },
  {
    name: "replace the cover's bytes: the post page, its social card and the variants, no other page",
    edit: async () => {
      await rasterCover('content/posts/roof/cover.png', '#a26');
      return [abs('content/posts/roof/cover.png')];
    },
    exactWork: true,
    quick: false,
    check: (r) => {
      // The social card shows the cover, so it is drawn again.
      expect(r.changedUrls.filter((u) => !u.startsWith('/_img/'))).toEqual([
        '/og/posts/roof.png',
        '/posts/roof/',
        '/posts/roof/cover.png',
      ]);
      // Seven variants written under new names, seven old ones removed.
      expect(r.changedUrls.filter((u) => u.startsWith('/_img/cover-'))).toHaveLength(14);
    },
  },
  {
    name: 'delete a series definition that posts still name: an error in both builds',
    edit: () => remove('content/series/alpha.md'),
    breaks: true,
  },
  {
    name: 'restore the series definition',
    edit: () =>
      write(
        'content/series/alpha.md',
        '---\ntitle: "Alpha Series"\ndescription: "Parts about alpha things."\nstatus: complete\n---\n\nThe alpha series, restored.\n',
      ),
  },
  {
    name: 'add author files and name two authors in a post: author pages, bylines everywhere',
    edit: async () => [
      ...(await write('content/authors/ada.md', '---\nname: Ada Writer\n---\n\nAda writes.\n')),
      ...(await write('content/authors/bo.md', '---\nname: Bo\n---\n\nBo edits.\n')),
      ...(await replace(
        'content/posts/queue-theory.md',
        'topics: [performance]\n',
        'topics: [performance]\nauthors: [ada, bo]\n',
      )),
    ],
    quick: false,
    check: (r, out) => {
      for (const u of ['/authors/', '/authors/ada/', '/authors/bo/', '/authors/bo/rss.xml'])
        expect(r.changedUrls).toContain(u);
      expect(html(out, 'posts/queue-theory/index.html')).toContain(
        '>Ada Writer</a> <a class="author" href="/authors/bo/">Bo</a>',
      );
    },
  },
  {
    name: "edit an author's bio: their page only",
    edit: () => replace('content/authors/bo.md', 'Bo edits.', 'Bo edits everything twice.'),
    urls: ['/authors/bo/'],
    exactWork: true,
    quick: true,
  },
  {
    name: "edit an author's name: exactly the pages and feeds that show that author",
    edit: () => replace('content/authors/bo.md', 'name: Bo\n', 'name: Bo Renamed\n'),
    exactWork: true,
    quick: false,
    check: (r) => {
      for (const u of [
        '/authors/',
        '/authors/bo/',
        '/authors/bo/atom.xml',
        '/authors/ada/',
        '/posts/queue-theory/',
        '/rss.xml',
        '/topics/performance/',
      ])
        expect(r.changedUrls).toContain(u);
      // Pages that show none of Bo's posts (as a post, a card or a feed item) stay as they were.
      expect(r.changedUrls).not.toContain('/posts/beta-2/');
      expect(r.changedUrls).not.toContain('/series/alpha/');
    },
  },
  {
    name: 'a file added to content/ that no post links to: nothing is published',
    edit: () => write('content/posts/queue-data/arrivals.csv', 'minute,arrivals\n1,4\n'),
    urls: [],
  },
  {
    name: 'a post links to that file: it is published at its path under content/',
    edit: () =>
      replace(
        'content/posts/queue-theory.md',
        /\n*$/,
        '\n\nThe [arrivals](./queue-data/arrivals.csv) behind the chart.\n',
      ),
    quick: false,
    check: (r, out) => {
      expect(r.changedUrls).toContain('/posts/queue-data/arrivals.csv');
      expect(out.get('posts/queue-data/arrivals.csv')?.toString()).toBe('minute,arrivals\n1,4\n');
    },
  },
  {
    name: 'the linked file is edited: its copy changes, and no page',
    edit: () => write('content/posts/queue-data/arrivals.csv', 'minute,arrivals\n1,5\n'),
    urls: ['/posts/queue-data/arrivals.csv'],
  },
  {
    name: 'a second linked file is added beside it, then linked: both are published',
    edit: async () => [
      ...(await write('content/posts/queue-data/waits.csv', 'minute,wait\n1,0.5\n')),
      ...(await replace(
        'content/posts/queue-theory.md',
        'behind the chart',
        'and [waits](queue-data/waits.csv) behind the chart',
      )),
    ],
    check: (r, out) => {
      expect(out.has('posts/queue-data/waits.csv')).toBe(true);
      expect(r.changedUrls).toContain('/posts/queue-data/waits.csv');
    },
  },
  {
    name: 'a linked file is deleted: the build fails like a full one, naming the link',
    edit: () => remove('content/posts/queue-data/waits.csv'),
    breaks: true,
    check: (r) => {
      expect(r.diagnostics.map((d) => d.rule)).toContain('link/broken');
    },
  },
  {
    name: 'the link goes too: the deleted file is gone from the output',
    edit: () => replace('content/posts/queue-theory.md', ' and [waits](queue-data/waits.csv)', ''),
    check: (r, out) => {
      expect(out.has('posts/queue-data/waits.csv')).toBe(false);
      expect(out.has('posts/queue-data/arrivals.csv')).toBe(true);
    },
  },
  {
    name: 'the last link to a file goes: the file is no longer published',
    edit: () => replace('content/posts/queue-theory.md', /\n\nThe \[arrivals\][^\n]*\n/, '\n'),
    check: (r, out) => {
      expect(out.has('posts/queue-data/arrivals.csv')).toBe(false);
      expect(r.changedUrls).toContain('/posts/queue-data/arrivals.csv');
    },
  },
  {
    name: 'config change: everything is rebuilt',
    edit: () => replace('colophon.config.ts', 'pageSize: 4', 'pageSize: 3'),
    check: (r, out) => {
      expect(r.full).toBe(true);
      expect(out.has('page/4/index.html')).toBe(true);
    },
  },
  {
    name: 'config strings edit: every page shows the site’s own text, as a full build does',
    edit: () =>
      replace(
        'colophon.config.ts',
        'pageSize: 3 },',
        "pageSize: 3 },\n  strings: { builtWith: 'Gebaut mit {generator}' },",
      ),
    check: (r, out) => {
      expect(r.full).toBe(true);
      const pages = [...out.keys()].filter((p) => p.endsWith('.html') && !p.includes('redirect'));
      const footers = pages.filter((p) => out.get(p)!.toString().includes('<footer>'));
      expect(footers.length).toBeGreaterThan(10);
      for (const p of footers) expect(out.get(p)!.toString()).toContain('Gebaut mit Colophon');
    },
  },
];

describe('incremental rebuilds of the blog fixture equal full builds', () => {
  beforeAll(async () => {
    root = await copyFixture('blog');
    outDir = path.join(await tempDir('serve-out'), 'out');
    session = new DevSession({ root, drafts: false, future: false, outDir, now: NOW });
    const first = await session.start();
    expect(first.ok, JSON.stringify(first.diagnostics, null, 2)).toBe(true);
    await session.pipeline.imagesWritten();
    last = await fullBuild(root);
    expect(last.ok, JSON.stringify(last.diagnostics, null, 2)).toBe(true);
  });

  afterAll(async () => {
    await session?.dispose();
    await rm(path.dirname(root), { recursive: true, force: true });
    await rm(path.dirname(outDir), { recursive: true, force: true });
  });

  it('the first build equals a full build', async () => {
    expect(describeDiff(await readTree(outDir), last.tree)).toBe('');
  });

  for (const step of steps) {
    it(step.name, async () => {
      const files = await step.edit();
      const r = await session.rebuild({ files });
      // serve encodes image variants in the background: the folder is complete once they are in.
      await session.pipeline.imagesWritten();
      const full = await fullBuild(root);
      const out = await readTree(outDir);
      const before = last;
      if (step.breaks) {
        expect(full.ok).toBe(false);
        expect(r.ok).toBe(false);
        expect(errorKeys(r.diagnostics)).toEqual(errorKeys(full.diagnostics));
        // The last good version keeps being served.
        expect(describeDiff(out, before.tree)).toBe('');
        step.check?.(r, out);
        return;
      }
      // Later steps compare against this build even if this one fails.
      if (full.ok) last = full;
      expect(full.ok, JSON.stringify(full.diagnostics, null, 2)).toBe(true);
      expect(r.ok, JSON.stringify(r.diagnostics, null, 2)).toBe(true);
      expect(describeDiff(out, full.tree)).toBe('');
      const changed = changedPaths(before.tree, full.tree);
      expect(r.changedUrls).toEqual(changed.map(urlOf).sort());
      if (step.urls) expect(r.changedUrls).toEqual(step.urls);
      if (step.quick !== undefined) expect(r.quick).toBe(step.quick);
      if (step.exactWork) {
        const pages = changed.filter(
          (p) => p.endsWith('.html') || p.endsWith('.xml') || p.endsWith('.json'),
        );
        expect(r.rendered).toBe(pages.length);
      }
      step.check?.(r, out);
    });
  }
});
