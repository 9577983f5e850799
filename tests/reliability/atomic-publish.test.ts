/**
 * Promise 1, atomic publish: `build` renders into a staging folder beside the output and swaps it
 * in only when everything succeeded. Every failure below — a bad post, a template error on one
 * page deep in the list, a crash in the feed step, a full disk, a folder that cannot be replaced,
 * SIGINT/SIGTERM — must leave the previous output byte for byte (tree hash) and nothing beside it
 * (no `.dist.colophon-tmp-*`, no lock). Two builds of one output do not interleave. Output folders
 * whose replacement would destroy the project or the machine are refused before anything is
 * touched.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Feed } from 'feed';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runAbortCleanups } from '../../src/pipeline/abort.js';
import { acquireLock, checkOutDir, StagedWriter } from '../../src/output/index.js';
import {
  build,
  cleanupAll,
  copyProject,
  errorsOf,
  finished,
  hashTree,
  HOSTILE,
  leftovers,
  listTree,
  makeProject,
  manyPosts,
  post,
  REPO,
  cliInProcess,
  runCli,
  stagedFiles,
  startCli,
  tempDir,
  waitFor,
  where,
  writeFiles,
} from './helpers.js';

afterAll(cleanupAll);
afterEach(() => {
  vi.restoreAllMocks();
});

const five = manyPosts(5);

/** A project built once: its output is "the previous output" every failure must preserve. */
async function builtProject(
  files: Record<string, string> = five,
  config: Record<string, unknown> = {},
) {
  const p = await makeProject(files, config);
  const first = await build(p.root);
  expect(errorsOf(first.diagnostics)).toEqual([]);
  expect(first.ok).toBe(true);
  return { ...p, before: await hashTree(p.out) };
}

/** The output is exactly the previous one and nothing is left beside it. */
async function expectUntouched(p: { out: string; before: string }) {
  expect(await hashTree(p.out)).toBe(p.before);
  expect(await leftovers(p.out)).toEqual([]);
}

