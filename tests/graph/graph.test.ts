import { describe, expect, test } from 'vitest';
import type { Entry } from '../../src/content/index.js';
import {
  buildGraph,
  expandPermalink,
  outputPathFor,
  type GraphOptions,
  type UrlPolicy,
} from '../../src/graph/index.js';
import { author, page, post, series, topic } from '../helpers/entries.js';
import { diagnosticLines } from '../helpers/site.js';

const POLICY: UrlPolicy = {
  basePath: '/',
  permalinks: {
    post: '/posts/:slug/',
    series: '/series/:slug/',
    topic: '/topics/:slug/',
    page: '/:slug/',
    author: '/authors/:slug/',
  },
};
const NOW: GraphOptions = { drafts: false, future: false, now: new Date('2026-06-01T00:00:00Z') };
const graphOf = (
  entries: Entry[],
  opts: Partial<GraphOptions> = {},
  policy: Partial<UrlPolicy> = {},
  related = 3,
) => buildGraph(entries, { ...POLICY, ...policy }, { ...NOW, ...opts }, related);

describe('posts, archive and chronological neighbours', () => {
  const { graph, diagnostics } = graphOf([
    post('a', '2025-03-01'),
    post('c', '2026-01-01'),
    post('b', '2026-01-01'),
    post('d', '2024-12-31'),
  ]);

  test('posts are newest first; equal dates fall back to the id', () => {
    expect(diagnostics).toEqual([]);
    expect(graph.posts.map((p) => p.id)).toEqual(['b', 'c', 'a', 'd']);
    expect(graph.posts[0]!.url).toBe('/posts/b/');
  });

  test('the archive has one bucket per year, newest first', () => {
    expect(graph.archive).toEqual([
      { year: 2026, postIds: ['b', 'c'] },
      { year: 2025, postIds: ['a'] },
      { year: 2024, postIds: ['d'] },
    ]);
  });

  test('prev is the older neighbour, next the newer one', () => {
    expect(graph.chrono.get('c')).toEqual({ prev: 'a', next: 'b' });
    expect(graph.chrono.get('b')).toEqual({ prev: 'c', next: undefined });
    expect(graph.chrono.get('d')).toEqual({ prev: undefined, next: 'a' });
  });

  test('the base path prefixes every URL', () => {
    const g = graphOf(
      [post('a', '2025-03-01'), series('s'), topic('t', 'T'), page('about')],
      {},
      { basePath: '/blog/' },
    ).graph;
    expect([g.posts[0]!.url, g.series[0]!.url, g.topics[0]!.url, g.pages[0]!.url]).toEqual([
      '/blog/posts/a/',
      '/blog/series/s/',
      '/blog/topics/t/',
      '/blog/about/',
    ]);
  });
});

describe('drafts, future and expired posts', () => {
  const entries = [
    post('live', '2026-01-01'),
    post('draft', '2026-01-02', { draft: true }),
    post('later', '2026-07-01'),
    post('gone', '2025-01-01', { expires: new Date('2026-05-31T00:00:00Z') }),
    post('ends-now', '2025-01-01', { expires: NOW.now }),
    page('wip', { draft: true }),
  ];

  test('are left out, and the file table says why (for links to them)', () => {
    const { graph } = graphOf(entries);
    expect(graph.posts.map((p) => p.id)).toEqual(['live']);
    expect(graph.pages).toEqual([]);
    expect(graph.byFile.get('content/posts/draft.md')).toEqual({
      id: 'post:draft',
      excluded: 'it is a draft (build with --drafts to include drafts)',
    });
    expect(graph.byFile.get('content/posts/later.md')).toEqual({
      id: 'post:later',
      excluded: 'it is dated in the future (build with --future to include it)',
    });
    expect(graph.byFile.get('content/posts/gone.md')).toEqual({
      id: 'post:gone',
      excluded: 'it has expired',
    });
    expect(graph.byFile.get('content/posts/ends-now.md')!.excluded).toBe('it has expired');
    expect(graph.byFile.get('content/pages/wip.md')!.excluded).toMatch(/draft/);
    expect(graph.byFile.get('content/posts/live.md')).toEqual({
      id: 'post:live',
      url: '/posts/live/',
    });
  });

  test('--drafts and --future bring drafts and future posts back, marked; expired ones stay out', () => {
    const { graph } = graphOf(entries, { drafts: true, future: true });
    expect(graph.posts.map((p) => [p.id, p.future])).toEqual([
      ['later', true],
      ['draft', false],
      ['live', false],
    ]);
    expect(graph.pages.map((p) => p.id)).toEqual(['wip']);
  });

  test('a draft dated in the future needs both switches', () => {
    const e = [post('both', '2026-09-01', { draft: true })];
    expect(
      graphOf(e, { drafts: true }).graph.byFile.get('content/posts/both.md')!.excluded,
    ).toMatch(/future/);
    expect(
      graphOf(e, { future: true }).graph.byFile.get('content/posts/both.md')!.excluded,
    ).toMatch(/draft/);
    expect(graphOf(e, { drafts: true, future: true }).graph.posts).toHaveLength(1);
  });
});

