import { describe, expect, it } from 'vitest';
import { assignShards, searchInput, shardCount } from '../../src/search/pagefind.js';

describe('search index parts', () => {
  it('one part up to 1,000 searchable pages, then 250-500 pages a part, a power of two', () => {
    expect(shardCount(40, 'auto')).toBe(1);
    expect(shardCount(1000, 'auto')).toBe(1);
    expect(shardCount(1001, 'auto')).toBe(4);
    expect(shardCount(4050, 'auto')).toBe(16);
    expect(shardCount(4050, 3)).toBe(3);
  });

  it('a page keeps its part when pages are added or removed', () => {
    const pages = Array.from({ length: 200 }, (_, i) => `posts/p${i}/index.html`);
    const before = assignShards(pages, 8);
    const after = assignShards([...pages.slice(1), 'posts/new/index.html'], 8);
    const partOf = (parts: string[][], p: string) => parts.findIndex((s) => s.includes(p));
    for (const p of pages.slice(1)) expect(partOf(after, p)).toBe(partOf(before, p));
    expect(before.every((s) => s.length > 10)).toBe(true);
  });

  it("Pagefind's input drops only code highlighting spans", () => {
    const html =
      '<p><span class="x">kept</span></p><pre class="shiki"><code><span class="line"><span style="color:#D73A49">let</span> a</span></code></pre>' +
      '<pre><code><span data-pagefind-weight="2">weighted</span></code></pre>';
    expect(searchInput(html)).toBe(
      '<p><span class="x">kept</span></p><pre class="shiki"><code>let a</code></pre>' +
        '<pre><code><span data-pagefind-weight="2">weighted</span></code></pre>',
    );
  });
});