describe('a failing build leaves the previous output exactly as it was', () => {
  it('a content error (one bad post among good ones, another post edited)', async () => {
    const p = await builtProject();
    await writeFiles(p.root, {
      'content/posts/post-001.md': post({ title: 'Edited', date: '2024-01-02' }, 'Changed.'),
      'content/posts/bad.md': post({ date: '2024-03-01' }, 'No title.'),
    });
    const r = await build(p.root);
    expect(r.ok).toBe(false);
    expect(errorsOf(r.diagnostics).map(where)).toEqual([
      'front-matter/missing-key content/posts/bad.md:2:1',
    ]);
    await expectUntouched(p);
  });

  it('a template error on one page deep in a 120-page list, while other pages render concurrently', async () => {
    // Regression: the failing page rejected the render stage while 15 other renders were still
    // writing; removing the staging folder under them failed with ENOTEMPTY, which replaced the
    // template diagnostic by a crash and left `.dist.colophon-tmp-*` behind.
    const p = await copyProject(path.join(HOSTILE, 'throwing-template'));
    await writeFiles(p.root, manyPosts(99));
    expect((await build(p.root)).ok).toBe(true);
    const before = await hashTree(p.out);
    await writeFiles(p.root, manyPosts(120));
    const r = await build(p.root);
    expect(r.ok).toBe(false);
    const errors = errorsOf(r.diagnostics);
    expect(errors.map((d) => d.rule)).toEqual(['template/undefined-variable']);
    expect(errors[0]!.span?.file).toBe('templates/post.liquid');
    expect(errors[0]!.span?.line).toBe(9);
    await expectUntouched({ out: p.out, before });
  });

  it('an exception thrown by the feed step', async () => {
    const p = await builtProject();
    await writeFiles(p.root, {
      'content/posts/new.md': post({ title: 'New', date: '2024-02-01' }),
    });
    vi.spyOn(Feed.prototype, 'atom1').mockImplementation(() => {
      throw new Error('injected: the Atom serializer crashed');
    });
    await expect(build(p.root)).rejects.toThrow('injected: the Atom serializer crashed');
    await expectUntouched(p);
  });

  it('ENOSPC on the 20th file written (a full disk mid-build)', async () => {
    const p = await builtProject(manyPosts(30));
    await writeFiles(p.root, {
      'content/posts/post-000.md': post({ title: 'Edited', date: '2024-01-01' }),
    });
    const write = StagedWriter.prototype.write;
    let n = 0;
    vi.spyOn(StagedWriter.prototype, 'write').mockImplementation(function (
      this: StagedWriter,
      rel,
      data,
    ) {
      if (++n === 20)
        return Promise.reject(
          Object.assign(new Error(`ENOSPC: no space left on device, write`), {
            code: 'ENOSPC',
            syscall: 'write',
            path: rel,
          }),
        );
      return write.call(this, rel, data);
    });
    const r = await build(p.root);
    expect(r.ok).toBe(false);
    expect(errorsOf(r.diagnostics).map((d) => d.rule)).toEqual(['output/io-error']);
    expect(r.diagnostics[0]!.message).toContain('ENOSPC');
    await expectUntouched(p);
  });

  it('the output folder cannot be replaced (immutable, or a read-only parent)', async (ctx) => {
    const p = await builtProject();
    await writeFiles(p.root, {
      'content/posts/new.md': post({ title: 'New', date: '2024-02-01' }),
    });
    // As root, chmod does not stop writes: make the output folder immutable instead (it cannot
    // be renamed away). Without root, a read-only parent stops the lock and the staging folder.
    const root = process.getuid?.() === 0;
    let undo: () => void;
    if (root) {
      try {
        execFileSync('chattr', ['+i', p.out], { stdio: 'ignore' });
      } catch {
        ctx.skip(
          true,
          'running as root and chattr +i is not supported here: no way to make a folder unwritable',
        );
      }
      undo = () => execFileSync('chattr', ['-i', p.out]);
    } else {
      execFileSync('chmod', ['a-w', p.root]);
      undo = () => execFileSync('chmod', ['u+w', p.root]);
    }
    try {
      const r = await build(p.root);
      expect(r.ok).toBe(false);
      expect(errorsOf(r.diagnostics).map((d) => d.rule)).toEqual(['output/io-error']);
      expect(r.diagnostics[0]!.message).toMatch(root ? /EPERM/ : /EACCES/);
    } finally {
      undo();
    }
    await expectUntouched(p);
  });

  it('a file where a folder on the way to the output must be: refused first, nothing created', async () => {
    const p = await makeProject(five);
    await writeFile(path.join(p.tmp, 'blocker'), 'a file, not a folder');
    const out = path.join(p.tmp, 'blocker', 'public_html', 'dist');
    const r = await build(p.root, { outDir: out });
    expect(r.ok).toBe(false);
    expect(r.refused).toBe(true);
    expect(errorsOf(r.diagnostics).map((d) => d.rule)).toEqual(['output/unsafe-out-dir']);
    expect(r.diagnostics[0]!.message).toContain(
      `it is inside ${path.join(p.tmp, 'blocker')}, which is a file, not a folder`,
    );
    expect(await listTree(p.tmp)).toEqual([
      'blocker',
      ...(await listTree(p.root)).map((f) => `site/${f}`),
    ]);
  });
});

describe('interrupts', () => {
  it('an abort mid-render (what SIGINT runs) stops the build and removes its staging folder', async () => {
    // In-process, so the timing is exact: abort once 30 files are staged, let the build go on.
    const p = await builtProject(manyPosts(60));
    await writeFiles(p.root, {
      'content/posts/post-000.md': post({ title: 'Edited', date: '2024-01-01' }),
    });
    const building = build(p.root);
    const staged = await waitFor(async () => (await stagedFiles(p.out)) >= 30, 20_000, 2);
    expect(staged).toBe(true);
    await runAbortCleanups();
    await expect(building).rejects.toThrow(/aborted/);
    await expectUntouched(p);
  });

  // The real thing: the CLI on a 150-post site (~200 files), killed at several points of the build.
  describe.each([
    { signal: 'SIGINT' as const, when: 'before any page is staged', staged: 0, code: 130 },
    { signal: 'SIGTERM' as const, when: 'with a few pages staged', staged: 5, code: 143 },
    { signal: 'SIGINT' as const, when: 'with about 100 pages staged', staged: 100, code: 130 },
    // Impatient Ctrl-Cs while the first one cleans up.
    {
      signal: 'SIGINT' as const,
      when: 'repeatedly, with 50 pages staged',
      staged: 50,
      code: 130,
      twice: true,
    },
  ])('$signal $when', ({ signal, staged, code, twice }) => {
    it('exits with 128+n, previous output unchanged, no staging folder or lock', async () => {
      const p = await bigSite();
      const before = await hashTree(p.out);
      // Every page changes (the site title is on each), so a finished build could not look unchanged.
      await writeFile(
        path.join(p.root, 'colophon.config.ts'),
        (await readFile(path.join(p.root, 'colophon.config.ts'), 'utf8')).replace(
          "'Big'",
          "'Big, edited'",
        ),
      );
      const child = startCli(['build', '--root', p.root, '--cache-dir', path.join(p.tmp, 'cache')]);
      const lock = path.join(p.root, '.dist.colophon-lock');
      const reached =
        staged === 0
          ? await waitFor(() => existsSync(lock), 30_000, 5)
          : await waitFor(async () => (await stagedFiles(p.out)) >= staged, 60_000, 5);
      expect(reached, `the build never got to ${staged} staged files: ${child.output.stderr}`).toBe(
        true,
      );
      child.kill(signal);
      // Ctrl-C, Ctrl-C, Ctrl-C...: more signals every few milliseconds while it cleans up (two
      // signals pending at once are merged into one, so a single extra one may not land).
      for (
        let i = 0;
        twice && i < 100 && child.exitCode === null && child.signalCode === null;
        i++
      ) {
        await new Promise((r) => setTimeout(r, 5));
        child.kill(signal);
      }
      const r = await finished(child);
      expect(r.code, r.stderr).toBe(code);
      expect(await hashTree(p.out)).toBe(before);
      expect(await leftovers(p.out)).toEqual([]);
      // The first of these builds the 150-post site cold (bigSite) before its own build: minutes on
      // a loaded machine, beyond the default 30 s.
    }, 240_000);
  });
});

