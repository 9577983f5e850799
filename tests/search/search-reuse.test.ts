/**
 * The search index is rebuilt only when a page's bytes changed: a warm build links the previous
 * index into the new output (no `search` stage, identical files); an edit re-indexes.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSite, type BuildResult } from '../../src/pipeline/index.js';
import { copyFixture, editFile, FIXED_NOW } from '../helpers/site.js';

let root: string;
let cleanup: () => Promise<void>;
const out = () => path.join(root, 'dist');
const build = () =>
  buildSite({ root, outDir: out(), cacheDir: path.join(root, '.cache'), now: FIXED_NOW });
const stages = (r: BuildResult) => r.stages.map(([name]) => name);

/** Every file of the index with its bytes. */
async function index(): Promise<Map<string, string>> {
  const dir = path.join(out(), 'pagefind');
  const files = new Map<string, string>();
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    files.set(path.relative(dir, abs), (await readFile(abs)).toString('base64'));
  }
  return files;
}

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('basic'));
});
afterAll(() => cleanup());

test('cold, warm, edited: the index is built, reused whole, then rebuilt', async () => {
  const cold = await build();
  expect(cold.ok).toBe(true);
  expect(stages(cold)).toContain('search');
  const first = await index();
  expect(first.size).toBeGreaterThan(3);
  expect([...first.keys()]).toContain('pagefind.js');

  const warm = await build();
  expect(warm.ok).toBe(true);
  expect(stages(warm)).not.toContain('search');
  expect(await index()).toEqual(first);

  const post = path.join(root, 'content/posts/latest.md');
  await writeFile(
    post,
    (await readFile(post, 'utf8')) + '\nA new closing sentence about quokkas.\n',
  );
  const edited = await build();
  expect(edited.ok).toBe(true);
  expect(stages(edited)).toContain('search');
  expect(await index()).not.toEqual(first);
});

test('a split index (search.shards: 3): an edit rebuilds the one part that holds the page', async () => {
  await editFile(
    path.join(root, 'colophon.config.ts'),
    'pagination:',
    'search: { shards: 3 },\n  pagination:',
  );
  const cold = await build();
  expect(cold.ok).toBe(true);
  expect(cold.search).toEqual({ shards: 3, built: 3, kept: 0 });
  const parts = JSON.parse(await readFile(path.join(out(), 'pagefind/shards.json'), 'utf8'));
  expect(parts).toEqual({ shards: ['shard/1/', 'shard/2/'] });

  const warm = await build();
  expect(warm.search).toEqual({ shards: 3, built: 0, kept: 3 });
  expect(stages(warm)).not.toContain('search');

  const post = path.join(root, 'content/posts/with-description.md');
  await writeFile(post, (await readFile(post, 'utf8')) + '\nA closing line about narwhals.\n');
  const edited = await build();
  expect(edited.ok).toBe(true);
  expect(edited.search).toEqual({ shards: 3, built: 1, kept: 2 });
  // A part deleted by hand from the output is built again, not trusted to be there.
  await rm(path.join(out(), 'pagefind/shard/2'), { recursive: true });
  const repaired = await build();
  expect(repaired.search).toEqual({ shards: 3, built: 1, kept: 2 });
  const incremental = await index();

  // The same files as a build from scratch, without any cache.
  const fresh = path.join(root, 'fresh');
  const full = await buildSite({ root, outDir: fresh, cache: false, now: FIXED_NOW });
  expect(full.ok).toBe(true);
  const files = new Map<string, string>();
  for (const e of await readdir(path.join(fresh, 'pagefind'), {
    withFileTypes: true,
    recursive: true,
  }))
    if (e.isFile()) {
      const abs = path.join(e.parentPath, e.name);
      files.set(
        path.relative(path.join(fresh, 'pagefind'), abs),
        (await readFile(abs)).toString('base64'),
      );
    }
  expect(incremental).toEqual(files);
});
