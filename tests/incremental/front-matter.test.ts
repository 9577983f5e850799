import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorSchema,
  pageSchema,
  postSchema,
  seriesSchema,
  topicSchema,
} from '../../src/content/schemas.js';
import { DevSession } from '../../src/dev/session.js';
import { buildSite } from '../../src/pipeline/index.js';
import { copyFixture, describeDiff, fullBuild, NOW, readTree, tempDir } from './helpers.js';

/**
 * Route builders declare no dependencies: reading a field is declaring it (routes/views.ts). So a
 * front-matter key needs nothing but its schema, its entry field, its view-model field and a
 * template to show it, and its pages rebuild when it changes. This test proves it for every key
 * of every kind, including the ones added after it was written: each edit sets one key of one
 * entry in the `keys` fixture (adding the line when the key is new to the file), then a cached
 * build and a `serve` rebuild must both give the bytes of a fresh full build.
 *
 * A key added to a schema fails the first test until it has an edit below: that edit is all it
 * takes for the rebuild of its pages to be checked.
 */

interface Edit {
  /** Project-relative file. */
  file: string;
  /** Front-matter lines to set, `key: value` as YAML. */
  set: Record<string, string>;
}

const post = (name: string, set: Record<string, string>): Edit => ({
  file: `content/posts/${name}.md`,
  set,
});
const page: Edit['file'] = 'content/pages/about.md';
const series: Edit['file'] = 'content/series/s.md';
const topic: Edit['file'] = 'content/topics/alpha.md';
const author: Edit['file'] = 'content/authors/ada.md';

/** One edit per key (some set two keys that only make sense together), applied in order. */
const EDITS: Record<'post' | 'page' | 'series' | 'topic' | 'author', Edit[]> = {
  post: [
    post('one', { title: '"One, renamed"' }),
    post('one', { description: '"What the first post is about."' }),
    post('one', { toc: 'false' }),
    post('one', { canonical: 'https://elsewhere.example/one/' }),
    post('one', { cover: '/img/cover.svg' }),
    post('one', { coverAlt: '"A blue rectangle"' }),
    post('one', { image: '/img/cover.svg' }),
    post('one', { updated: '2025-04-15' }),
    post('one', { date: '2025-03-20' }),
    post('one', { topics: '[alpha, gamma]' }),
    post('two', { tags: '[delta]' }),
    post('five', { series: 'u', part: '2' }),
    post('one', { aliases: '[/old/one/]' }),
    post('four', { url: '/elsewhere/four/' }),
    post('one', { slug: 'first' }),
    post('six', { draft: 'true' }),
    post('three', { expires: '2025-05-20' }),
    post('two', { authors: '[ada, "Sam Guest"]' }),
  ],
  page: [
    { file: page, set: { title: '"About us"' } },
    { file: page, set: { description: '"Who we are."' } },
    { file: page, set: { toc: 'false' } },
    { file: page, set: { updated: '2025-05-02' } },
    { file: page, set: { image: '/img/cover.svg' } },
    { file: page, set: { aliases: '[/about-us/]' } },
    { file: page, set: { url: '/who-we-are/' } },
    { file: page, set: { slug: 'who' } },
    { file: page, set: { draft: 'true' } },
  ],
  series: [
    { file: series, set: { title: '"Series S, renamed"' } },
    { file: series, set: { description: '"Two parts, more to come."' } },
    { file: series, set: { status: 'complete' } },
    { file: series, set: { planned: '4' } },
    { file: series, set: { cover: '/img/cover.svg' } },
    { file: series, set: { coverAlt: '"The series cover"' } },
    { file: series, set: { topics: '[beta]' } },
    { file: series, set: { image: '/img/cover.svg' } },
    { file: series, set: { url: '/guides/s/' } },
    { file: series, set: { aliases: '[/old-series/s/]' } },
  ],
  author: [
    { file: author, set: { name: '"Ada, renamed"' } },
    { file: author, set: { avatar: '/img/cover.svg' } },
    { file: author, set: { email: 'ada@keys.example' } },
    { file: author, set: { links: '[https://github.com/ada]' } },
    { file: author, set: { url: '/people/ada/' } },
    { file: author, set: { aliases: '[/writers/ada/]' } },
  ],
  topic: [
    { file: topic, set: { title: '"Alpha, renamed"' } },
    { file: topic, set: { description: '"All about alpha."' } },
    { file: topic, set: { cover: '/img/cover.svg' } },
    { file: topic, set: { coverAlt: '"The topic cover"' } },
    { file: topic, set: { image: '/img/cover.svg' } },
    { file: topic, set: { url: '/alpha/' } },
    { file: topic, set: { aliases: '[/tags/alpha/]' } },
  ],
};

