/**
 * Publishing under kill -9. The real CLI is killed (SIGKILL, from inside, through
 * COLOPHON_TEST_KILL_AT) at each step of the swap: with the staging folder complete, between its
 * two renames, after them, and while the old output waits for removal. Whatever it leaves, the
 * output folder is always one whole build when it exists, and the next build (even one that fails
 * on a content error) puts the previous output back if the swap was cut, sweeps the dead build's
 * folders, and leaves nothing beside the output. Hard-link reuse keeps working afterwards.
 *
 * The sweep removes only folders of this output whose process is gone: not a live build's (a pid
 * that is alive and older than the folder), not another output folder's in the same parent; a
 * folder whose pid now belongs to a process started after it (pid reuse) is stale.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  build,
  cleanupAll,
  errorsOf,
  hashTree,
  leftovers,
  makeProject,
  manyPosts,
  post,
  runCli,
  waitFor,
  writeFiles,
} from './helpers.js';

afterAll(cleanupAll);

const posts = manyPosts(6);
const edited = {
  'content/posts/post-001.md': post({ title: 'Edited', date: '2024-01-02' }, 'Changed.'),
};
const broken = { 'content/posts/zz-bad.md': post({ date: '2024-03-01' }, 'No title.') };

/** A project built once by the CLI, then edited: its next build publishes a different tree. */
async function project() {
  const p = await makeProject(posts);
  const first = await runCli(['build', '--root', p.root]);
  expect(first.code, first.stderr).toBe(0);
  const before = await hashTree(p.out);
  await writeFiles(p.root, edited);
  return { ...p, before };
}

/** The hash of what a successful build of the edited project publishes. */
let afterHash = '';
async function editedHash(): Promise<string> {
  if (afterHash) return afterHash;
  const p = await makeProject({ ...posts, ...edited });
  expect((await runCli(['build', '--root', p.root])).code).toBe(0);
  afterHash = await hashTree(p.out);
  return afterHash;
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

describe('kill -9 at every step of publishing', () => {
  const steps = [
    { at: 'publish:staged', out: 'old' },
    { at: 'publish:aside', out: 'none' },
    { at: 'publish:swapped', out: 'new' },
    { at: 'publish:old', out: 'new' },
  ] as const;
  for (const step of steps) {
    it(`${step.at}: the output is whole, and the next build restores or keeps it and sweeps`, async () => {
      const p = await project();
      const killed = await runCli(['build', '--root', p.root], {
        env: { COLOPHON_TEST_KILL_AT: step.at },
      });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      const expected = step.out === 'new' ? await editedHash() : p.before;
      if (step.out === 'none') expect(await exists(p.out)).toBe(false);
      else expect(await hashTree(p.out)).toBe(expected);
      expect((await leftovers(p.out)).length).toBeGreaterThan(0);

      // A build that fails on a content error still puts things right first.
      await writeFiles(p.root, broken);
      const failed = await runCli(['build', '--root', p.root]);
      expect(failed.code, failed.stderr).toBe(1);
      expect(failed.stderr).toContain('[front-matter/missing-key]');
      expect(await hashTree(p.out)).toBe(step.out === 'new' ? expected : p.before);
      // A swapped-out output is removed by a background process, as after any publish.
      expect(await waitFor(async () => (await leftovers(p.out)).length === 0, 10_000)).toBe(true);

      if (step.at !== 'publish:aside') return;
      // The next good build publishes, and carries unchanged files over by hard link.
      await rm(path.join(p.root, 'content/posts/zz-bad.md'));
      const css = path.join(p.out, 'css', (await readdir(path.join(p.out, 'css')))[0]!);
      const inode = (await stat(css)).ino;
      const ok = await runCli(['build', '--root', p.root]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(await hashTree(p.out)).toBe(await editedHash());
      expect((await stat(css)).ino).toBe(inode);
      expect(await waitFor(async () => (await leftovers(p.out)).length === 0, 10_000)).toBe(true);
    }, 120_000);
  }
});

describe('the sweep of stale folders', () => {
  /** A pid that is certainly not running: a process that has exited. */
  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => child.on('exit', r));
    return child.pid!;
  }

  it('removes a dead build’s staging and aside folders only, and puts nothing else at risk', async () => {
    const p = await makeProject(posts);
    expect((await build(p.root)).ok).toBe(true);
    const before = await hashTree(p.out);
    const parent = path.dirname(p.out);
    const dead = await deadPid();
    // A live process that started before its folder was made: a build still running.
    const live = spawn('sleep', ['60']);
    await new Promise((r) => setTimeout(r, 300));
    // A live process that started after its folder was made: the pid was reused.
    const reused = spawn('sleep', ['60']);
    try {
      const folders = {
        deadStaging: `.dist.colophon-tmp-${dead}-0a1b2c3d`,
        deadAside: `.dist.colophon-tmp-${dead}-0a1b2c3d-aside`,
        liveStaging: `.dist.colophon-tmp-${live.pid}-11223344`,
        reusedStaging: `.dist.colophon-tmp-${reused.pid}-55667788`,
        otherOutput: `.dist2.colophon-tmp-${dead}-99aabbcc`,
        notOurs: `.dist.colophon-tmp-${dead}-notes`,
      };
      for (const name of Object.values(folders)) {
        await mkdir(path.join(parent, name, 'posts'), { recursive: true });
        await writeFile(path.join(parent, name, 'posts', 'x.html'), 'x');
      }
      const hourAgo = new Date(Date.now() - 3_600_000);
      await utimes(path.join(parent, folders.reusedStaging), hourAgo, hourAgo);

      const r = await build(p.root);
      expect(errorsOf(r.diagnostics)).toEqual([]);
      expect(await hashTree(p.out)).toBe(before);
      const left = (await readdir(parent)).filter((n) => n.includes('.colophon-')).sort();
      expect(left).toEqual([folders.liveStaging, folders.otherOutput, folders.notOurs].sort());
    } finally {
      live.kill();
      reused.kill();
    }
  });

  it('a missing output with a dead build’s aside beside it: the aside is put back', async () => {
    const p = await makeProject(posts);
    expect((await build(p.root)).ok).toBe(true);
    const before = await hashTree(p.out);
    const { rename } = await import('node:fs/promises');
    const aside = path.join(
      path.dirname(p.out),
      `.dist.colophon-tmp-${await deadPid()}-abcdef01-aside`,
    );
    await rename(p.out, aside);
    await writeFiles(p.root, broken);
    const r = await build(p.root);
    expect(r.ok).toBe(false);
    expect(await hashTree(p.out)).toBe(before);
    expect(await leftovers(p.out)).toEqual([]);
  });
});
