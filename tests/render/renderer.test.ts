import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BuildFailure } from '../../src/diagnostics/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { createRenderer } from '../../src/render/index.js';
import type { RendererOptions } from '../../src/render/index.js';
import type { TemplateName } from '../../src/routes/view-model.js';
import { fixtures } from '../fixtures/render/view-models.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A throw-away project with `templates/` holding the given files. */
function project(files: Record<string, string>): { root: string; templates: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'colophon-render-'));
  made.push(root);
  const templates = path.join(root, 'templates');
  mkdirSync(templates);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(templates, rel)), { recursive: true });
    writeFileSync(path.join(templates, rel), text);
  }
  return { root, templates };
}

function rendererFor(files: Record<string, string>, opts: Partial<RendererOptions> = {}) {
  const p = project(files);
  return createRenderer({
    siteTemplatesDir: p.templates,
    projectRoot: p.root,
    strictVariables: true,
    ...opts,
  });
}

async function failure(run: () => Promise<unknown>): Promise<Diagnostic[]> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(BuildFailure);
    expect((err as BuildFailure).phase).toBe('render');
    return (err as BuildFailure).diagnostics;
  }
  throw new Error('expected a BuildFailure');
}

const renderFixture = (r: ReturnType<typeof createRenderer>, name: TemplateName) =>
  r.renderPage(name, fixtures[name]() as never);

describe('override chain: the site’s templates/ first, then the default theme', () => {
  test('a site overrides one partial; every other file comes from the default theme', async () => {
    const r = rendererFor({
      'partials/footer.liquid':
        '<footer class="site-footer"><p>My own footer for {{ site.title }}</p></footer>\n',
    });
    const { html, templatesUsed } = await renderFixture(r, 'archive');
    expect(html).toContain('<p>My own footer for Packet Lore</p>');
    expect(html).toContain('class="site-header"');
    expect(templatesUsed).toContain('template:partials/footer.liquid');
    expect(r.resolveTemplate('template:partials/footer.liquid')?.origin).toBe('site');
    expect(r.resolveTemplate('template:partials/header.liquid')?.origin).toBe('default');

    const plain = createRenderer({ strictVariables: true });
    expect(r.templateHashes()['template:partials/footer.liquid']).not.toBe(
      plain.templateHashes()['template:partials/footer.liquid'],
    );
    expect(r.templateHashes()['template:partials/header.liquid']).toBe(
      plain.templateHashes()['template:partials/header.liquid'],
    );
    expect(r.digest()).not.toBe(plain.digest());
  });

  test('an overridden page template can use site-only partials; the closure follows the site file', async () => {
    const r = rendererFor({
      'archive.liquid':
        "{% layout 'layouts/base' %}{% block main %}<h1>Everything</h1>{% include 'partials/extra' %}{% endblock %}",
      'partials/extra.liquid': '<p>{{ total }} posts</p>',
    });
    const { html, templatesUsed } = await renderFixture(r, 'archive');
    expect(html).toContain('<h1>Everything</h1><p>8 posts</p>');
    expect(templatesUsed).toEqual([
      'template:archive.liquid',
      'template:layouts/base.liquid',
      'template:partials/extra.liquid',
      'template:partials/footer.liquid',
      'template:partials/head.liquid',
      'template:partials/header.liquid',
    ]);
  });

  test('a layout override applies to every page that uses it', async () => {
    const r = rendererFor({
      'layouts/base.liquid':
        '<!doctype html><html lang="{{ site.language }}"><head><title>{{ page.documentTitle }}</title></head><body>{% block main %}{% endblock %}</body></html>',
    });
    for (const name of ['home', 'archive', 'post'] as const) {
      const { html } = await renderFixture(r, name);
      expect(html.startsWith('<!doctype html><html lang="en"><head><title>')).toBe(true);
      expect(html).not.toContain('site-header');
    }
  });
});

