import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, diagnosticLines, expectGolden, type BuiltSite } from '../helpers/site.js';
import { headOf, select } from '../helpers/html.js';

const REDIRECTS: [string, string][] = [
  ['2019/05/old-url/index.html', 'https://aliases.example/posts/moved-post/'],
  ['legacy/moved.html', 'https://aliases.example/posts/moved-post/'],
  ['contact-me/index.html', 'https://aliases.example/contact/'],
  // Written without a trailing slash: still a folder with index.html, so every host sends HTML.
  ['old-contact/index.html', 'https://aliases.example/contact/'],
];

describe('aliases site: redirect pages for old URLs', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('aliases');
  });
  afterAll(() => site.cleanup());

  test('builds cleanly', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(site.result.ok).toBe(true);
  });

  test('output matches expected/', async () => {
    await expectGolden(site, 'aliases');
  });

  test.each(REDIRECTS)(
    '%s redirects to %s with meta refresh, canonical and noindex',
    (file, target) => {
      const html = site.file(file);
      const head = headOf(html);
      expect(head.refresh).toBe(`0; url=${target}`);
      expect(head.canonical).toBe(target);
      expect(head.robots).toBe('noindex');
      expect(select(html, 'a').map((a) => a.properties['href'])).toEqual([target]);
    },
  );

  test('redirect pages are not in the sitemap; their targets are', () => {
    const sitemap = site.file('sitemap.xml');
    for (const old of ['/2019/05/old-url/', '/legacy/moved.html', '/contact-me/', '/old-contact'])
      expect(sitemap).not.toContain(old);
    expect(sitemap).toContain('<loc>https://aliases.example/posts/moved-post/</loc>');
    expect(sitemap).toContain('<loc>https://aliases.example/contact/</loc>');
  });

  test('an alias without a trailing slash is never an extension-less file', () => {
    expect(site.files.has('old-contact')).toBe(false);
    const extensionless = [...site.files.keys()].filter((f) => !/\.[a-z0-9]+$/i.test(f));
    expect(extensionless).toEqual([]);
  });

  test('no host redirect file unless asked for', () => {
    expect(site.files.has('_redirects')).toBe(false);
    expect(site.files.has('vercel.json')).toBe(false);
  });

  test('the moved post itself is an ordinary page with its own canonical', () => {
    const head = headOf(site.file('posts/moved-post/index.html'));
    expect(head.canonical).toBe('https://aliases.example/posts/moved-post/');
    expect(head.robots).toBeUndefined();
    expect(head.refresh).toBeUndefined();
  });
});
