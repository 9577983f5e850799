import { mkdtemp, readdir, rm, truncate, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyCache } from '../../src/pipeline/markdown/body-cache.js';
import type { CachedBody } from '../../src/pipeline/markdown/bodies.js';
import { BuildFailure } from '../../src/diagnostics/index.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function cacheDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'colophon-bodies-'));
  dirs.push(d);
  return d;
}

const html = '<h2 id="a">Caf\u00e9 \u2014 notes</h2>\n<p>Text.</p>';
const value: CachedBody = {
  body: {
    html,
    excerptHtml: '<p>Text.</p>',
    hasMoreMarker: false,
    toc: [],
    headings: [],
    wordCount: 3,
    readingMinutes: 1,
    anchors: ['a'],
    hasMath: false,
    hash: 'h1',
  },
  diagnostics: [],
  linkTargets: [],
  fragmentLinks: [],
  resolutions: [],
};

async function htmlFile(dir: string): Promise<string> {
  const shards = await readdir(path.join(dir, 'bodies'));
  const files = await readdir(path.join(dir, 'bodies', shards[0]!));
  return path.join(
    dir,
    'bodies',
    shards[0]!,
    files.find((f) => f.endsWith('.html'))!,
  );
}

describe('body cache: the HTML of a body waits on disk until its page renders', () => {
  it('a fresh process finds the body, with its HTML read back byte for byte', async () => {
    const dir = await cacheDir();
    new BodyCache(dir).set('k1', value);
    const hit = new BodyCache(dir).get('k1');
    expect(hit?.body.anchors).toEqual(['a']);
    expect(hit?.body.html).toBe(html);
  });

  it('a truncated HTML file is a miss, never a wrong page', async () => {
    const dir = await cacheDir();
    new BodyCache(dir).set('k1', value);
    await truncate(await htmlFile(dir), 10);
    expect(new BodyCache(dir).get('k1')).toBeUndefined();
  });

  it('HTML removed after the lookup stops the build with cache/changed', async () => {
    const dir = await cacheDir();
    new BodyCache(dir).set('k1', value);
    const hit = new BodyCache(dir).get('k1')!;
    await unlink(await htmlFile(dir));
    let thrown: unknown;
    try {
      void hit.body.html;
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(BuildFailure);
    expect((thrown as BuildFailure).diagnostics[0]?.rule).toBe('cache/changed');
  });

  it('a serve session (keep) holds bodies whole: deleting .cache/ does not break its pages', async () => {
    const dir = await cacheDir();
    const cache = new BodyCache(dir, true);
    cache.set('k1', value);
    await rm(path.join(dir, 'bodies'), { recursive: true });
    expect(cache.get('k1')?.body.html).toBe(html);
  });

  it('without a cache folder, bodies stay in memory', () => {
    const cache = new BodyCache(null);
    cache.set('k1', value);
    expect(cache.get('k1')?.body.html).toBe(html);
  });
});
