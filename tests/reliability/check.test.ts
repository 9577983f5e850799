/**
 * `colophon check`: builds into a throw-away folder (the real output is never touched) and
 * verifies the rendered site: internal links, #fragments, images, feed items, HTML parse errors;
 * external links only with --external. A good site exits 0; tests/fixtures/hostile/check-broken
 * (a page template with a broken link, a bad fragment, a missing image and a duplicate attribute)
 * exits 1 with each problem positioned in the built page.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkSite } from '../../src/check/index.js';
import { checkCommand } from '../../src/cli/check.js';
import type { Out } from '../../src/cli/report.js';
import {
  build,
  cleanupAll,
  copyProject,
  finished,
  hashTree,
  HOSTILE,
  listTree,
  runCli,
  startCli,
  tempDir,
  waitFor,
  where,
  type Project,
} from './helpers.js';

afterAll(cleanupAll);
afterEach(() => {
  vi.restoreAllMocks();
});

/** The CLI command in process, its output captured. */
async function check(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const out: Out = {
    log: (l) => lines.push(l),
    err: (l) => lines.push(l),
    color: false,
    tty: false,
  };
  const code = await checkCommand(argv, out);
  return { code, out: lines.join('\n') };
}

/** 1-based line and column of the first occurrence of `needle` in the built page. */
function position(html: string, needle: string): string {
  const i = html.indexOf(needle);
  expect(i, needle).toBeGreaterThanOrEqual(0);
  const before = html.slice(0, i).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

let good: Project;
let broken: Project;
beforeAll(async () => {
  good = await copyProject(path.join(HOSTILE, 'determinism'));
  broken = await copyProject(path.join(HOSTILE, 'check-broken'));
});

describe('colophon check', () => {
  it('a good site: exit 0, nothing reported, no network, the real output untouched', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const r = await check(['--root', good.root]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/✓ checked \d+ pages and \d+ internal links/);
    expect(r.out).not.toMatch(/error|warning/);
    // --external is off by default.
    // Only the network counts: satori's layout engine loads its WASM from a data: URL when the
    // first social card is drawn.
    const network = fetch.mock.calls.filter(
      ([u]) => !String(u instanceof Request ? u.url : u).startsWith('data:'),
    );
    expect(network).toEqual([]);
    expect(existsSync(good.out)).toBe(false);
  });

  it('a broken template: exit 1, each problem at its line and column in the built page', async () => {
    // The page as `build` renders it, to know where each problem is.
    const built = await copyProject(path.join(HOSTILE, 'check-broken'));
    expect((await build(built.root)).ok).toBe(true);
    const html = await readFile(path.join(built.out, 'about/index.html'), 'utf8');

    const r = await checkSite({ root: broken.root, cache: false });
    expect(r.build.ok).toBe(true);
    const at = (needle: string) => `dist/about/index.html:${position(html, needle)}`;
    const links = r.diagnostics.filter((d) => d.rule !== 'check/html-error');
    expect(links.map(where).sort()).toEqual(
      [
        `check/broken-link ${at('<a href="/nowhere/">')}`,
        `check/broken-fragment ${at('<a href="/posts/hello/#no-such-heading">')}`,
        `check/broken-link ${at('<img src="/missing.png"')}`,
        // Malformed %-escapes: a link no file matches, a fragment matched as written (regression:
        // decodeURIComponent threw and crashed the whole check).
        `check/broken-link ${at('<a href="/%zz/">')}`,
        `check/broken-fragment ${at('<a href="/posts/hello/#%E0%A4">')}`,
      ].sort(),
    );
    // parse5 reports a duplicate attribute inside the attribute (at the end of its name).
    const parse = r.diagnostics.filter((d) => d.rule === 'check/html-error');
    expect(parse).toHaveLength(1);
    const [line, column] = position(html, 'class="b"').split(':').map(Number) as [number, number];
    expect(parse[0]!.span).toMatchObject({ file: 'dist/about/index.html', line });
    expect(parse[0]!.span!.column).toBeGreaterThanOrEqual(column);
    expect(parse[0]!.span!.column).toBeLessThanOrEqual(column + 'class="b"'.length);
    expect(r.diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it('the CLI: exit 1 and "dist/about/index.html:line:col error [rule]" lines; output untouched', async () => {
    const before = existsSync(broken.out) ? await hashTree(broken.out) : null;
    const r = await check(['--root', broken.root]);
    expect(r.code).toBe(1);
    for (const rule of ['check/broken-link', 'check/broken-fragment', 'check/html-error'])
      expect(r.out).toMatch(new RegExp(`dist/about/index\\.html:\\d+:\\d+ error \\[${rule}\\]`));
    expect(r.out).toMatch(/✗ checked/);
    expect(existsSync(broken.out) ? await hashTree(broken.out) : null).toBe(before);
  });

  it('--external asks the network, and reports a dead external link as a warning', async () => {
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(async () => new Response('gone', { status: 404 }));
    const r = await checkSite({ root: broken.root, cache: false, external: true });
    expect(fetch).toHaveBeenCalled();
    const external = r.diagnostics.filter((d) => d.rule === 'check/external-link');
    expect(external.length).toBeGreaterThan(0);
    expect(external.every((d) => d.severity === 'warning' && d.message.includes('HTTP 404'))).toBe(
      true,
    );
  });

  it('a site that does not build: exit 1, the build errors printed', async () => {
    const p = await copyProject(path.join(HOSTILE, 'check-broken'));
    await (
      await import('./helpers.js')
    ).writeFiles(p.root, { 'content/posts/bad.md': '---\ndate: 2024-01-01\n---\n' });
    const r = await check(['--root', p.root]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('content/posts/bad.md:2:1 error [front-matter/missing-key]');
    expect(r.out).toContain('Check failed: the site does not build.');
  });

  it('Ctrl-C during a check leaves nothing in the temp folder', async () => {
    // A private TMPDIR, so only this check's throw-away folder can appear there.
    const tmp = await tempDir('colophon-check-tmp-');
    const child = startCli(['check', '--root', good.root], { env: { TMPDIR: tmp } });
    const started = await waitFor(async () => (await listTree(tmp)).length >= 20, 60_000, 5);
    expect(started, child.output.stderr).toBe(true);
    child.kill('SIGINT');
    const r = await finished(child);
    expect(r.code).toBe(130);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('the real CLI process exits 1 on the broken site', async () => {
    const r = await runCli(['check', '--root', broken.root]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain('[check/broken-fragment]');
  });
});

describe('colophon check parses every XML and JSON file of the output', () => {
  it('reports each file that does not parse at its line and column (feeds, sitemap, any .xml or .json)', async () => {
    const dir = await tempDir('colophon-verify-');
    const { writeFiles } = await import('./helpers.js');
    await writeFiles(dir, {
      'index.html':
        '<!doctype html><html lang="en"><head><title>x</title></head><body></body></html>',
      // A form feed in a title: libxml2 and expat refuse the file.
      'rss.xml':
        '<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>a\x0cb</title>\n</channel></rss>\n',
      // U+FFFE, spelled as a character reference: just as forbidden.
      'atom.xml':
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>x&#xFFFE;</title>\n</feed>\n',
      'sitemap.xml': '<?xml version="1.0"?>\n<urlset>\n  <url><loc>x</url>\n</urlset>\n',
      'data/list.xml': '<list>\n<item>\x07</item></list>\n',
      'feed.json': '{\n  "version": "https://jsonfeed.org/version/1.1",\n  "items": [,]\n}\n',
      'pagefind/shards.json': '{"a": 1,\n "b": }',
      'ok.json': '{"fine": true}',
      'ok.xml': '<?xml version="1.0"?>\n<ok>tab\tand\nnewline</ok>\n',
    });
    const { verifyOutput } = await import('../../src/check/index.js');
    const v = await verifyOutput({
      dir,
      baseUrl: 'https://x.example/',
      basePath: '/',
      label: 'dist/',
    });
    expect(v.diagnostics.map((d) => `${where(d)} ${d.message}`).sort()).toEqual([
      'check/invalid-feed dist/atom.xml:3:11 The feed is not well-formed XML: character reference &#xFFFE; names U+FFFE, which XML 1.0 does not allow. Feed readers refuse the whole file: remove the character from the content or template it comes from.',
      'check/invalid-feed dist/feed.json:3:13 The feed is not valid JSON: a value was expected here. Fix the template or content it comes from.',
      'check/invalid-feed dist/rss.xml:3:9 The feed is not well-formed XML: character U+000C, which XML 1.0 does not allow. Feed readers refuse the whole file: remove the character from the content or template it comes from.',
      'check/invalid-json dist/pagefind/shards.json:2:7 The file is not valid JSON: a value was expected here. Fix the template or content it comes from.',
      'check/invalid-xml dist/data/list.xml:2:7 The file is not well-formed XML: character U+0007, which XML 1.0 does not allow. XML readers refuse the whole file: remove the character from the content or template it comes from.',
      "check/invalid-xml dist/sitemap.xml:3:14 The file is not well-formed XML: Expected closing tag 'loc' (opened in line 3, col 8) instead of closing tag 'url'. XML readers refuse the whole file: fix the content or template it comes from.",
    ]);
  });

  it('a build whose public/ holds a broken .xml and .json file: exit 1 with both positioned', async () => {
    const p = await copyProject(path.join(HOSTILE, 'determinism'));
    const { writeFiles } = await import('./helpers.js');
    await writeFiles(p.root, {
      'public/extra/broken.xml': '<a>\n<b></a>\n',
      'public/extra/broken.json': '[1, 2',
    });
    const r = await check(['--root', p.root]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('dist/extra/broken.xml:2:4 error [check/invalid-xml]');
    expect(r.out).toContain('dist/extra/broken.json:1:6 error [check/invalid-json]');
  });
});
