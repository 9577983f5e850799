import { describe, expect, test } from 'vitest';
import {
  createMarkdownRenderer,
  defaultMarkdownOptions,
  renderMarkdown,
  type PluginSpec,
} from '../../src/markdown/index.js';
import { testContext } from './helpers.js';

describe('public API', () => {
  test('renderMarkdown: default options, links kept as written', async () => {
    const out = await renderMarkdown('# Hi\n\n[a](../x.md) ![b](c.png)\n');
    expect(out.html).toBe(
      '<h1 id="hi">Hi<a class="heading-anchor" aria-label="Link to this section" href="#hi">#</a></h1>\n' +
        '<p><a href="../x.md">a</a> <img src="c.png" alt="b"></p>',
    );
    expect(out.linkTargets).toEqual([]);
    expect(out.diagnostics).toEqual([]);
  });

  test('renderMarkdown and a renderer with the same options give the same bytes', async () => {
    const source = '## A\n\n```ts\nlet a = 1;\n```\n\n> [!NOTE]\n> n\n';
    const md = await createMarkdownRenderer({ ...defaultMarkdownOptions });
    const keepAll = {
      ...testContext(),
      resolveLink: () => ({ kind: 'keep' as const }),
      resolveImage: () => ({ kind: 'keep' as const }),
    };
    expect((await renderMarkdown(source)).html).toBe((await md.render(source, keepAll)).html);
  });

  test('defaultMarkdownOptions is frozen and matches the config defaults', () => {
    expect(Object.isFrozen(defaultMarkdownOptions)).toBe(true);
    expect(defaultMarkdownOptions).toMatchObject({
      rawHtml: 'allow',
      themes: { light: 'github-light', dark: 'github-dark' },
      lineNumbers: false,
      math: true,
      wordsPerMinute: 230,
    });
  });

  test('bad options and unknown themes are rejected when the renderer is built', async () => {
    await expect(
      createMarkdownRenderer({
        ...defaultMarkdownOptions,
        themes: { light: 'nope', dark: 'github-dark' },
      }),
    ).rejects.toThrow(/Unknown code theme "nope"/);
    await expect(
      createMarkdownRenderer({ ...defaultMarkdownOptions, wordsPerMinute: 0 }),
    ).rejects.toThrow(/wordsPerMinute/);
  });

  test('math can be turned off', async () => {
    const md = await createMarkdownRenderer({ ...defaultMarkdownOptions, math: false });
    const out = await md.render('Costs $5 and $10.', testContext());
    expect(out.html).toBe('<p>Costs $5 and $10.</p>');
  });

  test('template syntax is never evaluated', async () => {
    const out = await renderMarkdown('{{ site.title }} {% raw %}x{% endraw %} {{ 7*7 }}');
    expect(out.html).toBe('<p>{{ site.title }} {% raw %}x{% endraw %} {{ 7*7 }}</p>');
  });

  test('a throwing user plugin fails loudly, naming the file', async () => {
    const broken: PluginSpec = () => () => {
      throw new TypeError('plugin bug');
    };
    const md = await createMarkdownRenderer({ ...defaultMarkdownOptions, rehypePlugins: [broken] });
    await expect(md.render('x', testContext('content/posts/p.md'))).rejects.toThrow(
      /Rendering Markdown failed for content\/posts\/p\.md: TypeError: plugin bug/,
    );
  });

  test('renders can run concurrently', async () => {
    const md = await createMarkdownRenderer({ ...defaultMarkdownOptions });
    const sources = ['go', 'python', 'css', 'sql', 'yaml'].map(
      (lang, i) => `## H${i}\n\n\`\`\`${lang}\nx\n\`\`\`\n`,
    );
    const outs = await Promise.all(sources.map((s) => md.render(s, testContext())));
    outs.forEach((out, i) => {
      expect(out.headings).toEqual([{ depth: 2, id: `h${i}`, text: `H${i}` }]);
      expect(out.diagnostics).toEqual([]);
    });
  });
});

describe('digest', () => {
  const make = (extra: object = {}) =>
    createMarkdownRenderer({ ...defaultMarkdownOptions, ...extra });

  test('stable for the same options, whatever cache or highlighter is passed', async () => {
    const a = await make();
    const b = await make({ cache: { get: () => undefined, set: () => {} } });
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(b.digest).toBe(a.digest);
  });

  test('changes with every option that changes output', async () => {
    const base = (await make()).digest;
    const variants = [
      { rawHtml: 'sanitize' },
      { themes: { light: 'min-light', dark: 'github-dark' } },
      { lineNumbers: true },
      { math: false },
      { wordsPerMinute: 200 },
      { remarkPlugins: [() => undefined] },
      { rehypePlugins: [[() => undefined, { a: 1 }]] },
    ];
    const digests = await Promise.all(variants.map(async (v) => (await make(v)).digest));
    expect(new Set([base, ...digests]).size).toBe(variants.length + 1);
  });
});