let big: { root: string; out: string; tmp: string } | undefined;
/** 150 posts built once by the CLI (its cache then lets the killed CLI builds reach rendering fast). */
async function bigSite() {
  if (big) {
    // Undo the previous test's config edit.
    const cfg = path.join(big.root, 'colophon.config.ts');
    await writeFile(cfg, (await readFile(cfg, 'utf8')).replace("'Big, edited'", "'Big'"));
    return big;
  }
  const p = await makeProject(
    manyPosts(150),
    `export default { title: 'Big', baseUrl: 'https://big.example/', search: { enabled: false }, socialCards: { enabled: false } };\n`,
  );
  const r = await runCli(['build', '--root', p.root, '--cache-dir', path.join(p.tmp, 'cache')]);
  expect(r.code, r.stderr).toBe(0);
  big = p;
  return p;
}

describe('two builds of one output folder do not interleave', () => {
  it('two concurrent builds in one process: both succeed, the result equals a single build', async () => {
    const p = await makeProject(manyPosts(40));
    const [a, b] = await Promise.all([build(p.root), build(p.root)]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const both = await hashTree(p.out);
    expect(await leftovers(p.out)).toEqual([]);
    await rm(p.out, { recursive: true });
    expect((await build(p.root)).ok).toBe(true);
    expect(await hashTree(p.out)).toBe(both);
  });

  it('a CLI build waits while another build holds the lock, then publishes', async () => {
    const p = await builtProject();
    const before = await hashTree(p.out);
    await writeFiles(p.root, {
      'content/posts/new.md': post({ title: 'New', date: '2024-02-01' }),
    });
    const release = await acquireLock(p.out);
    const child = startCli(['build', '--root', p.root, '--no-cache']);
    try {
      // Long enough for an unlocked build of 6 posts to finish several times over.
      await new Promise((r) => setTimeout(r, 4000));
      expect(child.exitCode, child.output.stderr).toBe(null);
      expect(await hashTree(p.out)).toBe(before);
    } finally {
      await release();
    }
    const r = await finished(child);
    expect(r.code, r.stderr).toBe(0);
    expect(await hashTree(p.out)).not.toBe(before);
    expect(await listTree(p.out)).toContain('posts/new/index.html');
    expect(await leftovers(p.out)).toEqual([]);
  });

  it('an empty or garbled lock file (what a full disk or a crash left) is taken over at once', async () => {
    // A lock appears with its pid in it (written aside, then linked into place): an empty one is
    // never a lock being written. It used to be waited for, 10 s and more.
    for (const text of ['', 'garbage', '\u0000\u0000']) {
      const dir = await tempDir();
      const out = path.join(dir, 'dist');
      const lock = path.join(dir, '.dist.colophon-lock');
      await writeFile(lock, text);
      const start = Date.now();
      const release = await acquireLock(out, 60_000);
      expect(Date.now() - start).toBeLessThan(1_000);
      await release();
      expect(await leftovers(out)).toEqual([]);
    }
  });

  it('a full disk while taking the lock leaves no lock file behind', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'dist');
    // write(2) fails with EFBIG under a zero file-size limit, as with ENOSPC.
    const script = `import(${JSON.stringify(path.join(REPO, 'lib/output/index.js'))}).then((m) => m.acquireLock(${JSON.stringify(out)})).then(() => console.log('locked'), (e) => console.log(e.code))`;
    const r = execFileSync('bash', [
      '-c',
      `trap '' XFSZ; ulimit -f 0; exec "${process.execPath}" -e "$0"`,
      script,
    ]).toString();
    expect(r.trim()).toBe('EFBIG');
    expect(await readdir(dir)).toEqual([]);
  });

  it('concurrent takers of one lock never hold it together', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'dist');
    let holders = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        const release = await acquireLock(out, 60_000);
        most = Math.max(most, ++holders);
        await new Promise((r) => setTimeout(r, 5));
        holders--;
        await release();
      }),
    );
    expect(most).toBe(1);
    expect(await leftovers(out)).toEqual([]);
  });

  it('a lock left by a process that no longer exists is taken over', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'dist');
    // A pid that is not running: a child that has exited.
    const dead = execFileSync(process.execPath, ['-p', 'process.pid']).toString().trim();
    await writeFile(path.join(dir, '.dist.colophon-lock'), dead);
    const release = await acquireLock(out, 5_000);
    await release();
    expect(await leftovers(out)).toEqual([]);
  });

  it('releasing twice does not remove a lock another build has taken since', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'dist');
    const first = await acquireLock(out);
    await first();
    const second = await acquireLock(out);
    await first();
    expect(existsSync(path.join(dir, '.dist.colophon-lock'))).toBe(true);
    await second();
  });
});

