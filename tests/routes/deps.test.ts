import { describe, expect, test } from 'vitest';
import type { Entry, PostEntry } from '../../src/content/index.js';
import { buildGraph } from '../../src/graph/index.js';
import {
  planRoutes,
  readValues,
  RouteData,
  type PagePlan,
  type RenderedBody,
  type RouteInputs,
  type SiteSettings,
} from '../../src/routes/index.js';
import { hashJson } from '../../src/util/hash.js';
import { post, series } from '../helpers/entries.js';

import { uiStrings } from '../../src/config/strings/index.js';

/**
 * Routes record what each page read, so that an incremental rebuild re-renders exactly the pages
 * whose inputs changed. These tests plan a small site twice — before and after an edit — and
 * compare each page's dependency fingerprint, the same inputs the build keys pages by.
 */
const SITE: SiteSettings = {
  title: 'Deps',
  description: '',
  baseUrl: 'https://deps.example/',
  basePath: '/',
  language: 'en',
  dir: 'ltr',
  strings: uiStrings('en'),
  theme: {},
  author: { name: 'A' },
  menu: [],
  pageSize: 2,
  excerptWords: 30,
  feeds: { rss: true, atom: false, json: false, limit: 20, fullContent: true, aliases: {} },
  search: false,
  generator: 'test',
};

function body(text: string, words = 10): RenderedBody {
  const b = {
    html: `<p>${text}</p>`,
    excerptHtml: `<p>${text}</p>`,
    hasMoreMarker: false,
    toc: [],
    headings: [],
    wordCount: words,
    readingMinutes: 1,
    anchors: [],
    hasMath: false,
  };
  return { ...b, hash: hashJson(b) };
}

/** Four posts, newest first: d, c, b, a; b and c form a series. */
function entries(edit: (p: PostEntry) => PostEntry = (p) => p): Entry[] {
  return [
    series('s'),
    post('a', '2026-01-01'),
    post('b', '2026-02-01', { series: 's', part: 1 }),
    post('c', '2026-03-01', { series: 's', part: 2 }),
    post('d', '2026-04-01'),
  ].map((e) => (e.kind === 'post' ? edit(e) : e));
}

function inputsOf(list: Entry[], bodies: Record<string, string> = {}): RouteInputs {
  const { graph } = buildGraph(
    list,
    {
      basePath: '/',
      permalinks: {
        post: '/posts/:slug/',
        series: '/series/:slug/',
        topic: '/topics/:slug/',
        page: '/:slug/',
        author: '/authors/:slug/',
      },
    },
    { drafts: false, future: false, now: new Date('2026-06-01T00:00:00Z') },
    0,
  );
  const map = new Map<string, RenderedBody>();
  for (const e of list) map.set(`${e.kind}:${e.id}`, body(bodies[e.id] ?? `Body of ${e.id}.`));
  return { site: SITE, graph, bodies: map };
}

/**
 * Plan every page, then "render" it the way the most curious template would: reading every field
 * of every prop (cards record the fields read while rendering too). Feeds are rendered for real.
 */
function plan(
  list: Entry[],
  bodies: Record<string, string> = {},
): { plans: Map<string, PagePlan> } {
  const plans = planRoutes(new RouteData(inputsOf(list, bodies)));
  for (const p of plans) {
    if (p.kind === 'html') JSON.stringify(p.props);
    else p.render();
  }
  return { plans: new Map(plans.map((p) => [p.url, p])) };
}

/** The cards a page chose to show. */
const cardIds = (p: PagePlan) => p.deps.cards.ids();

/** Everything a page's reuse depends on: recorded inputs, cards shown, and the card fields read. */
function fingerprint(p: PagePlan): string {
  const deps = [...p.deps.fingerprints].sort(([a], [b]) => (a < b ? -1 : 1));
  const reads = readValues(p.deps.cards.list(), p.deps.cards.source);
  return JSON.stringify([deps, cardIds(p), reads]);
}

function changedPages(before: Map<string, PagePlan>, after: Map<string, PagePlan>): string[] {
  return [...after.keys()]
    .filter(
      (url) => !before.has(url) || fingerprint(before.get(url)!) !== fingerprint(after.get(url)!),
    )
    .sort();
}

const retitle = (id: string, title: string) => (p: PostEntry) =>
  p.id === id ? { ...p, title, metaHash: `m-${title}` } : p;

