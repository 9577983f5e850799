import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import { StagedWriter } from '../../src/output/staged-writer.js';
import { spareOf } from '../../src/output/spare.js';
import { listTree } from './helpers.js';

/**
 * The previous output is kept as a spare and recycled as the next staging folder
 * (src/output/spare.ts). What must hold: each published output is exactly what its build wrote,
 * and nothing a build does before publishing can change a byte of the live output, although the
 * spare's files are hard links to the live output's.
 */

const made: string[] = [];
afterAll(async () => {
  for (const d of made) await rm(d, { recursive: true, force: true });
});

async function site(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'colophon-spare-'));
  made.push(dir);
  return path.join(dir, 'dist');
}

/** One build: write these files (all of the output), then publish. */
async function build(out: string, files: Record<string, string>, publish = true) {
  const w = new StagedWriter(out, undefined, { fresh: ['pagefind'] });
  await w.init();
  for (const [rel, text] of Object.entries(files)) await w.write(rel, text);
  if (publish) await w.publish();
  return w;
}

async function contents(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of (await listTree(dir)).sort())
    out[rel] = await readFile(path.join(dir, rel), 'utf8');
  return out;
}

describe('the previous output is recycled as the next staging folder', () => {
  test('every published output holds exactly what its build wrote, whatever the spare held', async () => {
    const out = await site();
    const first = { 'index.html': 'home 1', 'a/index.html': 'a', 'b/index.html': 'b', x: 'file x' };
    await build(out, first);
    expect(existsSync(spareOf(out))).toBe(false);

    const second = {
      'index.html': 'home 2',
      'a/index.html': 'a',
      'c/d/index.html': 'd',
      x: 'file x',
    };
    await build(out, second);
    expect(await contents(out)).toEqual(second);
    // The first output is now the spare, ignored by git through its own .gitignore.
    const spare = spareOf(out);
    expect((await contents(spare))['index.html']).toBe('home 1');
    expect(await readFile(path.join(spare, '.gitignore'), 'utf8')).toMatch(/^\*$/m);

    // A folder where the spare has a file, a file where it has a folder, files it lacks, files
    // it has that are gone now.
    const third = {
      'index.html': 'home 3',
      'x/index.html': 'x is a folder now',
      b: 'b is a file now',
      'a/index.html': 'a',
      'e/index.html': 'new',
    };
    await build(out, third);
    expect(await contents(out)).toEqual(third);
    expect(existsSync(path.join(out, '.gitignore'))).toBe(false);
    expect(await contents(spareOf(out))).toMatchObject({ 'index.html': 'home 2' });

    const fourth = { 'index.html': 'home 4' };
    await build(out, fourth);
    expect(await contents(out)).toEqual(fourth);
    expect(await listTree(out)).toEqual(['index.html']);
  });

  test('a recycled build that fails changes no byte of the live output', async () => {
    const out = await site();
    await build(out, { 'a.html': 'one', 'b.html': 'one' });
    // a.html is unchanged: the second output links the first one's file, so the spare's a.html
    // and the live a.html are one inode.
    await build(out, { 'a.html': 'one', 'b.html': 'two' });
    const spareA = await stat(path.join(spareOf(out), 'a.html'));
    expect(spareA.ino).toBe((await stat(path.join(out, 'a.html'))).ino);

    // Third build: new bytes for a.html, written into the recycled folder, then the build fails.
    const w = await build(out, { 'a.html': 'three', 'b.html': 'two' }, false);
    expect(await readFile(path.join(w.staging, 'a.html'), 'utf8')).toBe('three');
    expect(await readFile(path.join(out, 'a.html'), 'utf8')).toBe('one');
    await w.abort();
    expect(await contents(out)).toEqual({ 'a.html': 'one', 'b.html': 'two' });
    expect(existsSync(w.staging)).toBe(false);

    // With the spare spent, the next build stages from nothing, and is right as well.
    await build(out, { 'a.html': 'four' });
    expect(await contents(out)).toEqual({ 'a.html': 'four' });
  });

  test("folders other programs write into start empty: nothing of the spare's is left in them", async () => {
    const out = await site();
    await build(out, { 'index.html': '1', 'pagefind/old.pf': 'old index' });
    await build(out, { 'index.html': '2', 'pagefind/old.pf': 'old index' });
    const w = new StagedWriter(out, undefined, { fresh: ['pagefind'] });
    await w.init();
    await w.write('index.html', '3');
    await w.materialize();
    expect(existsSync(path.join(w.staging, 'pagefind'))).toBe(false);
    // As Pagefind does: straight into the staging folder, around the writer.
    await mkdir(path.join(w.staging, 'pagefind'), { recursive: true });
    await writeFile(path.join(w.staging, 'pagefind', 'new.pf'), 'new index');
    await w.publish();
    expect(await contents(out)).toEqual({ 'index.html': '3', 'pagefind/new.pf': 'new index' });
  });

  test('git does not list the spare', async () => {
    const out = await site();
    const root = path.dirname(out);
    execFileSync('git', ['init', '-q'], { cwd: root });
    await writeFile(path.join(root, '.gitignore'), 'dist/\n');
    await build(out, { 'index.html': '1' });
    await build(out, { 'index.html': '2' });
    expect(existsSync(spareOf(out))).toBe(true);
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(status.trim().split('\n')).toEqual(['?? .gitignore']);
  });
});
