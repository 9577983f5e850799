/**
 * A build that changes nothing leaves the output folder itself alone (no staging, no swap): same
 * folder, same files. Anything else — a stray file in the output, a missing one, an edit — is
 * published through the staging folder as usual, and the output holds exactly what was built.
 */
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/pipeline/index.js';
import { copyFixture, FIXED_NOW, listTree } from '../helpers/site.js';

let root: string;
let cleanup: () => Promise<void>;
const out = () => path.join(root, 'dist');
const build = () =>
  buildSite({ root, outDir: out(), cacheDir: path.join(root, '.cache'), now: FIXED_NOW });
const inode = async () => (await stat(out())).ino;
const leftovers = async () =>
  (await readdir(root)).filter((n) => n.includes('colophon-tmp') || n.endsWith('-old'));

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('basic'));
});
afterAll(() => cleanup());

describe('publishing only what changed', () => {
  let files: string[];
  test('cold build', async () => {
    const r = await build();
    expect(r.ok).toBe(true);
    files = await listTree(out());
    expect(files).toContain('index.html');
  });

  test('a warm build with no change keeps the very same output folder', async () => {
    const before = await inode();
    const r = await build();
    expect(r.ok).toBe(true);
    // Nothing is rendered either: list pages are reused on the card fields they read, whose
    // values' hash the saved manifest holds.
    expect(r.rendered).toBe(0);
    expect(r.written).toBe(0);
    expect(await inode()).toBe(before);
    expect(await listTree(out())).toEqual(files);
    expect(await leftovers()).toEqual([]);
  });

  test('a stray file in the output is removed: the folder is swapped', async () => {
    const before = await inode();
    await writeFile(path.join(out(), 'stray.txt'), 'not built');
    const r = await build();
    expect(r.ok).toBe(true);
    expect(await inode()).not.toBe(before);
    expect(await listTree(out())).toEqual(files);
    expect(await leftovers()).toEqual([]);
  });

  test('a page edited by hand in the output is rendered again', async () => {
    const file = path.join(out(), 'index.html');
    const built = await readFile(file, 'utf8');
    // Same size, different bytes, a new mtime: the stamp no longer matches, so the bytes are hashed.
    await writeFile(file, built.replace('<html', '<HTML'));
    const r = await build();
    expect(r.ok).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(built);
  });

  test('a deleted output file comes back', async () => {
    await rm(path.join(out(), 'index.html'));
    const r = await build();
    expect(r.ok).toBe(true);
    expect(await listTree(out())).toEqual(files);
  });

  test('an edit is published, unchanged files keep their bytes', async () => {
    const post = path.join(root, 'content/posts/latest.md');
    await writeFile(post, (await readFile(post, 'utf8')) + '\nOne more line about wombats.\n');
    const r = await build();
    expect(r.ok).toBe(true);
    expect(r.written).toBeGreaterThan(0);
    expect(await readFile(path.join(out(), 'posts/latest/index.html'), 'utf8')).toContain(
      'wombats',
    );
    // The search index's file names follow its content.
    const pages = (list: string[]) => list.filter((f) => !f.startsWith('pagefind/'));
    expect(pages(await listTree(out()))).toEqual(pages(files));
    expect(await leftovers()).toEqual([]);
  });
});
