import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { BodyContext } from '../../src/import/context.js';
import { convertHugoBody } from '../../src/import/hugo/convert.js';
import { convertJekyllBody } from '../../src/import/jekyll/convert.js';
import type { ImportSite } from '../../src/import/model.js';
import { Report } from '../../src/import/report.js';
import { runImport } from '../../src/import/run.js';
import { hugoUrlize, jekyllPretty, zolaSlugify } from '../../src/import/slugs.js';
import { convertZolaBody } from '../../src/import/zola/convert.js';
import { createMarkdownRenderer, defaultMarkdownOptions } from '../../src/markdown/index.js';
import { FIXED_NOW } from '../helpers/site.js';
import { testContext } from '../markdown/helpers.js';

function context(site: Partial<ImportSite> = {}): BodyContext & { report: Report } {
  const report = new Report();
  return {
    site: {
      docs: [],
      sections: [],
      stubs: [],
      shortcodes: new Map(),
      siteData: {},
      root: '/',
      ...site,
    } as unknown as ImportSite,
    file: 'content/x.md',
    bodyLine: 1,
    report,
    directives: new Map(),
    linkToSrc: (src) => (src === 'content/y.md' ? './y.md' : undefined),
    linkToOldUrl: () => undefined,
  };
}

describe('slugs as each generator makes them', () => {
  test('Hugo urlize, Zola slugify, Jekyll pretty (cased)', () => {
    expect(hugoUrlize('Register Allocation, Briefly')).toBe('register-allocation-briefly');
    expect(hugoUrlize("What's in C++?")).toBe('whats-in-c++');
    expect(zolaSlugify('Tomás Ferreira')).toBe('tomas-ferreira');
    expect(zolaSlugify('Level 0 & tiering')).toBe('level-0-tiering');
    expect(jekyllPretty('Query-Planner-Notes')).toBe('Query-Planner-Notes');
  });
});

describe('Hugo bodies', () => {
  test('built-in shortcodes, escaped ones, and code left alone', () => {
    const ctx = context({ docs: [{ src: 'content/y.md' }] as ImportSite['docs'] });
    const out = convertHugoBody(
      [
        '{{< youtube ZJthWmvUzzc >}}',
        '',
        '{{< vimeo_simple 48912912 >}}',
        '',
        'Shown as `{{</* youtube x */>}}`; {{< ref "y.md" >}}.',
        '',
        '```',
        '{{< gist a b >}}',
        '```',
        '',
        'Go variables are accessible within {{ }} and {{ .Title }}.',
      ].join('\n'),
      ctx,
    );
    expect(out).toBe(
      [
        '::youtube{id=ZJthWmvUzzc}',
        '',
        '::vimeo{id=48912912}',
        '',
        'Shown as `{{< youtube x >}}`; ./y.md.',
        '',
        '```',
        '{{< gist a b >}}',
        '```',
        '',
        'Go variables are accessible within `{{ }}` and `{{ .Title }}`.',
      ].join('\n'),
    );
    expect(ctx.report.markdown('t')).toContain(
      '- `content/x.md:8`: Hugo would expand the shortcode {{< gist a b >}} inside this code',
    );
  });

  test('a shortcode defined nowhere is kept as ::unconverted (the build warns; readers see nothing) and reported', () => {
    const ctx = context();
    expect(convertHugoBody('Text {{< mystery a=1 >}} more.', ctx)).toBe(
      'Text :unconverted[`{{< mystery a=1 >}}`]{from=hugo} more.',
    );
    expect(convertHugoBody('{{% aside "[x]" %}}\nThe *text*.\n{{% /aside %}}\n', ctx).trim()).toBe(
      ':::unconverted[\\{\\{\\% aside \\"\\[x\\]\\" \\%\\}\\}]{from=hugo}\nThe *text*.\n:::',
    );
    expect(ctx.report.markdown('t')).toContain(
      '- `content/x.md:1`: Unknown shortcode "mystery" (no definition in layouts/ or themes/): kept as ::unconverted, which readers do not see and every build warns about. Write a directive (templates/directives/<name>.liquid) or the text it stood for.',
    );
  });
});

