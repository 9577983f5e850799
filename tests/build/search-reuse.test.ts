/**
 * The search index is rebuilt only when a page's bytes changed: a warm build links the previous
 * index into the new output (no `search` stage, identical files); an edit re-indexes.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSite, type BuildResult } from '../../src/build/index.js';
import { copyFixture, FIXED_NOW } from '../helpers/site.js';

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
