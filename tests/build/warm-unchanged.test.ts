/**
 * A build whose inputs are all as the last build left them does nothing: decided from file
 * metadata, as `git status` does, with the bytes hashed when metadata moved or cannot be trusted
 * (a file written within the racy window keeps its mtime). Every case compares the output with
 * what a build without any cache makes of the same files.
 */
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { indexFiles } from '../../src/cache/file-index.js';
import { buildSite, type BuildResult } from '../../src/pipeline/index.js';
import { copyFixture, FIXED_NOW, readTree } from '../helpers/site.js';

let root: string;
let cleanup: () => Promise<void>;
const out = () => path.join(root, 'dist');
const build = (now = FIXED_NOW) =>
  buildSite({ root, outDir: out(), cacheDir: path.join(root, '.cache'), now, workers: 0 });
/** What the same files build to from nothing. */
const fresh = async (now = FIXED_NOW) => {
  const dir = path.join(root, '..', `fresh-${Date.now()}`);
  const r = await buildSite({ root, outDir: dir, cache: false, now, workers: 0 });
  expect(r.ok).toBe(true);
  return readTree(dir);
};
/** Did the build run any stage besides comparing its inputs? */
const ranStages = (r: BuildResult) => r.stages.map(([name]) => name).filter((n) => n !== 'inputs');
const post = () => path.join(root, 'content/posts/published.md');
const later = (ms: number) => new Date(Date.now() + ms);

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('drafts-future'));
});
afterAll(() => cleanup());

describe('a warm build decides "nothing changed" from file metadata', () => {
  test('cold build, then a warm one runs no stage', async () => {
    expect((await build()).ok).toBe(true);
    // The cold build's files were just written: racy, so this one hashes them once.
    const warm = await build();
    expect(warm.ok).toBe(true);
    expect(ranStages(warm)).toEqual([]);
    expect(warm.rendered).toBe(0);
    expect(warm.pages).toBeGreaterThan(0);
    expect(await readTree(out())).toEqual(await fresh());
  });

  test('a file touched without a change (new mtime, same bytes) rebuilds nothing', async () => {
    await utimes(post(), later(5_000), later(5_000));
    const r = await build();
    expect(ranStages(r)).toEqual([]);
    expect(await readTree(out())).toEqual(await fresh());
  });

  test('an edit runs the stages and gives what a full build gives', async () => {
    const text = await readFile(post(), 'utf8');
    await writeFile(post(), `${text}\nA paragraph about tidal pools.\n`);
    const r = await build();
    expect(ranStages(r)).toContain('content');
    expect(r.rendered).toBeGreaterThan(0);
    const tree = await readTree(out());
    expect([...tree.values()].some((html) => html.includes('tidal pools'))).toBe(true);
    expect(tree).toEqual(await fresh());
  });

  test('an edit of the same size that keeps the mtime, within the racy window, is seen', async () => {
    const before = await stat(post());
    const text = await readFile(post(), 'utf8');
    const edited = text.replace('tidal pools', 'tidal ponds');
    expect(edited.length).toBe(text.length);
    await writeFile(post(), edited);
    await utimes(post(), before.atime, before.mtime);
    const r = await build();
    expect(ranStages(r)).toContain('content');
    expect(await readTree(out())).toEqual(await fresh());
  });

  test('a future post whose date has come is published though no file changed', async () => {
    const warm = await build();
    expect(ranStages(warm)).toEqual([]);
    const after = new Date('2026-09-02T00:00:00Z');
    const r = await build(after);
    expect(ranStages(r)).toContain('content');
    expect(await readTree(out())).toEqual(await fresh(after));
  });

  test('an output file emptied by hand is built again', async () => {
    const tree = await readTree(out());
    const [first] = [...tree.keys()].filter((f) => f.endsWith('.html'));
    await writeFile(path.join(out(), first!), '');
    const r = await build(new Date('2026-09-02T00:00:00Z'));
    expect(ranStages(r)).toContain('content');
    expect(await readTree(out())).toEqual(tree);
  });
});

describe('the racy rule (file-index.ts)', () => {
  test('metadata recorded within the racy window are not trusted: the bytes are hashed', async () => {
    const file = path.relative(root, post());
    const st = await stat(post(), { bigint: true });
    const recorded = {
      size: Number(st.size),
      mtime: String(st.mtimeNs),
      ctime: String(st.ctimeNs),
      ino: String(st.ino),
      hash: 'the bytes before a same-size edit',
    };
    // Taken one millisecond after the file's last change: it could still change unseen.
    const racy = { takenAt: String(st.ctimeNs + 1_000_000n), files: { [file]: recorded } };
    expect((await indexFiles(root, [file], racy)).changed).toEqual([file]);
    // Taken a minute later, the same metadata are trusted and the file is not read.
    const safe = { takenAt: String(st.ctimeNs + 60_000_000_000n), files: { [file]: recorded } };
    const r = await indexFiles(root, [file], safe);
    expect(r.changed).toEqual([]);
    expect(r.index.files[file]!.hash).toBe(recorded.hash);
  });
});
