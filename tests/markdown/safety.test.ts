import { beforeAll, describe, expect, test } from 'vitest';
import {
  createMarkdownRenderer,
  defaultMarkdownOptions,
  type MarkdownRenderer,
} from '../../src/markdown/index.js';
import { unsafeScheme } from '../../src/markdown/url-safety.js';
import { testContext } from './helpers.js';

describe('unsafeScheme', () => {
  test.each([
    ['javascript:alert(1)', 'javascript'],
    ['JaVaScRiPt:alert(1)', 'javascript'],
    [' \t\njavascript:alert(1)', 'javascript'],
    ['java\tscript:alert(1)', 'javascript'],
    ['java\u0000script:alert(1)', 'javascript'],
    ['&#106;avascript:alert(1)', 'javascript'],
    ['&#x6A;avascript&colon;alert(1)', 'javascript'],
    ['&amp;#106;avascript:alert(1)', 'javascript'],
    ['vbscript:msgbox', 'vbscript'],
    ['data:text/html,<script>', 'data'],
    ['DATA:image/png;base64,AAAA', 'data'],
  ])('%j is %s', (url, scheme) => {
    expect(unsafeScheme(url)).toBe(scheme);
  });

  test.each([
    'https://x.dev',
    '/a/b',
    '../c.md#javascript:x',
    'mailto:a@b.c',
    '#data:x',
    'javascript-tutorial.html',
    '',
  ])('%j is safe', (url) => {
    expect(unsafeScheme(url)).toBeNull();
  });
});

describe('raw HTML policies keep our own markup', () => {
  const DOC = [
    '## Heading',
    '',
    'Text[^1] and $x^2$.',
    '',
    '> [!WARNING]',
    '> Careful.',
    '',
    '```ts title="a.ts" {1}',
    'const a = 1;',
    '```',
    '',
    '[^1]: Footnote.',
  ].join('\n');

  test.each(['allow', 'sanitize', 'escape'] as const)('%s', async (rawHtml) => {
    const md = await createMarkdownRenderer({ ...defaultMarkdownOptions, rawHtml });
    const out = await md.render(DOC, testContext());
    // footnotes, single prefix
    expect(out.html).toMatch(
      /<a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref(="")? /,
    );
    expect(out.html).toContain('<li id="user-content-fn-1">');
    expect(out.html).not.toContain('user-content-user-content');
    // heading anchors
    expect(out.html).toContain(
      '<h2 id="heading">Heading<a class="heading-anchor" aria-label="Link to this section" href="#heading">#</a></h2>',
    );
    // callouts
    expect(out.html).toContain(
      '<div class="callout callout-warning" role="note">\n<p class="callout-title">Warning</p>',
    );
    // KaTeX
    expect(out.html).toContain('<span class="katex"><span class="katex-mathml">');
    // code blocks with title, classes, styles
    expect(out.html).toMatch(
      /<figure class="code-block" data-lang="ts" style="--lines:\d+"><figcaption class="code-title">a\.ts<\/figcaption><pre class="shiki shiki-themes github-light github-dark has-highlighted" style="--shiki-light:/,
    );
    expect(out.html).toContain('<span class="line highlighted"><span style="--shiki-light:');
    expect(out.diagnostics).toEqual([]);
  });

  test('sanitize strips what authors cannot be trusted with, and prefixes their ids', async () => {
    const md = await createMarkdownRenderer({ ...defaultMarkdownOptions, rawHtml: 'sanitize' });
    const out = await md.render(
      '<div class="callout-fake x" style="position:fixed" onclick="x()" id="mine"><img name="getElementById" src="a.png"></div>\n\n<script>x</script><iframe src="https://x"></iframe>',
      testContext(),
    );
    // Raw HTML URLs are checked for safety but not resolved (only Markdown links are). Ids get
    // GitHub's prefix, so no raw id can take one of the theme's.
    expect(out.html).toBe(
      '<div id="user-content-mine"><img name="user-content-getElementById" src="a.png"></div>\n',
    );
  });
});

describe('hostile input is bounded', () => {
  let md: MarkdownRenderer;
  beforeAll(async () => {
    md = await createMarkdownRenderer({ ...defaultMarkdownOptions, rawHtml: 'allow' });
  });

  const tooComplex = async (source: string, line = 1) => {
    const started = performance.now();
    const out = await md.render(source, testContext('content/posts/evil.md', 3));
    expect(out.html).toBe('');
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics[0]).toMatchObject({
      severity: 'error',
      rule: 'markdown/too-complex',
      span: { file: 'content/posts/evil.md', line: line + 2, column: 1 },
    });
    return performance.now() - started;
  };

  test('10,000 nested block quotes', async () => {
    expect(await tooComplex('>'.repeat(10_000) + ' deep')).toBeLessThan(5_000);
  }, 20_000);

  test('10,000 nested list items, inline and by indentation', async () => {
    await tooComplex('- '.repeat(10_000) + 'x');
    await tooComplex(
      Array.from({ length: 1_000 }, (_, i) => '  '.repeat(i) + '- item').join('\n'),
      201,
    );
  }, 20_000);

  test('quadratic brackets and emphasis runs', async () => {
    await tooComplex('['.repeat(50_000) + 'a' + ']'.repeat(50_000));
    await tooComplex('[a]('.repeat(20_000));
    await tooComplex('text\n\n' + '*a '.repeat(50_000) + 'b', 3);
  }, 20_000);

  test('deep raw HTML overflows the stack: caught, reported, not thrown', async () => {
    await tooComplex('<div>'.repeat(50_000));
  }, 60_000);

  test('below the limits, nesting still renders', async () => {
    const out = await md.render('> '.repeat(50) + 'fifty deep', testContext());
    expect(out.html.match(/<blockquote>/g)).toHaveLength(50);
    expect(out.diagnostics).toEqual([]);
  });

  test('huge code blocks degrade to plain text with a warning', async () => {
    const big = '```ts\n' + 'const a = 1;\n'.repeat(20_000) + '```\n';
    const long = '```ts\n' + 'x'.repeat(60_000) + '\n```\n';
    for (const source of [big, long]) {
      const out = await md.render(source, testContext());
      expect(out.diagnostics.map((d) => [d.rule, d.severity, d.span?.line])).toEqual([
        ['markdown/code-too-large', 'warning', 1],
      ]);
      expect(out.html).toMatch(
        /<figure class="code-block" data-lang="ts" style="--lines:\d+"><pre class="shiki/,
      );
      expect(out.html).not.toContain('--shiki-light:#D73A49'); // no token colours
    }
  }, 60_000);

  test('a document just under the 1 MB body limit renders; one just over is refused', async () => {
    const paragraph =
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do *eiusmod* tempor.\n\n';
    const source = paragraph.repeat(Math.floor((1024 * 1024) / paragraph.length));
    const out = await md.render(source, testContext());
    expect(out.diagnostics).toEqual([]);
    expect(out.wordCount).toBeGreaterThan(100_000);
    const over = await md.render(source + paragraph, testContext());
    expect(over.diagnostics.map((d) => d.rule)).toEqual(['markdown/too-large']);
    expect(over.html).toBe('');
  }, 300_000);
});