describe('recorded dependencies', () => {
  const { plans } = plan(entries());

  test("a post page shows its chronological and in-series neighbours' cards, not others", () => {
    // c: older b, newer d; in series s, part 2 after b.
    expect(cardIds(plans.get('/posts/c/')!)).toEqual(['b', 'c', 'd']);
    expect(cardIds(plans.get('/posts/a/')!)).toEqual(['a', 'b']);
  });

  test("the home page depends on exactly its own page's cards", () => {
    expect(cardIds(plans.get('/')!)).toEqual(['c', 'd']);
    expect(cardIds(plans.get('/page/2/')!)).toEqual(['a', 'b']);
  });

  test("a post page depends on its own body, not on its neighbours' bodies", () => {
    const ids = [...plans.get('/posts/c/')!.deps.ids()];
    const bodies = ids.flatMap((id) => (id.kind === 'body' ? [id.of] : []));
    expect(bodies).toEqual(['post:c']);
  });

  test("a card's recorded title changes with its title, and only that field", () => {
    const before = new RouteData(inputsOf(entries()));
    const after = new RouteData(inputsOf(entries(retitle('b', 'New title'))));
    expect(after.cardFields('b', 'title')).not.toBe(before.cardFields('b', 'title'));
    expect(after.cardFields('b', 'date,url')).toBe(before.cardFields('b', 'date,url'));
    expect(after.cardFields('c', 'title')).toBe(before.cardFields('c', 'title'));
    // A card that is gone has no value: pages that showed it must be re-rendered.
    expect(
      new RouteData(
        inputsOf(entries().filter((e) => e.id !== 'b' || e.kind !== 'post')),
      ).cardFields('b', 'title'),
    ).toBeUndefined();
  });
});

describe('what an edit invalidates', () => {
  const before = plan(entries()).plans;

  test('renaming a post invalidates the pages that show its title, not the others', () => {
    const changed = changedPages(before, plan(entries(retitle('a', 'Renamed'))).plans);
    expect(changed).toContain('/posts/a/');
    expect(changed).toContain('/posts/b/'); // a is b's older neighbour
    expect(changed).toContain('/page/2/'); // a is listed there
    expect(changed).toContain('/archive/');
    expect(changed).toContain('/rss.xml');
    expect(changed).not.toContain('/'); // page 1 shows c and d only
    expect(changed).not.toContain('/posts/c/');
    expect(changed).not.toContain('/posts/d/');
    expect(changed).not.toContain('/series/s/');
  });

  test("editing a post's body invalidates its page and the lists showing its excerpt, not its neighbours' pages", () => {
    const changed = changedPages(before, plan(entries(), { d: 'A different body.' }).plans);
    expect(changed).toContain('/posts/d/');
    expect(changed).toContain('/'); // the excerpt is on the home page
    expect(changed).toContain('/rss.xml'); // full content in the feed
    expect(changed).not.toContain('/posts/c/'); // c links d by title and URL only
    expect(changed).not.toContain('/page/2/');
    expect(changed).not.toContain('/series/s/');
  });

  test('renaming a series part invalidates its series page and the other parts', () => {
    const changed = changedPages(before, plan(entries(retitle('b', 'Part one, renamed'))).plans);
    expect(changed).toContain('/series/s/');
    expect(changed).toContain('/posts/c/');
    expect(changed).not.toContain('/posts/d/');
  });

  test('a new post shifts pagination: both home pages change, untouched posts do not', () => {
    const changed = changedPages(before, plan([...entries(), post('e', '2026-05-01')]).plans);
    expect(changed).toEqual(
      expect.arrayContaining(['/', '/page/2/', '/page/3/', '/posts/d/', '/posts/e/']),
    );
    expect(changed).not.toContain('/posts/a/');
    expect(changed).not.toContain('/posts/b/');
  });

  test('planning the same input twice gives the same fingerprints', () => {
    expect(changedPages(before, plan(entries()).plans)).toEqual([]);
  });
});

describe('plan keys of paginated lists', () => {
  test('each page of home and of a topic is its own builder call, so serve re-plans one page', () => {
    const inputs = inputsOf([
      ...entries(),
      post('e', '2026-05-01', { topics: ['t'] }),
      post('f', '2026-05-02', { topics: ['t'] }),
      post('g', '2026-05-03', { topics: ['t'] }),
    ]);
    const all = planRoutes(new RouteData(inputs));
    const keyOf = (url: string) => all.find((p) => p.url === url)?.planKey;
    expect([keyOf('/'), keyOf('/page/2/'), keyOf('/page/4/')]).toEqual([
      'home',
      'home@2',
      'home@4',
    ]);
    expect([keyOf('/topics/t/'), keyOf('/topics/t/page/2/')]).toEqual(['topic:t', 'topic:t@2']);
    const one = planRoutes(new RouteData(inputs), new Set(['home@2', 'topic:t@2']));
    expect(one.map((p) => p.url)).toEqual(['/page/2/', '/topics/t/page/2/']);
    // The same page, planned alone or with all the others, has the same dependencies.
    for (const p of one)
      expect(fingerprint(p)).toBe(fingerprint(all.find((q) => q.url === p.url)!));
  });
});
