import { describe, expect, test } from 'vitest';
import {
  parseEntry,
  slugFromName,
  topicId,
  type Entry,
  type EntryKind,
  type PageEntry,
  type PostEntry,
  type SeriesEntry,
  type SourceFile,
  type TopicEntry,
} from '../../src/content/index.js';
import { diagnosticLines } from '../helpers/site.js';

function source(kind: EntryKind, name: string): SourceFile {
  const folder = {
    post: 'posts',
    series: 'series',
    topic: 'topics',
    page: 'pages',
    author: 'authors',
  }[kind];
  return {
    kind,
    abs: `/site/content/${folder}/${name}.md`,
    file: `content/${folder}/${name}.md`,
    slug: slugFromName(name),
    bundle: false,
    dir: `content/${folder}`,
    assets: [],
  };
}
const bytes = (s: string | number[]) =>
  typeof s === 'string' ? new TextEncoder().encode(s) : Uint8Array.from(s);

function entry<T extends Entry = PostEntry>(text: string, kind: EntryKind = 'post', name = 'x'): T {
  const r = parseEntry(source(kind, name), bytes(text));
  if (!r.entry) throw new Error(diagnosticLines(r.diagnostics).join('\n'));
  expect(r.diagnostics).toEqual([]);
  return r.entry as T;
}
function problems(text: string | number[], kind: EntryKind = 'post'): string[] {
  const r = parseEntry(source(kind, 'x'), bytes(text));
  expect(r.entry).toBeNull();
  return diagnosticLines(r.diagnostics);
}
const post = (fm: string, body = 'Body.\n') =>
  `---\ntitle: T\ndate: 2026-01-02\n${fm}---\n\n${body}`;

