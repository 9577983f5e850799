/**
 * A cache that fails is never a reason to fix permissions or to suspect a bug: the diagnostic says
 * where the cache is and that deleting it is safe (it holds nothing that cannot be made again).
 */
import { mkdtemp, readdir, rm, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildFailure } from '../../src/diagnostics/index.js';
import { outputFailure } from '../../src/output/index.js';
import { BodyCache } from '../../src/pipeline/markdown/body-cache.js';
import type { CachedBody } from '../../src/pipeline/markdown/bodies.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const errno = (code: string, syscall: string, file: string) =>
  Object.assign(new Error(`${code}: ${syscall} ${file}`), { code, syscall, path: file });

describe('the hint for cache failures', () => {
  it('a file-system error inside the cache folder: cache/io-error, safe to delete, where it is', () => {
    const d = outputFailure(
      errno('ENOSPC', 'write', '/site/.cache/images/ab/cd.webp'),
      '/site/dist',
      '/site/.cache',
    );
    expect(d?.rule).toBe('cache/io-error');
    expect(d?.message).toBe(
      'The build stopped on a file-system error (ENOSPC: no space left on the device) in write ' +
        '/site/.cache/images/ab/cd.webp, inside the cache folder /site/.cache. The cache only ' +
        'makes builds faster and is safe to delete: rm -rf /site/.cache (or build with ' +
        '--no-cache). dist was left as it was.',
    );
  });

  it('the same error outside the cache folder stays output/io-error', () => {
    const d = outputFailure(
      errno('ENOSPC', 'write', '/site/.cache-other/x'),
      '/site/dist',
      '/site/.cache',
    );
    expect(d?.rule).toBe('output/io-error');
  });

  it('a cached body removed during the build: cache/changed, safe to delete, where it is', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'colophon-hint-'));
    dirs.push(dir);
    const value: CachedBody = {
      body: {
        html: '<p>Text.</p>',
        excerptHtml: '<p>Text.</p>',
        hasMoreMarker: false,
        toc: [],
        headings: [],
        wordCount: 1,
        readingMinutes: 1,
        anchors: [],
        hasMath: false,
        hash: 'h',
      },
      diagnostics: [],
      linkTargets: [],
      fragmentLinks: [],
      resolutions: [],
    };
    new BodyCache(dir).set('k1', value);
    const hit = new BodyCache(dir).get('k1')!;
    const html = (await readdir(path.join(dir, 'bodies'), { recursive: true }))
      .map(String)
      .find((f) => f.endsWith('.html'))!;
    const file = path.join(dir, 'bodies', html);
    await unlink(file);
    let thrown: unknown;
    try {
      void hit.body.html;
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(BuildFailure);
    const [d] = (thrown as BuildFailure).diagnostics;
    expect(`${d?.rule} ${d?.message}`).toBe(
      `cache/changed The cached body ${file} was removed or changed while the build was ` +
        `running. Run the build again. The cache only makes builds faster and is safe to ` +
        `delete: rm -rf ${dir} (or build with --no-cache).`,
    );
  });
});
