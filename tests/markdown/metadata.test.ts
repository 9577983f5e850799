import { beforeAll, describe, expect, test } from 'vitest';
import {
  buildToc,
  createMarkdownRenderer,
  defaultMarkdownOptions,
  type MarkdownRenderer,
} from '../../src/markdown/index.js';
import { countWords } from '../../src/markdown/plugins/remark-word-count.js';
import { testContext } from './helpers.js';

let md: MarkdownRenderer;
beforeAll(async () => {
  md = await createMarkdownRenderer({ ...defaultMarkdownOptions });
});
const render = (source: string) => md.render(source, testContext());

describe('excerpt', () => {
  test('everything before <!-- more -->, marker removed from the body', async () => {
    const out = await render(
      '## Intro\n\nOne[^1].\n\nTwo.\n\n<!-- more -->\n\nThree.\n\n[^1]: Note.\n',
    );
    expect(out.hasMoreMarker).toBe(true);
    // No heading id or anchor link (they would duplicate the post's ids on a listing page), no
    // footnote reference (its footnote is not in the excerpt).
    expect(out.excerptHtml).toBe('<h2>Intro</h2>\n<p>One.</p>\n<p>Two.</p>');
    expect(out.html).not.toContain('more');
    expect(out.html).toContain('<p>Two.</p>\n<p>Three.</p>');
  });

  test('without a marker: the first paragraph', async () => {
    const out = await render('# Title\n\n> quote\n\nFirst *para*[^n].\n\nSecond.\n\n[^n]: x\n');
    expect(out.hasMoreMarker).toBe(false);
    expect(out.excerptHtml).toBe('<p>First <em>para</em>.</p>');
  });

  test('marker case and spacing do not matter; a marker inside a list cuts the list', async () => {
    expect((await render('A\n\n<!--MORE-->\n\nB')).hasMoreMarker).toBe(true);
    const nested = await render('- a\n\n  <!-- more -->\n\n  b\n- c\n\nB');
    expect(nested.hasMoreMarker).toBe(true);
    expect(nested.excerptHtml).toBe('<ul>\n<li>\n<p>a</p></li></ul>');
    expect(nested.html).not.toContain('more');
    expect(nested.html).toContain('<p>b</p>');
  });

  test('a marker inside a paragraph ends the excerpt there, and leaves the body whole', async () => {
    const out = await render('Intro.\n\nThe first part <!--more--> and the rest.\n\nLater.\n');
    expect(out.hasMoreMarker).toBe(true);
    expect(out.excerptHtml).toBe('<p>Intro.</p>\n<p>The first part</p>');
    expect(out.html).toBe('<p>Intro.</p>\n<p>The first part and the rest.</p>\n<p>Later.</p>');
  });

  test('a marker in code is not one', async () => {
    const out = await render('A `<!--more-->` b\n\n```html\n<!--more-->\n```\n\nC\n');
    expect(out.hasMoreMarker).toBe(false);
  });

  test('marker works under every raw HTML policy', async () => {
    for (const rawHtml of ['allow', 'sanitize', 'escape'] as const) {
      const r = await createMarkdownRenderer({ ...defaultMarkdownOptions, rawHtml });
      const out = await r.render('A\n\n<!-- more -->\n\nB\n', testContext());
      expect(out, rawHtml).toMatchObject({
        hasMoreMarker: true,
        excerptHtml: '<p>A</p>',
        html: '<p>A</p>\n<p>B</p>',
      });
    }
  });

  test('no paragraph at all: empty excerpt', async () => {
    expect((await render('## Only a heading\n')).excerptHtml).toBe('');
  });
});

describe('word count and reading time', () => {
  test('prose words only: code blocks, math and raw HTML are excluded, inline code counts', async () => {
    const out = await render(
      '# Four words in title\n\nOne two `three` four.\n\n```ts\nconst not = counted;\n```\n\n' +
        '$$\nx + y\n$$\n\nInline $a+b$ math.\n\n<div>not counted</div>\n\n> [!NOTE]\n> Five.\n',
    );
    // 4 (title) + 4 + 2 ("Inline", "math") + 1 ("Five"; the callout title is not the author's)
    expect(out.wordCount).toBe(11);
    expect(out.readingMinutes).toBe(1);
  });

  test('countWords: contractions, numbers, hyphens, CJK', () => {
    expect(countWords("Don't stop: 3.14 is e-mail-ish, isn't it?")).toBe(7);
    expect(countWords('日本語のテキスト')).toBe(8);
    expect(countWords('  ')).toBe(0);
  });

  test('readingMinutes = max(1, round(words / wpm))', async () => {
    const text = Array.from({ length: 690 }, () => 'word').join(' ');
    expect((await render(text)).readingMinutes).toBe(3);
    const fast = await createMarkdownRenderer({ ...defaultMarkdownOptions, wordsPerMinute: 100 });
    expect((await fast.render(text, testContext())).readingMinutes).toBe(7);
    expect((await render('hi')).readingMinutes).toBe(1);
  });
});

