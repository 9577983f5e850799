import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createRenderer } from '../../src/render/index.js';
import { CardReads, pickFields } from '../../src/routes/reads.js';
import type { CardSource } from '../../src/routes/reads.js';

// `{% render %}` output is kept per call and reused while the card fields it read are unchanged
// (src/render/partial-cache.ts). These tests check the output stays exactly what a fresh render
// gives, and that a page's recorded card reads are the same whether a fragment was reused or not.

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

type Card = { id: string; title: string; url: string; excerpt: string; series?: { part: number } };

function rendererWith(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'colophon-partials-'));
  made.push(root);
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, 'templates', rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return createRenderer({
    siteTemplatesDir: path.join(root, 'templates'),
    projectRoot: root,
    strictVariables: true,
  });
}

const card = (i: number, over: Partial<Card> = {}): Card => ({
  id: `p${i}`,
  title: `Post ${i}`,
  url: `/posts/p${i}/`,
  excerpt: `Excerpt ${i}`,
  ...(i % 2 ? { series: { part: i } } : {}),
  ...over,
});

/** One page render: cards handed out through a fresh read recorder, as routes/ does. */
async function renderList(
  r: ReturnType<typeof createRenderer>,
  cards: Card[],
  extra: Record<string, unknown> = {},
) {
  const byId = new Map(cards.map((c) => [c.id, c]));
  const source: CardSource = {
    cardFields: (id, fields) => pickFields(byId.get(id)!, fields),
    cardValue: (id) => byId.get(id),
  };
  const reads = new CardReads(source);
  const posts = cards.map((c) => reads.watch(c.id, c));
  const { html } = await r.renderPage('home', { posts, ...extra } as never);
  return { html, reads: cardFieldsRead(reads.list()) };
}

/** The card fields in a read list (LiquidJS also probes `toLiquid` and `next` on every object). */
function cardFieldsRead(list: [string, string[]][]): [string, string[]][] {
  const fields = new Set(Object.keys({ ...card(1), series: 1 }));
  return list.map(([f, ids]) => [
    f
      .split(',')
      .filter((x) => fields.has(x))
      .join(','),
    ids,
  ]);
}

const ITEM =
  '<li><a href="{{ p.url }}">{{ p.title }}</a>{% if p.series %} part {{ p.series.part }}{% endif %}{% if long %} {{ p.excerpt }}{% endif %}</li>';