describe('series', () => {
  test('parts are ordered by part number, whatever their dates', () => {
    const { graph } = graphOf([
      series('s'),
      post('p2', '2026-01-01', { series: 's', part: 2 }),
      post('p1', '2026-03-01', { series: 's', part: 1 }),
      post('p3', '2026-02-01', { series: 's', part: 3 }),
    ]);
    expect(graph.seriesById.get('s')!.partIds).toEqual(['p1', 'p2', 'p3']);
  });

  test('the planned count is the largest of "planned", parts written and parts visible', () => {
    const parts = [
      post('p1', '2026-01-01', { series: 's', part: 1 }),
      post('p2', '2026-02-01', { series: 's', part: 2, draft: true }),
    ];
    expect(
      graphOf([series('s', { planned: 5 }), ...parts]).graph.seriesById.get('s')!.plannedCount,
    ).toBe(5);
    const g = graphOf([series('s', { planned: 1 }), ...parts]).graph.seriesById.get('s')!;
    expect(g.plannedCount).toBe(2); // the hidden draft still counts as written
    expect(g.partIds).toEqual(['p1']);
  });

  test("a series without topics takes its visible parts' topics; its own topics win", () => {
    const parts = [
      post('p1', '2026-01-01', { series: 's', part: 1, topics: ['net', 'linux'] }),
      post('p2', '2026-02-01', { series: 's', part: 2, topics: ['net'], draft: true }),
    ];
    expect(graphOf([series('s'), ...parts]).graph.seriesById.get('s')!.topics).toEqual([
      'linux',
      'net',
    ]);
    expect(
      graphOf([series('s', { topics: ['kernel'] }), ...parts]).graph.seriesById.get('s')!.topics,
    ).toEqual(['kernel']);
  });

  test('unknown series, duplicate parts and gaps are errors naming the files', () => {
    const { diagnostics } = graphOf([
      series('known'),
      series('s'),
      post('stray', '2026-01-01', { series: 'nope', part: 1 }),
      post('a', '2026-01-01', { series: 's', part: 1 }),
      post('b', '2026-01-02', { series: 's', part: 1 }),
      post('d', '2026-01-03', { series: 's', part: 4 }),
    ]);
    expect(diagnosticLines(diagnostics)).toEqual([
      'content/posts/stray.md:4:1 error [graph/unknown-series] Post names series "nope", which has no definition. Create content/series/nope.md or use one of: known, s.',
      'content/posts/b.md:5:1 error [graph/duplicate-part] Part 1 of series "s" is claimed by both content/posts/a.md and content/posts/b.md. Give each post its own part number.',
      'content/posts/d.md:5:1 error [graph/missing-part] Series "s" has no part 2: content/posts/b.md is part 1 and content/posts/d.md is part 4. Renumber the parts or add the missing one (a draft counts).',
    ]);
  });

  test('an unknown series in a post left out of the build: drafts and expired posts pass, a future post warns', () => {
    const entries = [
      series('known'),
      post('draft', '2026-01-01', { series: 'nope', part: 1, draft: true }),
      post('gone', '2025-01-01', { series: 'nope', part: 1, expires: new Date('2026-01-01') }),
      post('later', '2026-09-01', { series: 'nope', part: 1 }),
    ];
    expect(diagnosticLines(graphOf(entries).diagnostics)).toEqual([
      'content/posts/later.md:4:1 warning [graph/unknown-series] Post names series "nope", which has no definition; the build that publishes it will fail. Create content/series/nope.md or use one of: known.',
    ]);
    // Included, the draft and the future post must name a real series.
    expect(diagnosticLines(graphOf(entries, { drafts: true, future: true }).diagnostics)).toEqual([
      'content/posts/draft.md:4:1 error [graph/unknown-series] Post names series "nope", which has no definition. Create content/series/nope.md or use one of: known.',
      'content/posts/later.md:4:1 error [graph/unknown-series] Post names series "nope", which has no definition. Create content/series/nope.md or use one of: known.',
    ]);
  });

  test('the graph lists what it left out and why', () => {
    const { graph } = graphOf([
      post('a', '2026-01-01'),
      post('draft', '2026-01-01', { draft: true }),
      post('gone', '2025-01-01', { expires: new Date('2026-01-01') }),
      post('later', '2026-09-01'),
      page('secret', { draft: true }),
    ]);
    expect(graph.excluded).toEqual([
      { file: 'content/pages/secret.md', reason: 'draft' },
      { file: 'content/posts/draft.md', reason: 'draft' },
      { file: 'content/posts/gone.md', reason: 'expired', date: '2026-01-01' },
      { file: 'content/posts/later.md', reason: 'future', date: '2026-09-01' },
    ]);
  });

  test('a series that does not start at part 1 is reported; a draft fills a gap', () => {
    expect(
      diagnosticLines(
        graphOf([series('s'), post('b', '2026-01-02', { series: 's', part: 2 })]).diagnostics,
      ),
    ).toEqual([
      'content/posts/b.md:5:1 error [graph/missing-part] Series "s" has no part 1: content/posts/b.md is part 2. Renumber the parts or add the missing one (a draft counts).',
    ]);
    expect(
      graphOf([
        series('s'),
        post('a', '2026-01-01', { series: 's', part: 1, draft: true }),
        post('b', '2026-01-02', { series: 's', part: 2 }),
      ]).diagnostics,
    ).toEqual([]);
  });
});

