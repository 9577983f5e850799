import { describe, expect, test } from 'vitest';
import {
  createMarkdownRenderer,
  defaultMarkdownOptions,
  MemoryHighlightCache,
  type HighlightCache,
  type PluginSpec,
} from '../../src/markdown/index.js';
import { parseCodeMeta } from '../../src/markdown/plugins/code-meta.js';
import { testContext } from './helpers.js';

const DOC =
  'Text.\n\n```ts title="a.ts" {2}\nconst a = 1;\nconst b = 2;\n```\n\n```rust\nfn main() {}\n```\n';

/** Counts hits and misses, and keeps every stored value to check it is never changed. */
class SpyCache implements HighlightCache {
  readonly inner = new MemoryHighlightCache();
  hits = 0;
  misses = 0;
  readonly stored = new Map<string, string>();
  get(key: string) {
    const value = this.inner.get(key);
    if (value === undefined) this.misses++;
    else this.hits++;
    return value;
  }
  set(key: string, value: string) {
    this.stored.set(key, value);
    this.inner.set(key, value);
  }
}

/** A user rehype plugin that vandalises every code block it sees. */
const vandal: PluginSpec = () => (tree: any) => {
  const walk = (node: any): void => {
    if (node.type === 'element' && node.tagName === 'figure') {
      node.properties.className.push('vandalised');
      node.children.push({ type: 'text', value: 'VANDAL' });
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
};

describe('highlight cache', () => {
  test('a hit renders the same HTML as a miss', async () => {
    const cache = new SpyCache();
    const md = await createMarkdownRenderer({ ...defaultMarkdownOptions, cache });
    const cold = await md.render(DOC, testContext());
    expect([cache.hits, cache.misses]).toEqual([0, 2]);
    const warm = await md.render(DOC, testContext());
    expect([cache.hits, cache.misses]).toEqual([2, 2]);
    expect(warm.html).toBe(cold.html);
    expect(warm.html).toContain('<figcaption class="code-title">a.ts</figcaption>');
  });

  test('later plugins can never mutate a cached block', async () => {
    const cache = new SpyCache();
    const md = await createMarkdownRenderer({
      ...defaultMarkdownOptions,
      cache,
      rehypePlugins: [vandal],
    });
    const first = await md.render(DOC, testContext());
    const snapshot = new Map(cache.stored);
    const second = await md.render(DOC, testContext());
    expect(cache.hits).toBe(2);
    expect(cache.stored).toEqual(snapshot);
    for (const value of cache.stored.values()) expect(value).not.toContain('VANDAL');
    // Each render was vandalised exactly once, not once per render so far.
    expect(second.html.match(/VANDAL/g)).toHaveLength(2);
    expect(second.html).toBe(first.html);
  });

  test('the key covers themes, line numbers, language, meta and code', async () => {
    const cache = new SpyCache();
    const base = { ...defaultMarkdownOptions, cache };
    const one = (src: string, opts = base) =>
      createMarkdownRenderer(opts).then((r) => r.render(src, testContext()));
    await one('```ts\nx\n```');
    await one('```ts\nx\n```');
    expect(cache.misses).toBe(1);
    await one('```ts {1}\nx\n```');
    await one('```js\nx\n```');
    await one('```ts\ny\n```');
    await one('```ts\nx\n```', { ...base, lineNumbers: true });
    await one('```ts\nx\n```', { ...base, themes: { light: 'min-light', dark: 'min-dark' } });
    expect(cache.misses).toBe(6);
    expect(cache.stored.size).toBe(6);
  });

  test('warnings are reported on cache hits too', async () => {
    const md = await createMarkdownRenderer({ ...defaultMarkdownOptions });
    await md.render('```nope\nx\n```', testContext());
    const again = await md.render('```nope\nx\n```', testContext());
    expect(again.diagnostics.map((d) => d.rule)).toEqual(['markdown/unknown-language']);
  });

  test('MemoryHighlightCache evicts the oldest entry past its bound', () => {
    const cache = new MemoryHighlightCache(2);
    cache.set('a', '1');
    cache.set('b', '2');
    cache.set('c', '3');
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([
      undefined,
      '2',
      '3',
      2,
    ]);
  });
});

describe('code fence meta', () => {
  test('title, ranges, line-number flags; unknown words ignored', () => {
    expect(parseCodeMeta('title="a b.ts" {1,3-5} showLineNumbers foo=bar /x/')).toEqual({
      title: 'a b.ts',
      highlight: [
        [1, 1],
        [3, 5],
      ],
      lineNumbers: true,
    });
    expect(parseCodeMeta("title='x' noLineNumbers")).toEqual({
      title: 'x',
      highlight: [],
      lineNumbers: false,
    });
    expect(parseCodeMeta(null)).toEqual({ title: null, highlight: [], lineNumbers: null });
  });

  test('huge ranges are kept as ranges (no allocation per line)', async () => {
    expect(parseCodeMeta('{1-999999999}').highlight).toEqual([[1, 999999999]]);
    const md = await createMarkdownRenderer({ ...defaultMarkdownOptions });
    const out = await md.render('```ts {1-999999999}\na\nb\n```', testContext());
    expect(out.html.match(/class="line highlighted"/g)).toHaveLength(2);
  });

  test('info strings cannot inject attributes', async () => {
    const md = await createMarkdownRenderer({ ...defaultMarkdownOptions });
    const out = await md.render(
      '```js" onmouseover="alert(1) title="x" onclick=alert(2)\ncode\n```',
      testContext(),
    );
    expect(out.html).not.toMatch(/ on\w+=/);
    expect(out.html).toContain('data-lang="js&#x22;"');
  });
});