describe('diagnostics for broken templates', () => {
  test('syntax error: an unclosed block is reported where it opens', async () => {
    const r = rendererFor({
      'post.liquid':
        "{% layout 'layouts/base' %}\n{% block main %}\n  <h1>{% if post.title %}{{ post.title }}</h1>\n{% endblock %}\n",
    });
    const expected = {
      severity: 'error',
      rule: 'template/syntax-error',
      message:
        '`{% if post.title %}` is never closed: LiquidJS met `{% endblock %}` at line 4 first. Add `{% endif %}` where that block should end.',
      span: { file: 'templates/post.liquid', line: 3, column: 7 },
    };
    expect(await failure(() => renderFixture(r, 'post'))).toEqual([expected]);
    expect(await r.check()).toEqual([expected]);
  });

  test('syntax error at the end of a file and an unknown filter', async () => {
    const r = rendererFor({
      'home.liquid': '<ul>\n{% for p in posts %}\n  <li>{{ p.title }}</li>\n',
      '404.liquid': '<p>\n  {{ site.title | shout }}</p>',
    });
    expect(await r.check()).toEqual([
      {
        severity: 'error',
        rule: 'template/syntax-error',
        message:
          "Unknown filter `shout`. Check its spelling; templates can use LiquidJS's standard filters and Colophon's `json` filter.",
        span: { file: 'templates/404.liquid', line: 2, column: 3 },
      },
      {
        severity: 'error',
        rule: 'template/syntax-error',
        message:
          'The template does not parse: tag {% for p in posts %} not closed. Fix the tag or output at this position (every `{% tag %}` that opens a block needs its `{% end… %}`).',
        span: { file: 'templates/home.liquid', line: 2, column: 1 },
      },
    ]);
  });

  test('missing partial, with the position of the include', async () => {
    const r = rendererFor({ 'home.liquid': "<main>\n  {% include 'partials/nope' %}\n</main>" });
    expect(await failure(() => renderFixture(r, 'home'))).toEqual([
      {
        severity: 'error',
        rule: 'template/missing-partial',
        message:
          "The template `partials/nope` does not exist in the site's templates/ folder nor in the default theme. Create partials/nope.liquid or fix the name.",
        span: { file: 'templates/home.liquid', line: 2, column: 3 },
      },
    ]);
  });

  test('recursion: a partial that includes itself, directly or through another', async () => {
    const r = rendererFor({
      'archive.liquid': "{% include 'partials/a' %}",
      'partials/a.liquid': "<div>\n  {% include 'partials/b' %}</div>",
      'partials/b.liquid': "{% if total > 0 %}{% include 'partials/a' %}{% endif %}",
    });
    expect(await failure(() => renderFixture(r, 'archive'))).toEqual([
      {
        severity: 'error',
        rule: 'template/recursion',
        message:
          '`partials/a.liquid` includes itself (partials/a.liquid → partials/b.liquid → partials/a.liquid). Templates cannot recurse; render nested data with nested loops instead.',
        span: { file: 'templates/partials/b.liquid', line: 1, column: 19 },
      },
    ]);
  });

  test('a partial name computed at render time cannot be tracked', async () => {
    const r = rendererFor({ 'search.liquid': '<p>\n{% render page.kind %}</p>' });
    const [d] = await failure(() => renderFixture(r, 'search'));
    expect(d?.rule).toBe('template/dynamic-partial');
    expect(d?.span).toEqual({ file: 'templates/search.liquid', line: 2, column: 1 });
  });

  test('undefined variable with strict variables: file, line and column of the expression', async () => {
    const files = {
      'topic.liquid':
        "{% layout 'layouts/base' %}{% block main %}\n<h1>{{ topic.title }}</h1>\n<p>{{ topic.titel }}</p>{% endblock %}",
    };
    const strict = rendererFor(files);
    expect(await failure(() => renderFixture(strict, 'topic'))).toEqual([
      {
        severity: 'error',
        rule: 'template/undefined-variable',
        message:
          '`topic.titel` is not part of the `topic` view-model (see src/routes/view-model.ts). Check the spelling, or guard an optional field with `{% if … %}`.',
        span: { file: 'templates/topic.liquid', line: 3, column: 7 },
        hint: 'while rendering /blog/topics/networking/ with the `topic` template',
      },
    ]);
    // The default theme's templates pass check(): the problem only shows when rendering.
    expect(await strict.check()).toEqual([]);

    const lenient = rendererFor(files, { strictVariables: false });
    const { html } = await renderFixture(lenient, 'topic');
    expect(html).toContain('<h1>Networking</h1>\n<p></p>');
  });

  test('an undefined variable inside a default-theme partial points at that partial', async () => {
    const props = fixtures.archive() as unknown as { site: { author: Record<string, unknown> } };
    delete props.site.author.name;
    const r = createRenderer({ strictVariables: true, projectRoot: path.resolve('.') });
    const [d] = await failure(() => r.renderPage('archive', props as never));
    expect(d?.rule).toBe('template/undefined-variable');
    expect(d?.span?.file).toBe('templates/partials/head.liquid');
    expect(d?.message).toContain('`site.author.name`');
  });

  test('render limits become template/render-error', async () => {
    const r = rendererFor(
      {
        'archive.liquid':
          '{% for i in (1..100000) %}{% for j in (1..100000) %}{{ i }}{% endfor %}{% endfor %}',
      },
      { limits: { renderLimit: 50 } },
    );
    const [d] = await failure(() => renderFixture(r, 'archive'));
    expect(d?.rule).toBe('template/render-error');
    expect(d?.span?.file).toBe('templates/archive.liquid');
  });
});

describe('filters', () => {
  test('json is escaped like any other output unless marked raw', async () => {
    const r = rendererFor({
      'search.liquid':
        '<p data-x="{{ site.menu | map: "title" | json }}">{{ page.kind | json }}</p><script type="application/json">{{ site.title | json | raw }}</script>',
    });
    const props = fixtures.search();
    props.site.title = '</script>&"';
    const { html } = await r.renderPage('search', props);
    expect(html).toBe(
      '<p data-x="[&#34;Posts&#34;,&#34;Series&#34;,&#34;Topics&#34;,&#34;About&#34;]">&#34;search&#34;</p><script type="application/json">"\\u003c/script\\u003e\\u0026\\""</script>',
    );
  });

  test('no filter reads the clock: date filters use UTC and a fixed locale', async () => {
    const r = rendererFor({
      'search.liquid': '{{ "2026-03-14T23:30:00Z" | date: "%Y-%m-%d %H:%M" }}',
    });
    const { html } = await r.renderPage('search', fixtures.search());
    expect(html).toBe('2026-03-14 23:30');
    const clock = rendererFor({ 'search.liquid': '<p>\n  {{ "now" | date: "%Y" }}</p>' });
    const [d] = await failure(() => clock.renderPage('search', fixtures.search()));
    expect(d?.rule).toBe('template/render-error');
    expect(d?.message).toContain('the date filter cannot read the clock ("now")');
    expect(d?.span).toEqual({ file: 'templates/search.liquid', line: 2, column: 3 });
  });
});
