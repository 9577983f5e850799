/**
 * After a publish, the swapped-out output is removed: before the build returns when it is small,
 * by a detached process when it is large (the build does not wait for ~10,000 unlinks). Either
 * way the new output is complete at once, and folders an earlier removal left behind go too.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StagedWriter } from '../../src/output/index.js';

let parent: string;
afterEach(() => rm(parent, { recursive: true, force: true }));

async function previousOutput(): Promise<string> {
  parent = await mkdtemp(path.join(os.tmpdir(), 'colophon-remove-old-'));
  const out = path.join(parent, 'dist');
  await mkdir(path.join(out, 'posts', 'a'), { recursive: true });
  await writeFile(path.join(out, 'index.html'), 'old home');
  await writeFile(path.join(out, 'posts', 'a', 'index.html'), 'old post');
  // What an earlier background removal left when it was killed.
  await mkdir(path.join(parent, '.dist.colophon-tmp-999-abcd-old', 'posts'), { recursive: true });
  await writeFile(path.join(parent, '.dist.colophon-tmp-999-abcd-old', 'posts', 'x.html'), 'x');
  return out;
}

const beside = async () => (await readdir(parent)).filter((n) => n !== 'dist').sort();

async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('removing the previous output after a publish', () => {
  it('a small one is gone when publish returns, with leftovers of earlier removals', async () => {
    const out = await previousOutput();
    const w = new StagedWriter(out);
    await w.write('index.html', 'new home');
    await w.publish();
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('new home');
    expect(existsSync(path.join(out, 'posts'))).toBe(false);
    expect(await beside()).toEqual([]);
  });

  it('a large one is removed by a background process; the new output is complete at once', async () => {
    const out = await previousOutput();
    // Two files in the new output count as "large" here.
    const w = new StagedWriter(out, 2);
    await w.write('index.html', 'new home');
    await w.write('about/index.html', 'about');
    await w.publish();
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('new home');
    expect(await readFile(path.join(out, 'about', 'index.html'), 'utf8')).toBe('about');
    expect(existsSync(path.join(out, 'posts'))).toBe(false);
    // The swapped-out folder and the leftover disappear without anyone waiting for them.
    expect(await eventually(async () => (await beside()).length === 0)).toBe(true);
  });
});
