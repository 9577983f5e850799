import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildFixture,
  diagnosticLines,
  expectGolden,
  copyFixture,
  editFile,
  type BuiltSite,
} from '../helpers/site.js';
import { headOf, select, texts } from '../helpers/html.js';

const cards = (html: string) =>
  select(html, 'li', 'card').map((el) => String(el.properties['id']).replace(/^card-/, ''));
/** Links of the post cards of the default theme. */
const titles = (html: string) =>
  [...html.matchAll(/class="card-title"><a href="([^"]+)"/g)].map((m) => m[1]);
const ids = (html: string, cls: string) =>
  select(html, 'li', cls).map((el) => String(el.properties['id']));

describe('topics site: hubs, intros, series in topics, undefined topics, tags alias', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('topics');
  });
  afterAll(() => site.cleanup());

  test('builds cleanly', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(site.result.ok).toBe(true);
  });

  test('output matches expected/', async () => {
    await expectGolden(site, 'topics');
  });

  test('a defined topic has a hub with its title, description and Markdown intro', () => {
    const hub = site.file('topics/ebpf/index.html');
    expect(texts(hub, 'h1')).toEqual(['eBPF']);
    expect(texts(hub, 'p', 'description')).toEqual(['Programs that run inside the kernel.']);
    expect(hub).toContain(
      '<div class="intro">\n<p>The <strong>eBPF</strong> hub: start with the tracing series below.</p>',
    );
    expect(headOf(hub).title).toBe('eBPF · Topics Fixture');
  });

  test('posts are listed newest first; series filed under the topic are listed too', () => {
    expect(cards(site.file('topics/ebpf/index.html'))).toEqual(['ebpf-maps', 'ebpf-intro']);
    expect(ids(site.file('topics/ebpf/index.html'), 'series-card')).toEqual(['series-tracing']);
    expect(cards(site.file('topics/networking/index.html'))).toEqual([
      'packet-path',
      'kernel-modules',
    ]);
    // net-notes has no topics of its own: it is filed under its parts' topics.
    expect(ids(site.file('topics/networking/index.html'), 'series-card')).toEqual([
      'series-net-notes',
    ]);
    expect(ids(site.file('topics/linux-kernel/index.html'), 'series-card')).toEqual([]);
  });

  test('topic names are normalised: case, spaces and underscores, duplicates removed', () => {
    // "eBPF" + "ebpf" are one topic; "Linux Kernel" and "linux_kernel" are linux-kernel.
    const intro = site.file('posts/ebpf-intro/index.html');
    expect(texts(intro, 'p', 'topics')).toEqual(['Topics: eBPF Linux Kernel']);
    expect(cards(site.file('topics/linux-kernel/index.html'))).toEqual([
      'kernel-modules',
      'ebpf-intro',
    ]);
  });

  test('"tags" is an alias of "topics"', () => {
    expect(texts(site.file('posts/ebpf-maps/index.html'), 'p', 'topics')).toEqual(['Topics: eBPF']);
  });

  test('a topic without a definition file still gets a page, titled by its id', () => {
    const hub = site.file('topics/networking/index.html');
    expect(texts(hub, 'h1')).toEqual(['networking']);
    expect(texts(hub, 'div', 'intro')).toEqual(['']);
    expect(site.file('sitemap.xml')).toContain(
      '<loc>https://topics.example/topics/networking/</loc>',
    );
  });

  test('a defined topic that no post uses still has a page and an index entry', () => {
    expect(texts(site.file('topics/rust/index.html'), 'p', 'count')).toEqual(['0 post(s)']);
  });

  test('the topic index lists every topic by title with its post count', () => {
    const index = site.file('topics/index.html');
    expect(ids(index, 'topic-card')).toEqual([
      'topic-ebpf',
      'topic-linux-kernel',
      'topic-networking',
      'topic-rust',
    ]);
    expect(texts(index, 'li', 'topic-card')).toEqual([
      'eBPF · 2 post(s) · Programs that run inside the kernel.',
      'Linux Kernel · 2 post(s)',
      'networking · 2 post(s)',
      'Rust · 0 post(s) · Defined, but no post uses it yet.',
    ]);
  });

  test('each topic has its own feeds', () => {
    const json = JSON.parse(site.file('topics/linux-kernel/feed.json')) as {
      title: string;
      items: { url: string }[];
    };
    expect(json.title).toBe('Linux Kernel · Topics Fixture');
    expect(json.items.map((i) => i.url)).toEqual([
      'https://topics.example/posts/kernel-modules/',
      'https://topics.example/posts/ebpf-intro/',
    ]);
  });
});

describe('topic hubs are paginated like home (default theme, pageSize 1)', () => {
  let site: BuiltSite;
  let copy: { root: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    copy = await copyFixture('topics');
    await editFile(
      path.join(copy.root, 'colophon.config.ts'),
      'search: { enabled: false },',
      'search: { enabled: true },\n  pagination: { pageSize: 1 },',
    );
    // The default theme's topic template, not the fixture's.
    await rm(path.join(copy.root, 'templates'), { recursive: true });
    site = await buildFixture(copy.root);
  });
  afterAll(async () => {
    await site.cleanup();
    await copy.cleanup();
  });

  test('page 1: intro, the series, the newest post, a link to page 2', () => {
    const hub = site.file('topics/ebpf/index.html');
    expect(site.result.ok).toBe(true);
    expect(titles(hub)).toEqual(['/posts/ebpf-maps/']);
    expect(hub).toContain('id="theme.topic-series"');
    expect(hub).toContain('<div class="prose intro-prose" data-pagefind-body>');
    expect(hub).toContain(
      '<header class="page-header" data-pagefind-body data-pagefind-meta="kind:Topic">',
    );
    expect(hub).toContain('<link rel="next" href="/topics/ebpf/page/2/">');
    expect(texts(hub, 'p', 'pager-status')).toEqual(['Page 1 of 2']);
  });

  test('page 2: the older post only, no intro or series, not indexed for search', () => {
    const p2 = site.file('topics/ebpf/page/2/index.html');
    expect(titles(p2)).toEqual(['/posts/ebpf-intro/']);
    expect(p2).not.toContain('id="theme.topic-series"');
    expect(p2).not.toContain('intro-prose');
    expect(p2).not.toContain('data-pagefind-body');
    expect(p2).toContain('<link rel="prev" href="/topics/ebpf/">');
    expect(headOf(p2).title).toBe('eBPF, page 2 · Topics Fixture');
    expect(texts(p2, 'p', 'pager-status')).toEqual(['Page 2 of 2']);
    expect(site.files.has('topics/ebpf/page/3/index.html')).toBe(false);
    expect(site.file('sitemap.xml')).toContain(
      '<loc>https://topics.example/topics/ebpf/page/2/</loc>',
    );
  });
});
