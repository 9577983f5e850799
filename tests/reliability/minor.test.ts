/**
 * Small breaks with a big effect: `colophon new post "CON"` wrote a file every later build
 * refused; topics that slug to nothing (`..`, `/`, `-`) vanished without a word; raw HTML under
 * `markdown.rawHtml: 'sanitize'` could take an id of the theme (`theme.main`).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, cleanupAll, cliInProcess, errorsOf, makeProject, post, where } from './helpers.js';

afterAll(cleanupAll);

describe('colophon new picks a slug every build accepts', () => {
  const cases: [string, string][] = [
    ['CON', 'con-post.md'],
    ['nul.txt', 'nul-txt.md'],
    ['Com1', 'com1-post.md'],
    ['???', 'untitled.md'],
    ['..', 'untitled.md'],
    ['x'.repeat(300), `${'x'.repeat(80)}.md`],
    ['日'.repeat(300), `${'日'.repeat(53)}.md`],
    ['a__b -_- c', 'a-b-c.md'],
    ['ʰx ǅ', 'x-ǆ.md'],
  ];
  for (const [title, file] of cases)
    it(`"${title.slice(0, 20)}" -> ${file.slice(0, 20)}, and the site builds`, async () => {
      const p = await makeProject({});
      const r = await cliInProcess(['new', 'post', title, '--root', p.root]);
      expect(r.code, r.stderr).toBe(0);
      expect(await readdir(path.join(p.root, 'content/posts'))).toEqual([file]);
      const b = await build(p.root, { drafts: true });
      expect(errorsOf(b.diagnostics)).toEqual([]);
    });
});

describe('topics that give no URL name', () => {
  it('`..`, `/` and `-` are errors at their line, not silently dropped', async () => {
    const p = await makeProject({
      'content/posts/a.md': post({
        title: 'A',
        date: '2024-01-01',
        topics: ['ok', '..', '/', '-'],
      }),
    });
    const r = await build(p.root);
    expect(errorsOf(r.diagnostics).map((d) => `${where(d)} ${d.message}`)).toEqual([
      'front-matter/invalid-value content/posts/a.md:4:15 Invalid value for "topics.1": a topic name needs a letter or a digit: ".." gives an empty URL name.',
      'front-matter/invalid-value content/posts/a.md:4:20 Invalid value for "topics.2": a topic name needs a letter or a digit: "/" gives an empty URL name.',
      'front-matter/invalid-value content/posts/a.md:4:24 Invalid value for "topics.3": a topic name needs a letter or a digit: "-" gives an empty URL name.',
    ]);
  });
});

describe("rawHtml: 'sanitize' keeps raw HTML out of the theme's ids", () => {
  it('raw ids get the user-content- prefix; links to them in the page follow; footnotes work', async () => {
    const body = [
      '<div id="theme.main">Mine</div>',
      '',
      '<a href="#theme.main">up</a> and [down](#note) and <a href="#heading">h</a>',
      '',
      '<p id="note">Note</p>',
      '',
      'A claim.[^1]',
      '',
      '## Heading',
      '',
      '[^1]: The footnote.',
    ].join('\n');
    const p = await makeProject(
      { 'content/posts/a.md': post({ title: 'A', date: '2024-01-01' }, body) },
      { markdown: { rawHtml: 'sanitize' } },
    );
    const r = await build(p.root);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    const html = await readFile(path.join(p.out, 'posts/a/index.html'), 'utf8');
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id) => id === 'theme.main')).toHaveLength(1); // the theme's own
    expect(html).toContain('<div id="user-content-theme.main">Mine</div>');
    expect(html).toContain('<a href="#user-content-theme.main">up</a>');
    expect(html).toContain('<a href="#user-content-note">down</a>');
    expect(html).toContain('<a href="#heading">h</a>');
    expect(html).toContain('<p id="user-content-note">Note</p>');
    expect(html).toContain('id="heading"');
    // Footnotes as under the other policies: one prefix, links and targets agree.
    expect(html).toContain('href="#user-content-fn-1" id="user-content-fnref-1"');
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(html).not.toContain('user-content-user-content-');
  });
});