describe('output folders that would destroy the project or the machine are refused first', () => {
  // A regression here deletes whatever the output folder is, so every case builds against temp
  // folders (HOME points at a fake home); `/` and the real home are checked without building.
  const cases: [string, (p: { root: string; tmp: string }) => string | Promise<string>, RegExp][] =
    [
      ['the project root', (p) => p.root, /project root/],
      ['"." resolved against the project', (p) => path.join(p.root, '.'), /project root/],
      ['the content folder', (p) => path.join(p.root, 'content'), /content folder/],
      [
        'a parent of content/ (the project’s parent)',
        (p) => p.tmp,
        /content folder|contains the project/,
      ],
      ['the templates folder', (p) => path.join(p.root, 'templates'), /templates/],
      ['the home folder ($HOME)', (p) => path.join(p.tmp, 'users/me'), /home folder/],
      ['a parent of the home folder', (p) => path.join(p.tmp, 'users'), /home folder/],
      [
        'the project root reached through a symlinked parent',
        async (p) => {
          await symlink(p.tmp, `${p.tmp}-alias`);
          return path.join(`${p.tmp}-alias`, 'site');
        },
        /project root/,
      ],
      [
        'a symlink to the project root',
        async (p) => {
          await symlink(p.root, path.join(p.tmp, 'root-link'));
          return path.join(p.tmp, 'root-link');
        },
        /project root/,
      ],
    ];
  it.each(cases)('%s', async (_name, outDir, message) => {
    const p = await makeProject(five);
    await writeFiles(p.tmp, { 'users/me/.profile': 'keep me\n' });
    vi.stubEnv('HOME', path.join(p.tmp, 'users/me'));
    try {
      const out = await outDir(p);
      const before = await hashTree(p.tmp);
      const r = await build(p.root, { outDir: out });
      expect(r.ok).toBe(false);
      expect(r.diagnostics.map((d) => d.rule)).toEqual(['output/unsafe-out-dir']);
      expect(r.diagnostics[0]!.message).toMatch(message);
      expect(await hashTree(p.tmp)).toBe(before);
      expect(await leftovers(out)).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
      await rm(`${p.tmp}-alias`, { force: true });
    }
  });

  it.each([
    ['the file system root', path.parse(process.cwd()).root, /file system root/],
    ['the home folder', os.homedir(), /home folder/],
    ['a parent of the home folder', path.dirname(os.homedir()), /home folder|file system root/],
  ])('%s (checked without building)', (_name, out, message) => {
    const d = checkOutDir(out, {
      root: '/srv/blog',
      configFile: 'colophon.config.ts',
      contentDir: '/srv/blog/content',
      templatesDir: '/srv/blog/templates',
      publicDir: '/srv/blog/public',
      snippets: 'snippets',
      cachePath: '/srv/blog/.cache',
    });
    expect(d?.rule).toBe('output/unsafe-out-dir');
    expect(d?.message).toMatch(message);
  });

  it('the CLI (main) refuses --out <project root> with exit code 2 and touches nothing', async () => {
    const p = await makeProject(five);
    const before = await hashTree(p.root);
    const r = await cliInProcess(['build', '--root', p.root, '--out', p.root]);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toContain('[output/unsafe-out-dir]');
    expect(await hashTree(p.root)).toBe(before);
  });
});