describe('topics', () => {
  const { graph } = graphOf([
    topic('rust', 'Rust'),
    topic('zig', 'Zig'),
    series('s', { topics: ['rust'] }),
    post('a', '2026-01-01', { topics: ['rust', 'async'] }),
    post('b', '2026-02-01', { topics: ['rust'], series: 's', part: 1 }),
    post('c', '2026-03-01', { topics: ['async'], draft: true }),
  ]);

  test('every topic used by a visible post, or defined, gets a hub; sorted by title', () => {
    expect(graph.topics.map((t) => [t.id, t.title, !!t.entry])).toEqual([
      ['async', 'async', false],
      ['rust', 'Rust', true],
      ['zig', 'Zig', true],
    ]);
  });

  test('a topic lists its visible posts newest first and the series filed under it', () => {
    expect(graph.topicById.get('rust')!.postIds).toEqual(['b', 'a']);
    expect(graph.topicById.get('rust')!.seriesIds).toEqual(['s']);
    expect(graph.topicById.get('async')!.postIds).toEqual(['a']);
  });
});

describe('related posts', () => {
  const entries = [
    series('s'),
    post('me', '2026-01-01', { topics: ['a', 'b'], series: 's', part: 1 }),
    post('both-topics', '2025-01-01', { topics: ['a', 'b'] }),
    post('same-series', '2025-02-01', { series: 's', part: 2 }),
    post('one-topic-old', '2024-01-01', { topics: ['a'] }),
    post('one-topic-new', '2025-06-01', { topics: ['b'] }),
    post('unrelated', '2026-02-01', { topics: ['z'] }),
  ];

  test('one point per shared topic, ties to the newer post; parts of the same series left out', () => {
    expect(graphOf(entries).graph.related.get('me')).toEqual([
      'both-topics',
      'one-topic-new',
      'one-topic-old',
    ]);
    expect(graphOf(entries, {}, {}, 5).graph.related.get('me')).toEqual([
      'both-topics',
      'one-topic-new',
      'one-topic-old',
    ]);
    // The series box lists them, whatever topics they share.
    expect(graphOf(entries).graph.related.get('same-series')).not.toContain('me');
    expect(graphOf(entries).graph.related.get('unrelated')).toEqual([]);
  });

  test('count 0 turns related posts off', () => {
    expect(graphOf(entries, {}, {}, 0).graph.related.get('me')).toEqual([]);
  });

  test('hidden posts are never related', () => {
    const g = graphOf([
      ...entries,
      post('draft', '2026-03-01', { topics: ['a', 'b'], draft: true }),
    ]).graph;
    expect(g.related.get('me')).not.toContain('draft');
  });
});