const SCHEMAS = {
  post: postSchema,
  page: pageSchema,
  series: seriesSchema,
  topic: topicSchema,
  author: authorSchema,
};

/** Set front-matter lines: replace the key's line, or add it before the closing `---`. */
function setKeys(text: string, set: Record<string, string>): string {
  const end = text.indexOf('\n---', 3);
  let head = text.slice(0, end);
  for (const [key, value] of Object.entries(set)) {
    const line = new RegExp(`^${key}:.*$`, 'm');
    head = line.test(head) ? head.replace(line, `${key}: ${value}`) : `${head}\n${key}: ${value}`;
  }
  return head + text.slice(end);
}

let root = '';
let scratch = '';
let session: DevSession;

const cachedBuild = async () => {
  const outDir = path.join(scratch, 'out');
  const r = await buildSite({
    root,
    outDir,
    cacheDir: path.join(scratch, 'cache'),
    now: NOW,
    workers: 0,
  });
  return { ok: r.ok, diagnostics: r.diagnostics, tree: r.ok ? await readTree(outDir) : new Map() };
};

beforeAll(async () => {
  root = await copyFixture('keys');
  scratch = await tempDir('keys');
  session = new DevSession({
    root,
    drafts: false,
    future: false,
    outDir: path.join(scratch, 'serve'),
    now: NOW,
  });
  expect((await session.start()).ok).toBe(true);
  expect((await cachedBuild()).ok).toBe(true);
}, 60_000);

afterAll(async () => {
  await session?.dispose();
  await rm(path.dirname(root), { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

describe('front matter: every key rebuilds its pages, with no dependency declared by hand', () => {
  it('every key of every schema has an edit here', () => {
    for (const [kind, schema] of Object.entries(SCHEMAS)) {
      const edited = new Set(EDITS[kind as keyof typeof EDITS].flatMap((e) => Object.keys(e.set)));
      const missing = Object.keys(schema.shape).filter((k) => !edited.has(k));
      expect(missing, `${kind} keys without an edit in this test`).toEqual([]);
    }
  });

  const all = Object.entries(EDITS).flatMap(([kind, edits]) =>
    edits.map((e) => ({ kind, ...e, name: `${kind} ${Object.keys(e.set).join(' + ')}` })),
  );
  it.each(all)(
    '$name: a cached build and serve give the bytes of a full build',
    async ({ file, set }) => {
      const abs = path.join(root, file);
      const before = await readFile(abs, 'utf8');
      const after = setKeys(before, set);
      expect(after).not.toBe(before);
      await writeFile(abs, after);

      const full = await fullBuild(root);
      expect(full.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const served = await session.rebuild({ files: [abs] });
      expect(served.ok, JSON.stringify(served.diagnostics)).toBe(true);
      const live = await readTree(session.outDir);
      expect(describeDiff(live, full.tree), 'serve').toBe('');
      const cached = await cachedBuild();
      expect(cached.ok, JSON.stringify(cached.diagnostics)).toBe(true);
      expect(describeDiff(cached.tree, full.tree), 'cached build').toBe('');
    },
    60_000,
  );
});