describe('kept output of {% render %} partials', () => {
  test('a second page with the same cards reuses every fragment, with the same bytes and the same recorded reads', async () => {
    const r = rendererWith({
      'home.liquid':
        "<ul>{% for p in posts %}{% render 'partials/item', p: p, long: false %}{% endfor %}</ul>",
      'partials/item.liquid': ITEM,
    });
    const cards = [1, 2, 3, 4].map((i) => card(i));
    const first = await renderList(r, cards);
    expect(first.html).toBe(
      '<ul><li><a href="/posts/p1/">Post 1</a> part 1</li><li><a href="/posts/p2/">Post 2</a></li>' +
        '<li><a href="/posts/p3/">Post 3</a> part 3</li><li><a href="/posts/p4/">Post 4</a></li></ul>',
    );
    expect(r.partialStats()).toEqual({ hits: 0, misses: 4, kept: 4 });

    const second = await renderList(r, cards);
    expect(r.partialStats()).toMatchObject({ hits: 4, misses: 4 });
    expect(second.html).toBe(first.html);
    expect(second.reads).toEqual(first.reads);
    expect(second.reads).toEqual([['series,title,url', ['p1', 'p2', 'p3', 'p4']]]);
  });

  test('a changed field that was read re-renders that entry only; a changed field that was not read does not', async () => {
    const r = rendererWith({
      'home.liquid':
        "{% for p in posts %}{% render 'partials/item', p: p, long: false %}{% endfor %}",
      'partials/item.liquid': ITEM,
    });
    await renderList(r, [card(1), card(2), card(3)]);
    const next = [card(1, { title: 'Renamed' }), card(2, { excerpt: 'Not shown' }), card(3)];
    const { html } = await renderList(r, next);
    expect(html).toBe(
      '<li><a href="/posts/p1/">Renamed</a> part 1</li><li><a href="/posts/p2/">Post 2</a></li>' +
        '<li><a href="/posts/p3/">Post 3</a> part 3</li>',
    );
    expect(r.partialStats()).toMatchObject({ hits: 2, misses: 4 });
    // A card that leaves a series: `series` was read, so the entry is rendered again.
    const left = await renderList(r, [card(1, { title: 'Renamed', series: undefined })]);
    expect(left.html).toBe('<li><a href="/posts/p1/">Renamed</a></li>');
  });

  test('plain arguments are part of the key: the same card with another value is another fragment', async () => {
    const r = rendererWith({
      'home.liquid':
        "{% for p in posts %}{% render 'partials/item', p: p, long: false %}|{% render 'partials/item', p: p, long: true %}{% endfor %}",
      'partials/item.liquid': ITEM,
    });
    const { html, reads } = await renderList(r, [card(2)]);
    expect(html).toBe(
      '<li><a href="/posts/p2/">Post 2</a></li>|<li><a href="/posts/p2/">Post 2</a> Excerpt 2</li>',
    );
    expect(reads).toEqual([['excerpt,series,title,url', ['p2']]]);
    const again = await renderList(r, [card(2)]);
    expect(again).toEqual({ html, reads });
    expect(r.partialStats()).toEqual({ hits: 2, misses: 2, kept: 2 });
  });

  test('a reused fragment replays the reads of the partials it rendered', async () => {
    const r = rendererWith({
      'home.liquid': "{% for p in posts %}{% render 'partials/outer', p: p %}{% endfor %}",
      'partials/outer.liquid': "<b>{{ p.title }}</b>{% render 'partials/inner', q: p %}",
      'partials/inner.liquid': '<i>{{ q.url }}</i>',
    });
    const first = await renderList(r, [card(2)]);
    expect(first.reads).toEqual([['title,url', ['p2']]]);
    const second = await renderList(r, [card(2)]);
    expect(second).toEqual(first);
    // Only the outer call is looked up once it is kept.
    expect(r.partialStats()).toEqual({ hits: 1, misses: 2, kept: 2 });
  });

  test('a list, an object or any value that is not a card is rendered every time', async () => {
    const r = rendererWith({
      'home.liquid': "{% render 'partials/list', items: posts, meta: meta %}",
      'partials/list.liquid': '{% for p in items %}{{ p.title }};{% endfor %}{{ meta.label }}',
    });
    const cards = [card(1), card(2)];
    const a = await renderList(r, cards, { meta: { label: 'A' } });
    const b = await renderList(r, cards, { meta: { label: 'B' } });
    expect(a.html).toBe('Post 1;Post 2;A');
    expect(b.html).toBe('Post 1;Post 2;B');
    expect(r.partialStats()).toEqual({ hits: 0, misses: 0, kept: 0 });
  });

  test('a template error inside a partial is reported, and nothing is kept', async () => {
    const r = rendererWith({
      'home.liquid': "{% for p in posts %}{% render 'partials/bad', p: p %}{% endfor %}",
      'partials/bad.liquid': '{{ p.missing_field }}',
    });
    await expect(renderList(r, [card(1)])).rejects.toMatchObject({
      diagnostics: [
        expect.objectContaining({
          rule: 'template/undefined-variable',
          span: { file: 'templates/partials/bad.liquid', line: 1, column: 4 },
          message: expect.stringMatching(
            /^`p\.missing_field` is not part of the `home` view-model/,
          ),
        }),
      ],
    });
    expect(r.partialStats().kept).toBe(0);
  });
});
