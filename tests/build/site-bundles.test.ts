import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildFixture,
  diagnosticLines,
  expectGolden,
  SITES,
  type BuiltSite,
} from '../helpers/site.js';
import { brokenLinks } from '../helpers/links.js';

const bundle = path.join(SITES, 'bundles/content/posts/with-bundle');

describe('bundles site: files beside a post, rewritten relative links, covers', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('bundles');
  });
  afterAll(() => site.cleanup());

  test('builds cleanly', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(site.result.ok).toBe(true);
  });

  test('output matches expected/', async () => {
    await expectGolden(site, 'bundles');
  });

  test('every file of the bundle is published beside the post, byte for byte', async () => {
    for (const f of ['diagram.svg', 'tune.sh', 'cover.png', 'files/pixel.png']) {
      expect(site.files.has(`posts/with-bundle/${f}`), f).toBe(true);
      expect(
        readFileSync(path.join(site.outDir, 'posts/with-bundle', f)).equals(
          readFileSync(path.join(bundle, f)),
        ),
        f,
      ).toBe(true);
    }
    // The Markdown source itself is not published.
    expect([...site.files.keys()].filter((f) => f.endsWith('.md'))).toEqual([]);
  });

  test('files elsewhere in content/ are published at their path there, only when linked', () => {
    const content = path.join(SITES, 'bundles/content');
    for (const [out, src] of [
      ['posts/plain/server/server.go', 'posts/plain/server/server.go'],
      ['posts/plain/visits.csv', 'posts/plain/visits.csv'],
      ['img/pixel.png', 'img/pixel.png'],
    ]) {
      expect(site.files.has(out!), out).toBe(true);
      expect(
        readFileSync(path.join(site.outDir, out!)).equals(readFileSync(path.join(content, src!))),
      ).toBe(true);
    }
    // Not linked from any post, or in a folder named with "_": never published.
    expect(site.files.has('posts/notes.txt')).toBe(false);
    expect([...site.files.keys()].filter((f) => f.includes('secret'))).toEqual([]);
    const plain = site.file('posts/plain/index.html');
    expect(plain).toContain('<a href="/posts/plain/server/server.go">the server</a>');
    expect(plain).toContain('<img src="/img/pixel.png" alt="a pixel">');
  });

  test('images, downloads and links to other posts point at the published URLs', () => {
    const post = site.file('posts/with-bundle/index.html');
    expect(post).toContain('<img src="/posts/with-bundle/diagram.svg" alt="the diagram">');
    expect(post).toContain('<img src="/posts/with-bundle/files/pixel.png" alt="a pixel">');
    expect(post).toContain('<a href="/posts/with-bundle/tune.sh">Download the script</a>');
    expect(post).toContain('<a href="/posts/plain/">the plain post</a>');
    expect(post).toContain('<a href="/posts/plain/#second-section">its second section</a>');
    const plain = site.file('posts/plain/index.html');
    expect(plain).toContain('<a href="/posts/with-bundle/">the bundle</a>');
    expect(plain).toContain(`<a href="/posts/with-bundle/">the bundle's folder</a>`);
    expect(plain).toContain('<a href="/posts/with-bundle/tune.sh">its script</a>');
  });

  test('a cover named in front matter resolves to the bundle file', () => {
    expect(site.file('posts/with-bundle/index.html')).toContain(
      '<img class="cover" src="/posts/with-bundle/cover.png" alt="A single pixel">',
    );
    expect(site.file('index.html')).toContain(
      '<img class="cover" src="/posts/with-bundle/cover.png" alt="A single pixel">',
    );
  });

  test('every internal link resolves, fragments included', () => {
    expect(brokenLinks(site.files, 'https://bundles.example/')).toEqual([]);
  });

  test('feeds carry absolute URLs to bundle files', () => {
    expect(site.file('atom.xml')).toContain(
      '<img src="https://bundles.example/posts/with-bundle/diagram.svg" alt="the diagram">',
    );
  });
});
