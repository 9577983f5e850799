import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  loadEntry,
  parseEntry,
  slugFromName,
  type EntryKind,
  type PostEntry,
  type SourceFile,
} from '../../src/content/index.js';
import { diagnosticLines } from '../helpers/site.js';

/** Front matter written for Hugo, Jekyll, Eleventy and Astro, read as ours. */

function source(name: string, kind: EntryKind = 'post'): SourceFile {
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
const parse = (fm: string, name = 'x', kind: EntryKind = 'post') => {
  const r = parseEntry(source(name, kind), new TextEncoder().encode(`---\n${fm}---\n\nBody.\n`));
  return { entry: r.entry as PostEntry | null, lines: diagnosticLines(r.diagnostics) };
};
/** A post that must build without any diagnostic. */
const post = (fm: string, name = 'x') => {
  const r = parse(fm, name);
  expect(r.lines).toEqual([]);
  return r.entry!;
};
const day = (d: Date | undefined) => d?.toISOString();
const silence =
  "Remove it, or silence this with rules: { 'front-matter/ignored-key': 'off' } in colophon.config.ts.";

describe('dates from other generators', () => {
  test('a Jekyll date-time with a zone', () => {
    expect(day(post('title: T\ndate:   2020-01-02 15:32:14 -0300\n').date)).toBe(
      '2020-01-02T18:32:14.000Z',
    );
  });

  test('an impossible Jekyll date is still an error at the value', () => {
    expect(parse('title: T\ndate: 2021-02-29 10:00:00 +0100\n').lines).toEqual([
      'content/posts/x.md:3:7 error [front-matter/invalid-date] Invalid value for "date": not a real calendar date; use YYYY-MM-DD (or an ISO date-time).',
    ]);
  });

  test('pubDate (Astro) and publishDate (Hugo) give the date; `date` wins over both', () => {
    expect(day(post("title: T\npubDate: 'Jul 08 2022'\n").date)).toBe('2022-07-08T00:00:00.000Z');
    expect(day(post('title: T\npublishDate: 2022-07-09\n').date)).toBe('2022-07-09T00:00:00.000Z');
    expect(day(post('title: T\ndate: 2022-01-01\npubDate: 2022-07-08\n').date)).toBe(
      '2022-01-01T00:00:00.000Z',
    );
  });

  test('lastmod, last_modified_at, modified, updatedDate give "updated"; `updated` wins', () => {
    for (const key of ['lastmod', 'lastMod', 'last_modified_at', 'modified', 'updatedDate'])
      expect(day(post(`title: T\ndate: 2022-01-01\n${key}: 2022-03-04\n`).updated), key).toBe(
        '2022-03-04T00:00:00.000Z',
      );
    expect(
      day(post('title: T\ndate: 2022-01-01\nlastmod: 2022-03-04\nupdated: 2022-05-06\n').updated),
    ).toBe('2022-05-06T00:00:00.000Z');
  });

  test('a bad date under an alias is reported at that key, by its name', () => {
    expect(parse('title: T\ndate: 2022-01-01\nlastmod: 2022-02-30\n').lines).toEqual([
      'content/posts/x.md:4:10 error [front-matter/invalid-date] Invalid value for "lastmod": not a real calendar date; use YYYY-MM-DD (or an ISO date-time).',
    ]);
  });

  test('a Jekyll post without a date takes the one in its file name', () => {
    expect(day(post('title: T\n', '2019-05-06-old-post').date)).toBe('2019-05-06T00:00:00.000Z');
    expect(parse('title: T\n', '2019-02-30-old-post').lines[0]).toContain(
      '[front-matter/missing-key] Missing required key "date"',
    );
  });

  test('expiryDate (Hugo) gives "expires"', () => {
    expect(day(post('title: T\ndate: 2022-01-01\nexpiryDate: 2030-01-01\n').expires)).toBe(
      '2030-01-01T00:00:00.000Z',
    );
  });
});

describe('topics from categories', () => {
  test('categories are added after tags or topics, without duplicates', () => {
    expect(
      post('title: T\ndate: 2022-01-01\ntags: [Go, web]\ncategories: [dev, go]\n').topics,
    ).toEqual(['go', 'web', 'dev']);
    expect(post('title: T\ndate: 2022-01-01\ncategories: [dev]\ntopics: [rust]\n').topics).toEqual([
      'rust',
      'dev',
    ]);
    expect(post('title: T\ndate: 2022-01-01\ncategories: [Dev Ops]\n').topics).toEqual(['dev-ops']);
  });

  test('space-separated strings, as Jekyll writes them', () => {
    expect(post('title: T\ndate: 2022-01-01\ncategories: jekyll update\n').topics).toEqual([
      'jekyll',
      'update',
    ]);
    expect(post('title: T\ndate: 2022-01-01\ntags: a b\ncategory: c\n').topics).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  test('a bad category is reported at the category', () => {
    expect(parse('title: T\ndate: 2022-01-01\ntags: [a]\ncategories: [b, ""]\n').lines).toEqual([
      'content/posts/x.md:5:17 error [front-matter/invalid-value] Invalid value for "categories.1": Too small: expected string to have >=1 characters.',
    ]);
  });
});

describe('other keys with a meaning here', () => {
  test('summary or excerpt is the description when there is none', () => {
    expect(post('title: T\ndate: 2022-01-01\nsummary: S\n').description).toBe('S');
    expect(post('title: T\ndate: 2022-01-01\nexcerpt: E\n').description).toBe('E');
    expect(post('title: T\ndate: 2022-01-01\nsummary: S\ndescription: D\n').description).toBe('D');
  });

  test('heroImage is the cover, images[0] the social image, cover.image (Hugo themes) the cover', () => {
    expect(post('title: T\ndate: 2022-01-01\nheroImage: /hero.jpg\n').cover).toBe('/hero.jpg');
    expect(post('title: T\ndate: 2022-01-01\nimages: [/a.png, /b.png]\n').image).toBe('/a.png');
    const e = post(
      'title: T\ndate: 2022-01-01\ncover:\n  image: /c.png\n  alt: A cat\n  relative: false\n',
    );
    expect([e.cover, e.coverAlt]).toEqual(['/c.png', 'A cat']);
  });

  test('author (a name or a list) and by are aliases of authors; authors wins', () => {
    expect(post('title: T\ndate: 2022-01-01\nauthor: Jane Doe\n').authors).toEqual(['Jane Doe']);
    expect(post('title: T\ndate: 2022-01-01\nauthor: [ada, teo]\n').authors).toEqual([
      'ada',
      'teo',
    ]);
    expect(post('title: T\ndate: 2022-01-01\nby: ada\n').authors).toEqual(['ada']);
    expect(post('title: T\ndate: 2022-01-01\nauthors: [teo]\nauthor: ada\n').authors).toEqual([
      'teo',
    ]);
  });

  test('published: false is a draft; redirect_from are aliases; canonicalURL is canonical', () => {
    expect(post('title: T\ndate: 2022-01-01\npublished: false\n').draft).toBe(true);
    expect(post('title: T\ndate: 2022-01-01\nredirect_from: /old/\n').aliases).toEqual(['/old/']);
    expect(post('title: T\ndate: 2022-01-01\ncanonicalURL: https://a.example/x\n').canonical).toBe(
      'https://a.example/x',
    );
  });
});

describe('keys that mean nothing here', () => {
  test('are ignored with one warning each, naming the key and how to silence it', () => {
    const r = parse(
      'layout: post\ntitle: T\ndate: 2022-01-01\nshare: true\nweight: 3\nmath: true\ncomments: false\n',
    );
    expect(r.entry).toMatchObject({ title: 'T' });
    expect(r.lines).toEqual([
      `content/posts/x.md:2:1 warning [front-matter/ignored-key] Ignored post front-matter key "layout": Colophon does not use it. ${silence}`,
      `content/posts/x.md:5:1 warning [front-matter/ignored-key] Ignored post front-matter key "share": Colophon does not use it. ${silence}`,
      `content/posts/x.md:6:1 warning [front-matter/ignored-key] Ignored post front-matter key "weight": Colophon does not use it. ${silence}`,
      `content/posts/x.md:7:1 warning [front-matter/ignored-key] Ignored post front-matter key "math": Colophon does not use it. ${silence}`,
      `content/posts/x.md:8:1 warning [front-matter/ignored-key] Ignored post front-matter key "comments": Colophon does not use it. ${silence}`,
    ]);
  });

  test('a key that looks like a typo of ours is still an error, and the post is not built', () => {
    const r = parse('title: T\ndate: 2022-01-01\ndescripton: D\nlayout: post\n');
    expect(r.entry).toBeNull();
    expect(r.lines).toEqual([
      'content/posts/x.md:4:1 error [front-matter/unknown-key] Unknown post front-matter key "descripton". Did you mean "description"?',
      `content/posts/x.md:5:1 warning [front-matter/ignored-key] Ignored post front-matter key "layout": Colophon does not use it. ${silence}`,
    ]);
    expect(parse('title: T\ndate: 2022-01-01\nlastmood: 2022-02-02\n').lines).toEqual([
      'content/posts/x.md:4:1 error [front-matter/unknown-key] Unknown post front-matter key "lastmood". Did you mean "lastmod"?',
    ]);
  });
});

describe('the entry cache', () => {
  test('a warm build reports the ignored keys again (warnings are cached with the entry)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'colophon-imported-'));
    try {
      const abs = path.join(dir, 'x.md');
      await writeFile(abs, '---\ntitle: T\ndate: 2022-01-01\nlayout: post\n---\n\nBody.\n');
      const store = new Map<string, unknown>();
      const cache = {
        get: (k: string) => store.get(k),
        set: (k: string, v: unknown) => void store.set(k, v),
      };
      const cold = await loadEntry({ ...source('x'), abs }, cache);
      const warm = await loadEntry({ ...source('x'), abs }, cache);
      expect(store.size).toBe(1);
      expect(diagnosticLines(warm.diagnostics)).toEqual([
        `content/posts/x.md:4:1 warning [front-matter/ignored-key] Ignored post front-matter key "layout": Colophon does not use it. ${silence}`,
      ]);
      expect(diagnosticLines(cold.diagnostics)).toEqual(diagnosticLines(warm.diagnostics));
      expect((warm.entry as PostEntry | null)?.date.toISOString()).toBe('2022-01-01T00:00:00.000Z');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