describe('what is kept unconverted, through the real Markdown stage', () => {
  test('readers see the content only; each shortcode is a markdown/unconverted warning with the original', async () => {
    const ctx = context();
    const body = convertHugoBody(
      'Text {{< mystery a=1 >}} more.\n\n{{% aside "[x]" %}}\nThe *text*.\n{{% /aside %}}\n',
      ctx,
    );
    const md = await createMarkdownRenderer(defaultMarkdownOptions);
    const out = await md.render(body, testContext());
    expect(out.html).not.toMatch(/mystery|aside|\{\{/);
    expect(out.html).toContain('<em>text</em>');
    expect(out.diagnostics.map((d) => [d.rule, d.message.split(' was kept')[0]])).toEqual([
      ['markdown/unconverted', '`{{< mystery a=1 >}}` from hugo'],
      ['markdown/unconverted', '`{{% aside "[x]" %}}` from hugo'],
    ]);
  });
});

describe('Zola bodies', () => {
  test('body shortcodes, @/ links are left to the link pass, escapes become literal', () => {
    const ctx = context({ shortcodes: new Map([['note', 'templates/shortcodes/note.html']]) });
    const out = convertZolaBody(
      '{% note(kind="tip") %}\nSome *text*.\n{% end %}\n\n`{{/* youtube(id="x") */}}`\n',
      ctx,
    );
    expect(out).toBe(':::note{kind=tip}\nSome *text*.\n:::\n\n`{{ youtube(id="x") }}`\n');
    expect([...ctx.directives]).toEqual([['note', 'templates/shortcodes/note.html']]);
  });

  test('a shortcode defined nowhere is kept as ::unconverted', () => {
    const ctx = context();
    expect(convertZolaBody('{{ mystery(a=1) }}\n\n{% box() %}\nInside.\n{% end %}\n', ctx)).toBe(
      ':unconverted[`{{ mystery(a=1) }}`]{from=zola}\n\n:::unconverted[`{% box() %}`]{from=zola}\nInside.\n:::\n',
    );
    expect(ctx.report.todoCount).toBe(2);
  });
});

describe('Jekyll bodies', () => {
  test('raw inside highlight, values, and relative_url with the base path', () => {
    const ctx = context({ siteData: { baseurl: '/blog', repository: 'https://example.org/r' } });
    const out = convertJekyllBody(
      '{% highlight liquid %}\n{% raw %}\n{{ "/x/" | relative_url }}\n{% endraw %}\n{% endhighlight %}\n\nAt {{ site.repository }}, [docs]({{ "/docs/" | relative_url }}).\n',
      ctx,
    );
    expect(out).toBe(
      '```liquid\n{{ "/x/" | relative_url }}\n```\n\nAt https://example.org/r, [docs](/blog/docs/).\n',
    );
  });
});

describe('Jekyll links', () => {
  test('{{ site.baseurl }} (or site.url) written before post_url and link is not kept: the link is relative', () => {
    const ctx = context({
      siteData: { baseurl: '/blog', url: 'https://e.example' },
      docs: [{ src: '_posts/2020-03-15-a.md' }, { src: 'about.md' }] as ImportSite['docs'],
    });
    ctx.linkToSrc = (src) =>
      src === '_posts/2020-03-15-a.md'
        ? './a.md'
        : src === 'about.md'
          ? '../pages/about.md'
          : undefined;
    const out = convertJekyllBody(
      '[A]({{ site.baseurl }}{% post_url 2020-03-15-a %}#x), [B]({{site.url}}{{ site.baseurl }}{% link about.md %}), [C]({% post_url 2020-03-15-a %}), {{ site.baseurl }}/feed.xml',
      ctx,
    );
    expect(out).toBe('[A](./a.md#x), [B](../pages/about.md), [C](./a.md), /blog/feed.xml');
  });
});

describe('real layouts', () => {
  const tmp = mkdtemp(path.join(os.tmpdir(), 'colophon-import-real-'));
  afterAll(async () => rm(await tmp, { recursive: true, force: true }));

  test('Zola: a `path` ending in .html is kept as that file; the slug has no .html', async () => {
    const src = path.join(await tmp, 'zola');
    await mkdir(path.join(src, 'content/inside'), { recursive: true });
    await writeFile(path.join(src, 'config.toml'), 'base_url = "https://b.example"\ntitle = "B"\n');
    await writeFile(path.join(src, 'content/inside/_index.md'), '+++\ntitle = "Inside"\n+++\n');
    await writeFile(
      path.join(src, 'content/inside/welcome.md'),
      '+++\npath = "2019/09/25/Welcome.html"\ntitle = "Welcome"\n+++\n\nHello.\n',
    );
    const r = runImport({
      generator: 'zola',
      src,
      dest: path.join(await tmp, 'zola-out'),
      dryRun: true,
      now: FIXED_NOW,
    });
    if (!r.ok) throw new Error(r.message);
    const post = r.files.find((f) => f.path === 'content/posts/welcome.md')!;
    expect(post.text).toContain('date: 2019-09-25');
    expect(post.text).toContain('aliases:\n  - /2019/09/25/Welcome.html\n');
  });

  test('Hugo: x.fr.md beside x.md is a translation even when no language is configured', async () => {
    const src = path.join(await tmp, 'hugo');
    await mkdir(path.join(src, 'content/post'), { recursive: true });
    await writeFile(path.join(src, 'config.toml'), 'baseURL = "https://h.example/"\ntitle = "H"\n');
    await writeFile(
      path.join(src, 'content/post/a.md'),
      '---\ntitle: A\ndate: 2014-09-28\n---\n\nHi.\n',
    );
    await writeFile(
      path.join(src, 'content/post/a.fr.md'),
      '---\ntitle: A fr\ndate: 2014-09-28\n---\n\nSalut.\n',
    );
    const r = runImport({
      generator: 'hugo',
      src,
      dest: path.join(await tmp, 'hugo-out'),
      dryRun: true,
      now: FIXED_NOW,
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.files.filter((f) => f.path.startsWith('content/posts/')).map((f) => f.path)).toEqual([
      'content/posts/a.md',
    ]);
    expect(r.markdown).toContain('- `content/post/a.fr.md`: a translation (fr)');
  });

  test('Hugo: a bundle with [build] render = "never" is headless: nothing of it is published', async () => {
    const src = path.join(await tmp, 'hugo-headless');
    await mkdir(path.join(src, 'content/posts'), { recursive: true });
    await mkdir(path.join(src, 'content/parts'), { recursive: true });
    await writeFile(path.join(src, 'hugo.toml'), 'baseURL = "https://h.example/"\ntitle = "H"\n');
    await writeFile(
      path.join(src, 'content/posts/a.md'),
      '+++\ntitle = "A"\ndate = 2024-01-02\n+++\n\nPlain text.\n',
    );
    await writeFile(
      path.join(src, 'content/parts/index.md'),
      '+++\ntitle = "Parts"\n[build]\nrender = "never"\nlist = "never"\n+++\n',
    );
    await writeFile(path.join(src, 'content/parts/footer.md'), '+++\ntitle = "Footer"\n+++\nHi.\n');
    const r = runImport({
      generator: 'hugo',
      src,
      dest: path.join(await tmp, 'hugo-headless-out'),
      dryRun: true,
      now: FIXED_NOW,
    });
    if (!r.ok) throw new Error(r.message);
    const content = r.files.filter((f) => /^content\/(posts|pages)\//.test(f.path));
    expect(content.map((f) => f.path)).toEqual(['content/posts/a.md']);
    expect(r.markdown).toContain(
      '- `content/parts/index.md`: a headless bundle: Hugo publishes nothing for it',
    );
    expect(r.markdown).toContain('## Conversions\n\nNone: the bodies needed no conversion.\n');
  });

  test("Hugo: a series ordered by a theme's series_order (front matter or params)", async () => {
    const src = path.join(await tmp, 'hugo-series');
    await mkdir(path.join(src, 'content/posts'), { recursive: true });
    await writeFile(
      path.join(src, 'hugo.toml'),
      'baseURL = "https://h.example/"\ntitle = "H"\n[taxonomies]\nseries = "series"\n',
    );
    const post = (name: string, date: string, order = '') =>
      writeFile(
        path.join(src, `content/posts/${name}.md`),
        `+++\ntitle = "${name}"\ndate = ${date}\nseries = ["Guide"]\n${order}\n+++\n\nText.\n`,
      );
    await post('one', '2024-03-01', 'series_order = 1');
    await post('two', '2024-01-01', '[params]\nseries_order = 2');
    const r = runImport({
      generator: 'hugo',
      src,
      dest: path.join(await tmp, 'hugo-series-out'),
      dryRun: true,
      now: FIXED_NOW,
    });
    if (!r.ok) throw new Error(r.message);
    const part = (n: string) =>
      /part: (\d+)/.exec(r.files.find((f) => f.path === `content/posts/${n}.md`)?.text ?? '')?.[1];
    expect([part('one'), part('two')]).toEqual(['1', '2']);
    expect(r.markdown).not.toContain('`series_order`');
  });
});