describe('URL collisions', () => {
  test('a post and a page claiming one URL, reported at the slug line that chose it', () => {
    const { diagnostics } = graphOf(
      [
        post('about', '2026-01-01', { keyLines: {} }),
        page('me', { file: 'content/pages/about-me.md', id: 'about' }),
      ],
      {},
      { permalinks: { ...POLICY.permalinks, post: '/:slug/' } },
    );
    expect(diagnosticLines(diagnostics)).toEqual([
      'content/pages/about-me.md:6:1 error [graph/duplicate-url] /about/ is claimed by both content/posts/about.md and content/pages/about-me.md. Change the slug (or file name) of one of them.',
    ]);
  });

  test('URLs that differ only in case or Unicode normalisation collide', () => {
    const lines = diagnosticLines(
      graphOf([
        post('a', '2026-01-01', { aliases: ['/Old/Café/'] }),
        post('b', '2026-01-02', { aliases: ['/old/cafe\u0301/'] }),
      ]).diagnostics,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^content\/posts\/(a|b)\.md:7:1 error \[graph\/duplicate-url\] \/old\/café\/ is claimed by both content\/posts\/(a|b)\.md and content\/posts\/(a|b)\.md\./i,
    );
  });

  test('generated pages reserve their URLs', () => {
    const lines = diagnosticLines(
      graphOf(
        [post('archive', '2026-01-01'), page('search'), page('series')],
        {},
        { permalinks: { ...POLICY.permalinks, post: '/:slug/' } },
      ).diagnostics,
    );
    expect(lines.map((l) => l.replace(/ Change the slug.*$/, '')).sort()).toEqual([
      'content/pages/search.md:6:1 error [graph/duplicate-url] /search/ is claimed by both (generated search page) and content/pages/search.md.',
      'content/pages/series.md:6:1 error [graph/duplicate-url] /series/ is claimed by both (generated series page) and content/pages/series.md.',
      'content/posts/archive.md:6:1 error [graph/duplicate-url] /archive/ is claimed by both (generated archive page) and content/posts/archive.md.',
    ]);
  });

  test('an alias may not take over another page', () => {
    const lines = diagnosticLines(
      graphOf([post('a', '2026-01-01'), post('b', '2026-01-02', { aliases: ['/posts/a/'] })])
        .diagnostics,
    );
    expect(lines).toEqual([
      'content/posts/b.md:7:1 error [graph/duplicate-url] /posts/a/ is claimed by both content/posts/a.md and content/posts/b.md. Change the slug (or file name) of one of them.',
    ]);
  });
});