describe('posts', () => {
  test('fields, defaults, dates as UTC calendar days', () => {
    const e = entry(post(''));
    expect(e).toMatchObject({
      kind: 'post',
      id: 'x',
      title: 'T',
      description: '',
      topics: [],
      draft: false,
      aliases: [],
      toc: true,
      bundle: false,
      bodyLine: 5,
    });
    expect(e.date.toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(e.series).toBeUndefined();
  });

  test('a date-time with a zone is kept to the second', () => {
    expect(entry(post('updated: 2026-01-03T10:15:30+02:00\n')).updated!.toISOString()).toBe(
      '2026-01-03T08:15:30.000Z',
    );
  });

  test('topics are normalised and deduplicated; "tags" is an alias', () => {
    expect(
      entry(post('topics: [Linux Kernel, linux_kernel, eBPF, EBPF, "C++", "C#", C]\n')).topics,
    ).toEqual(['linux-kernel', 'ebpf', 'c-plus-plus', 'c-sharp', 'c']);
    expect(entry(post('tags: [Rust]\n')).topics).toEqual(['rust']);
    expect(problems(post('topics: [a]\ntags: [b]\n'))).toEqual([
      'content/posts/x.md:5:1 error [front-matter/topics-and-tags] Use either "topics" or its alias "tags", not both.',
    ]);
  });

  test('slug in front matter overrides the file name', () => {
    expect(entry(post('slug: better-name\n')).id).toBe('better-name');
    expect(problems(post('slug: Bad/Slug\n'))[0]).toContain(
      '[front-matter/invalid-value] Invalid value for "slug": a slug uses lowercase letters',
    );
    expect(problems(post('slug: con\n'))[0]).toContain(
      'this slug is a reserved file name on Windows',
    );
  });

  test('series and part must come together', () => {
    const e = entry(post('series: s\npart: 2\n'));
    expect([e.series, e.part]).toEqual(['s', 2]);
    expect(problems(post('part: 0\nseries: s\n'))[0]).toBe(
      'content/posts/x.md:4:7 error [front-matter/invalid-value] Invalid value for "part": Too small: expected number to be >=1.',
    );
  });

  test('strict dates: impossible days, wrong formats and bare numbers are errors at the value', () => {
    expect(problems(post('updated: 2025-02-29\n'))).toEqual([
      'content/posts/x.md:4:10 error [front-matter/invalid-date] Invalid value for "updated": not a real calendar date; use YYYY-MM-DD (or an ISO date-time).',
    ]);
    expect(problems(post('expires: 03/04/2026\n'))[0]).toContain(
      '[front-matter/invalid-date] Invalid value for "expires"',
    );
    expect(problems('---\ntitle: T\ndate: 20260102\n---\n')).toEqual([
      'content/posts/x.md:3:7 error [front-matter/invalid-date] Invalid value for "date": write the date as YYYY-MM-DD.',
    ]);
  });

  test('aliases must be site paths without dot segments', () => {
    expect(entry(post('aliases: [/old/url/, /legacy.html]\n')).aliases).toEqual([
      '/old/url/',
      '/legacy.html',
    ]);
    expect(problems(post('aliases: [old/url/]\n'))[0]).toContain(
      'an alias is a site path starting with "/"',
    );
    expect(problems(post('aliases: [/a/../b/]\n'))[0]).toContain(
      'may not contain "." or ".." segments',
    );
  });

  test('url sets the address as written (capitals and dots kept); it is a folder path', () => {
    expect(entry(post('url: /2025/01/15/Release-0.4.0/\n')).url).toBe('/2025/01/15/Release-0.4.0/');
    expect(entry(post('')).url).toBeUndefined();
    expect(problems(post('url: /x/old.html\n'))[0]).toContain(
      'a url is a site path that starts and ends with "/"',
    );
    expect(problems(post('url: x/\n'))[0]).toContain('a site path starting with "/"');
    expect(problems(post('url: /a/../b/\n'))[0]).toContain('may not contain "." or ".." segments');
  });

  test('series, topics and pages take url and aliases too', () => {
    const s = entry<SeriesEntry>(
      '---\ntitle: S\nurl: /blog/tiny-vm/\naliases: [/old-vm/]\n---\n',
      'series',
    );
    expect([s.url, s.aliases]).toEqual(['/blog/tiny-vm/', ['/old-vm/']]);
    const t = entry<TopicEntry>(
      '---\ntitle: T\nurl: /notes/\naliases: [/categories/notes/, /tags/notes.html]\n---\n',
      'topic',
    );
    expect([t.url, t.aliases]).toEqual(['/notes/', ['/categories/notes/', '/tags/notes.html']]);
    expect(entry<TopicEntry>('---\ntitle: T\n---\n', 'topic').aliases).toEqual([]);
    expect(entry<PageEntry>('---\ntitle: P\nurl: /talks/meetup/\n---\n', 'page').url).toBe(
      '/talks/meetup/',
    );
  });

  test('metaHash follows the front matter, bodyHash the body', () => {
    const a = entry(post(''));
    const b = entry(post('', 'Other body.\n'));
    const c = entry(post('description: changed\n'));
    expect(b.metaHash).toBe(a.metaHash);
    expect(b.bodyHash).not.toBe(a.bodyHash);
    expect(c.metaHash).not.toBe(a.metaHash);
    expect(c.bodyHash).toBe(a.bodyHash);
  });

  test('keyLines record where each key is, for later diagnostics', () => {
    expect(entry(post('series: s\npart: 1\n')).keyLines).toEqual({
      title: { line: 2, column: 1 },
      date: { line: 3, column: 1 },
      series: { line: 4, column: 1 },
      part: { line: 5, column: 1 },
    });
  });
});

describe('other kinds', () => {
  test('series: status defaults to ongoing; topics normalised', () => {
    const s = entry<Entry & { kind: 'series' }>(
      '---\ntitle: S\nplanned: 4\ntopics: [Linux Kernel]\n---\nIntro.\n',
      'series',
    );
    expect(s).toMatchObject({
      kind: 'series',
      status: 'ongoing',
      planned: 4,
      topics: ['linux-kernel'],
    });
    expect(problems('---\ntitle: S\nstatus: done\n---\n', 'series')[0]).toContain(
      'Invalid value for "status"',
    );
  });

  test('topic ids come from the file name, normalised like topic names in posts', () => {
    expect(entry('---\ntitle: Kernel\n---\n', 'topic', 'Linux_Kernel').id).toBe('linux-kernel');
    expect(entry('---\ntitle: C++\n---\n', 'topic', 'c++').id).toBe('c-plus-plus');
  });

  test('pages: toc off by default, slug override, draft', () => {
    const p = entry<Entry & { kind: 'page' }>(
      '---\ntitle: About\nslug: me\ndraft: true\n---\n',
      'page',
      'about',
    );
    expect(p).toMatchObject({ kind: 'page', id: 'me', toc: false, draft: true });
  });

  test('unknown keys get a suggestion from the keys of that kind', () => {
    expect(problems('---\ntitle: S\nstatuss: complete\n---\n', 'series')).toEqual([
      'content/series/x.md:3:1 error [front-matter/unknown-key] Unknown series front-matter key "statuss". Did you mean "status"?',
    ]);
  });

  test('a key of another kind with no close match is ignored with a warning that says whose key it is', () => {
    const r = parseEntry(source('page', 'x'), bytes('---\ntitle: P\ndate: 2026-01-01\n---\n'));
    expect(r.entry).toMatchObject({ kind: 'page', title: 'P' });
    expect(diagnosticLines(r.diagnostics)).toEqual([
      "content/pages/x.md:3:1 warning [front-matter/ignored-key] Ignored page front-matter key \"date\": it is a post key, not used in a page. Remove it, or silence this with rules: { 'front-matter/ignored-key': 'off' } in colophon.config.ts.",
    ]);
  });

  test('a missing title is reported for every kind', () => {
    for (const kind of ['post', 'series', 'topic', 'page'] as const) {
      expect(
        problems('---\ndescription: d\n---\n', kind).some((l) =>
          l.includes(
            `[front-matter/missing-key] Missing required key "title" in ${kind} front matter.`,
          ),
        ),
        kind,
      ).toBe(true);
    }
  });
});

describe('file contents', () => {
  test('a UTF-8 byte-order mark is ignored', () => {
    expect(entry('\ufeff' + post('')).title).toBe('T');
  });

  test('invalid UTF-8 is reported at the first bad byte', () => {
    const text = [
      ...new TextEncoder().encode('---\ntitle: Caf'),
      0xe9,
      ...new TextEncoder().encode('\n---\n'),
    ];
    expect(problems(text)).toEqual([
      'content/posts/x.md:2:11 error [content/invalid-utf8] File is not valid UTF-8. Re-save it with UTF-8 encoding.',
    ]);
  });

  test('NUL bytes mean a binary file', () => {
    expect(problems([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])[0]).toContain('[content/binary-file]');
  });

  test('files over 2 MB are refused', () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61);
    const r = parseEntry(source('post', 'x'), big);
    expect(r.entry).toBeNull();
    expect(diagnosticLines(r.diagnostics)[0]).toContain(
      '[content/too-large] File is 2.0 MB, over the 2 MB limit.',
    );
  });
});

describe('slugs from file names', () => {
  test.each([
    ['hello-world', 'hello-world'],
    ['Hello World', 'hello-world'],
    ['Über  Straße', 'über-straße'],
    ['cafe\u0301', 'café'], // NFD in, NFC out: one URL for both spellings
    ['a..b', 'a.b'],
    ['..secret', 'secret'],
    ['what?!', 'what'],
    ['---', 'untitled'],
  ])('%j -> %j', (name, slug) => {
    expect(slugFromName(name)).toBe(slug);
    expect(slugFromName(name)).toBe(slugFromName(name).normalize('NFC'));
  });
});

describe('topic ids', () => {
  test.each([
    ['Linux Kernel', 'linux-kernel'],
    ['linux_kernel', 'linux-kernel'],
    ['  eBPF ', 'ebpf'],
    ['C++', 'c-plus-plus'],
    ['C#', 'c-sharp'],
    ['Node.js', 'nodejs'],
    ['Café', 'café'],
    ['--a--b--', 'a-b'],
  ])('%j -> %j', (name, id) => {
    expect(topicId(name)).toBe(id);
  });
});
