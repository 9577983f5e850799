import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, listTree, REPO, type BuiltSite } from '../helpers/site.js';
import { findJava, formatVnuMessage, validateHtml, type VnuMessage } from '../helpers/vnu.js';

/**
 * Every page Colophon writes is valid HTML, as the Nu Html Checker (the W3C validator, from the
 * vnu-jar devDependency) sees it: the sample blog in content/ (drafts and scheduled posts
 * included, so their banners are checked too) and tests/fixtures/html-valid, a small site on
 * the default theme that uses each Markdown feature once (aligned tables, raw HTML, footnotes,
 * math, callouts, code titles and notation, responsive images, a cover, a series, topics,
 * aliases, every built-in directive) and has headings named like the theme's own ids.
 *
 * Errors and warnings both fail: obsolete attributes such as `align` are only warnings to the
 * checker. All pages go through one JVM. Needs Java: without it this fails and says what to
 * install, rather than skipping.
 */
const SITES = { sample: REPO, fixture: path.join(REPO, 'tests/fixtures/html-valid') };
const NOW = new Date('2026-12-01T00:00:00Z');

describe('HTML validity (Nu Html Checker)', () => {
  const built = new Map<string, BuiltSite>();
  /** `sample/posts/x/index.html` -> absolute path. */
  const pages = new Map<string, string>();
  let messages: VnuMessage[] = [];

  beforeAll(async () => {
    findJava(); // fail fast, with what to install, before building anything
    for (const [name, root] of Object.entries(SITES)) {
      const site = await buildFixture(root, { now: NOW, drafts: true, future: true });
      built.set(name, site);
      for (const rel of await listTree(site.outDir))
        if (rel.endsWith('.html')) pages.set(`${name}/${rel}`, path.join(site.outDir, rel));
    }
    if ([...built.values()].every((s) => s.result.ok))
      messages = await validateHtml([...pages.values()]);
  }, 240_000);
  afterAll(async () => {
    for (const site of built.values()) await site.cleanup();
  });

  test('both sites build, with every kind of page there to check', () => {
    for (const [name, site] of built) {
      const errors = site.result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors, name).toEqual([]);
    }
    for (const page of [
      'sample/index.html',
      'sample/page/2/index.html',
      'sample/404.html',
      'sample/archive/index.html',
      'sample/search/index.html',
      'sample/series/index.html',
      'sample/topics/index.html',
      'fixture/posts/everything/index.html',
      'fixture/series/two-parts/index.html',
      'fixture/topics/markup/index.html',
      'fixture/about/index.html',
      'fixture/who/index.html', // an alias redirect page
    ])
      expect(pages.has(page), page).toBe(true);
  });

  test('no page has a validation error or warning', () => {
    const outDirs = [...built].map(([name, site]) => [name, site.outDir] as const);
    const problems = messages.map((m) => {
      const [name, outDir] = outDirs.find(([, dir]) => m.url?.includes(dir)) ?? ['?', '/'];
      return `${name}/${formatVnuMessage(m, outDir)}`;
    });
    expect(
      problems,
      `The Nu Html Checker found ${problems.length} problem(s) in ${pages.size} pages:\n` +
        problems.join('\n'),
    ).toEqual([]);
  });
});