describe('url and aliases of every kind', () => {
  test('url replaces the pattern for posts, pages, series and topics; bundle files follow it', () => {
    const { graph, diagnostics } = graphOf(
      [
        post('r', '2025-01-15', {
          url: '/2025/01/15/Release-0.4.0/',
          bundle: true,
          dir: 'content/posts/r',
          assets: ['content/posts/r/a.png'],
        }),
        post('plain', '2025-01-16'),
        page('talk', { url: '/talks/meetup/' }),
        series('vm', { url: '/blog/tiny-vm/' }),
        topic('notes', 'Notes', { url: '/notes/' }),
      ],
      {},
      { basePath: '/blog/' },
    );
    expect(diagnostics).toEqual([]);
    expect(graph.postById.get('r')!.url).toBe('/blog/2025/01/15/Release-0.4.0/');
    expect(graph.byFile.get('content/posts/r/a.png')!.url).toBe(
      '/blog/2025/01/15/Release-0.4.0/a.png',
    );
    expect(graph.postById.get('plain')!.url).toBe('/blog/posts/plain/');
    expect(graph.pages[0]!.url).toBe('/blog/talks/meetup/');
    expect(graph.seriesById.get('vm')!.url).toBe('/blog/blog/tiny-vm/');
    expect(graph.topicById.get('notes')!.url).toBe('/blog/notes/');
  });

  test('series and topics redirect their aliases', () => {
    const { graph, diagnostics } = graphOf([
      series('vm', { aliases: ['/blog/tiny-vm/'] }),
      topic('networking', 'Networking', {
        aliases: ['/tags/networking/', '/categories/networking/'],
      }),
    ]);
    expect(diagnostics).toEqual([]);
    expect(graph.aliases).toEqual([
      {
        url: '/blog/tiny-vm/',
        from: '/blog/tiny-vm/',
        target: '/series/vm/',
        owner: 'content/series/vm.md',
      },
      {
        url: '/tags/networking/',
        from: '/tags/networking/',
        target: '/topics/networking/',
        owner: 'content/topics/networking.md',
      },
      {
        url: '/categories/networking/',
        from: '/categories/networking/',
        target: '/topics/networking/',
        owner: 'content/topics/networking.md',
      },
    ]);
  });

  test('an author page takes its own url, and its aliases redirect to it', () => {
    const { graph, diagnostics } = graphOf([
      author('ada', 'Ada', { url: '/people/Ada/', aliases: ['/authors/ada/'] }),
      post('a', '2026-01-01', { authors: ['ada'] }),
    ]);
    expect(diagnostics).toEqual([]);
    expect(graph.authors.map((a) => a.url)).toEqual(['/people/Ada/']);
    expect(graph.aliases).toEqual([
      {
        url: '/authors/ada/',
        from: '/authors/ada/',
        target: '/people/Ada/',
        owner: 'content/authors/ada.md',
      },
    ]);
  });

  test('config redirects forward old paths to site paths or URLs, and claim their path', () => {
    const { graph } = graphOf(
      [],
      {},
      {
        basePath: '/blog/',
        redirects: { '/tags/': '/topics/', '/gone.html': 'https://example.org/x' },
      },
    );
    expect(graph.aliases).toEqual([
      {
        url: '/blog/tags/',
        from: '/blog/tags/',
        target: '/blog/topics/',
        owner: 'colophon.config (redirects)',
      },
      {
        url: '/blog/gone.html',
        from: '/blog/gone.html',
        target: 'https://example.org/x',
        owner: 'colophon.config (redirects)',
      },
    ]);
    const lines = diagnosticLines(
      graphOf([page('tags')], {}, { redirects: { '/tags/': '/topics/' } }).diagnostics,
    );
    expect(lines[0]).toContain(
      '/tags/ is claimed by both content/pages/tags.md and colophon.config (redirects)',
    );
  });

  test('a url or a topic alias that another page has is a duplicate', () => {
    const lines = diagnosticLines(
      graphOf([
        post('a', '2026-01-01', { url: '/notes/' }),
        topic('notes', 'Notes', { aliases: ['/notes/'] }),
      ]).diagnostics,
    );
    expect(lines).toEqual([
      'content/topics/notes.md:7:1 error [graph/duplicate-url] /notes/ is claimed by both content/posts/a.md and content/topics/notes.md. Change the slug (or file name) of one of them.',
    ]);
  });
});

describe('permalinks', () => {
  test('placeholders expand from the slug and the UTC date', () => {
    const d = new Date('2026-03-04T23:30:00Z');
    expect(expandPermalink('/:year/:month/:day/:slug/', 'x', d)).toBe('/2026/03/04/x/');
    expect(expandPermalink('/posts/:slug/', 'x', d)).toBe('/posts/x/');
  });

  test('output paths drop the base path and end in index.html', () => {
    expect(outputPathFor('/blog/', '/blog/posts/x/')).toBe('posts/x/index.html');
    expect(outputPathFor('/blog/', '/blog/')).toBe('index.html');
    expect(outputPathFor('/', '/legacy/old.html')).toBe('legacy/old.html');
    expect(outputPathFor('/', '/caf%C3%A9/')).toBe('café/index.html');
  });
});