describe('headings and toc', () => {
  test('headings list, nested h2-h4 toc', async () => {
    const out = await render(
      '# T\n\n## A\n\n### A.1\n\n#### A.1.a\n\n##### deep\n\n## B `code` $x$\n\n### B.1\n',
    );
    expect(out.headings).toEqual([
      { depth: 1, id: 't', text: 'T' },
      { depth: 2, id: 'a', text: 'A' },
      { depth: 3, id: 'a1', text: 'A.1' },
      { depth: 4, id: 'a1a', text: 'A.1.a' },
      { depth: 5, id: 'deep', text: 'deep' },
      { depth: 2, id: 'b-code-x', text: 'B code x' },
      { depth: 3, id: 'b1', text: 'B.1' },
    ]);
    expect(out.toc).toEqual([
      {
        id: 'a',
        text: 'A',
        depth: 2,
        children: [
          {
            id: 'a1',
            text: 'A.1',
            depth: 3,
            children: [{ id: 'a1a', text: 'A.1.a', depth: 4, children: [] }],
          },
        ],
      },
      {
        id: 'b-code-x',
        text: 'B code x',
        depth: 2,
        children: [{ id: 'b1', text: 'B.1', depth: 3, children: [] }],
      },
    ]);
  });

  test('buildToc: skipped levels nest, a leading h3 is top-level', () => {
    const toc = buildToc([
      { depth: 3, id: 'pre', text: 'pre' },
      { depth: 2, id: 'a', text: 'a' },
      { depth: 4, id: 'b', text: 'b' },
      { depth: 3, id: 'c', text: 'c' },
    ]);
    expect(toc.map((t) => [t.id, t.children.map((c) => c.id)])).toEqual([
      ['pre', []],
      ['a', ['b', 'c']],
    ]);
  });

  test('anchors: every id in the body, footnotes included', async () => {
    const out = await render('## A\n\nx[^1] <span id="raw">r</span>\n\n[^1]: y\n');
    expect(out.anchors).toEqual([
      'a',
      'user-content-fnref-1',
      'raw',
      'footnote-label',
      'user-content-fn-1',
    ]);
  });

  test('heading ids avoid ids already in the body', async () => {
    const out = await render('<p id="intro">raw</p>\n\n## Intro\n');
    expect(out.headings[0]!.id).toBe('intro-1');
  });
});

describe('links', () => {
  test('linkTargets and fragmentLinks', async () => {
    const out = await render(
      '[a](../one.md) [b](../two.md#setup) [c](#local) [d](../one.md)\n\n' +
        '[e](https://x.dev/#frag) [f](#caf%C3%A9) [g](#)\n',
    );
    expect(out.linkTargets).toEqual(['post:one', 'post:two']);
    expect(out.fragmentLinks).toEqual([
      { targetId: 'post:two', fragment: 'setup', line: 1, column: 16 },
      { targetId: null, fragment: 'local', line: 1, column: 37 },
      { targetId: null, fragment: 'café', line: 3, column: 26 },
    ]);
  });

  test('each URL is resolved once, images through resolveImage, as written', async () => {
    const seen: string[] = [];
    const ctx = {
      ...testContext(),
      resolveLink: (href: string) => (seen.push('link ' + href), { kind: 'keep' as const }),
      resolveImage: (src: string) => (seen.push('image ' + src), { kind: 'keep' as const }),
    };
    await md.render(
      '[a](x%20y.md) ![i](i.png) [r][d] [r2][d] ![ir][img]\n\n[d]: ./d.md\n[img]: ./p.png\n',
      ctx,
    );
    expect(seen).toEqual(['link x%20y.md', 'image i.png', 'link ./d.md', 'image ./p.png']);
  });
});
