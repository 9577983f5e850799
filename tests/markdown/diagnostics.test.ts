import { beforeAll, describe, expect, test } from 'vitest';
import {
  createMarkdownRenderer,
  defaultMarkdownOptions,
  type MarkdownRenderer,
  type RenderedMarkdown,
} from '../../src/markdown/index.js';
import { testContext } from './helpers.js';

/** Diagnostics carry file lines: the body starts at line 5 here (4 lines of front matter). */
const BODY_LINE = 5;
let md: MarkdownRenderer;
beforeAll(async () => {
  md = await createMarkdownRenderer({ ...defaultMarkdownOptions, rawHtml: 'allow' });
});

const render = (source: string): Promise<RenderedMarkdown> =>
  md.render(source, testContext('content/posts/a.md', BODY_LINE));

describe('diagnostics', () => {
  test('unknown code language: warning at the fence, exact message', async () => {
    const out = await render('Intro.\n\n```foo\nx\n```\n');
    expect(out.diagnostics).toEqual([
      {
        severity: 'warning',
        rule: 'markdown/unknown-language',
        message:
          'Unknown code language "foo"; the block is shown as plain text. Use one of shiki\'s ' +
          'language ids (e.g. ts, rust, bash) or "text".',
        span: { file: 'content/posts/a.md', line: 7, column: 1 },
      },
    ]);
    expect(out.html).toMatch(/<figure class="code-block" data-lang="foo" style="--lines:\d+">/);
  });

  test('fence inside a list keeps its column', async () => {
    const out = await render('- item\n\n  ```foo\n  x\n  ```\n');
    expect(out.diagnostics.map((d) => d.span)).toEqual([
      { file: 'content/posts/a.md', line: 7, column: 3 },
    ]);
  });

  test('duplicate heading: warning at the second heading', async () => {
    const out = await render('## Setup\n\ntext\n\n## Setup\n');
    expect(out.diagnostics).toEqual([
      {
        severity: 'warning',
        rule: 'markdown/duplicate-heading',
        message:
          'Heading "Setup" has the same anchor as an earlier heading or anchor, so it gets the id ' +
          '"setup-1" instead of "setup". Give the headings distinct titles so links to each stay stable.',
        span: { file: 'content/posts/a.md', line: 9, column: 1 },
      },
    ]);
  });

  test('broken link: rule and message come from the resolution', async () => {
    const out = await render('See [this](../missing-thing.md) now.\n');
    expect(out.diagnostics).toEqual([
      {
        severity: 'error',
        rule: 'markdown/broken-link',
        message:
          'Link to "../missing-thing.md" points to no content file. Fix the path or remove the link.',
        span: { file: 'content/posts/a.md', line: 5, column: 5 },
      },
    ]);
  });

  test('broken image uses resolveImage', async () => {
    const out = await render('\n![x](missing.png)\n');
    expect(out.diagnostics.map((d) => [d.rule, d.span?.line, d.span?.column])).toEqual([
      ['markdown/broken-image', 6, 1],
    ]);
  });

  test('unsafe URL: error at the link, href dropped', async () => {
    const out = await render('a\n\nx [y](javascript:alert(1))\n');
    expect(out.diagnostics).toEqual([
      {
        severity: 'error',
        rule: 'markdown/unsafe-url',
        message:
          'Link URL "javascript:alert(1)" uses the javascript: scheme, which can run code or embed ' +
          "content in readers' browsers; it is rendered without a URL. Use an http(s) or relative URL.",
        span: { file: 'content/posts/a.md', line: 7, column: 3 },
      },
    ]);
    expect(out.html).toBe('<p>a</p>\n<p>x <a>y</a></p>');
  });

  test('unsafe URL in raw HTML (allow): error at the element', async () => {
    const out = await render(
      'text\n\n<p>a <img src="data:image/svg+xml,<svg/onload=alert(1)>"></p>\n',
    );
    expect(out.diagnostics.map((d) => [d.rule, d.span?.line, d.span?.column])).toEqual([
      ['markdown/unsafe-url', 7, 6],
    ]);
    expect(out.html).not.toContain('data:');
  });

  test('bad TeX: error at the math, no throw', async () => {
    const out = await render('Text\n\nand $\\frac{1}{$ here\n');
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics[0]).toMatchObject({
      severity: 'error',
      rule: 'markdown/math-error',
      span: { file: 'content/posts/a.md', line: 7, column: 5 },
    });
    expect(out.diagnostics[0]!.message).toMatch(
      /^Could not typeset math: KaTeX parse error: .+ Fix the TeX/,
    );
    expect(out.html).toContain('katex');
  });

  test('diagnostics come sorted by position', async () => {
    const out = await render('```foo\n```\n\n[a](javascript:x)\n\n## A\n## A\n');
    expect(out.diagnostics.map((d) => d.span?.line)).toEqual([5, 8, 11]);
  });
});

describe('positions survive every raw HTML policy', () => {
  // Raw HTML makes rehype-raw rebuild the tree; sanitize rebuilds it again.
  const DOC = [
    '<b>raw</b> text',
    '',
    '## Dup',
    '',
    '## Dup',
    '',
    'Bad $\\nope$ math.',
    '',
    '```nolang',
    'x',
    '```',
    '',
  ].join('\n');

  test.each(['allow', 'sanitize', 'escape'] as const)('%s', async (rawHtml) => {
    const r = await createMarkdownRenderer({ ...defaultMarkdownOptions, rawHtml });
    const out = await r.render(DOC, testContext('content/posts/a.md', 10));
    expect(out.diagnostics.map((d) => [d.rule, d.span?.line, d.span?.column])).toEqual([
      ['markdown/duplicate-heading', 14, 1],
      ['markdown/math-error', 16, 5],
      ['markdown/unknown-language', 18, 1],
    ]);
  });
});
