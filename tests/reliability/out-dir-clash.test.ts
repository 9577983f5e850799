/**
 * Promise 7: an output folder can never replace what the project is made of. Publishing swaps the
 * whole output folder, so `--out content/posts` (or `outDir: 'content/pages'`) used to delete the
 * posts and exit 0, `--out colophon.config.ts` turned the config into a folder, and an existing
 * file was replaced by the site. The output folder may not be, contain or lie inside the config
 * file, content/, templates/, public/, the snippets folder, the cache folder or an existing file
 * (real paths compared, symlinks resolved). `build`, `check` and `serve` refuse with exit code 2
 * before anything is written: no lock file, no staging folder, no temporary folder.
 *
 * Every case runs the real CLI (compiled lib/) with TMPDIR pointed at an empty folder of its own,
 * and compares the whole temp tree (project and its neighbours) byte for byte.
 */
import { readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanupAll,
  finished,
  hashTree,
  leftovers,
  makeProject,
  manyPosts,
  post,
  runCli,
  startCli,
  tempDir,
  type Project,
} from './helpers.js';

afterAll(cleanupAll);

const ADVICE =
  'Each build replaces the output folder as a whole. Choose a folder of its own, such as "dist" (--out, or outDir in colophon.config.ts).';
const refusal = (shown: string, why: string) =>
  `error [output/unsafe-out-dir] Refusing to use ${shown} as the output folder: ${why}. ${ADVICE}`;

/** A project with something in every folder an output folder could destroy. */
async function project(config: Record<string, unknown> = {}): Promise<Project> {
  const p = await makeProject(
    {
      ...manyPosts(2),
      'content/pages/about.md': post({ title: 'About' }),
      'templates/partials/aside.liquid': '<aside>{{ page.title }}</aside>\n',
      'public/css/extra.css': 'body { color: black; }\n',
      'snippets/hello.rs': 'fn main() {}\n',
      'examples/code/hi.py': 'print("hi")\n',
      '.cache/keep.txt': 'cache\n',
    },
    config,
  );
  await writeFile(path.join(p.tmp, 'notes.txt'), 'my notes\n');
  return p;
}

interface Case {
  name: string;
  config?: Record<string, unknown>;
  /** Extra CLI arguments (paths relative to the project root unless absolute). */
  args: (p: Project) => string[] | Promise<string[]>;
  /** The output folder the command would have used (for leftovers beside it). */
  out: (p: Project) => string;
  line: (p: Project) => string;
}

const inProject = (p: Project, rel: string) => path.join(p.root, rel);

const buildCases: Case[] = [
  {
    name: '--out content/posts',
    args: () => ['--out', 'content/posts'],
    out: (p) => inProject(p, 'content/posts'),
    line: () => refusal('content/posts', "it is inside the project's content folder (content/)"),
  },
  {
    name: "outDir: 'content/pages' in the config",
    config: { outDir: 'content/pages' },
    args: () => [],
    out: (p) => inProject(p, 'content/pages'),
    line: () => refusal('content/pages', "it is inside the project's content folder (content/)"),
  },
  {
    name: '--out content/new (a folder that does not exist yet)',
    args: () => ['--out', 'content/new'],
    out: (p) => inProject(p, 'content/new'),
    line: () => refusal('content/new', "it is inside the project's content folder (content/)"),
  },
  {
    name: '--out templates/partials',
    args: () => ['--out', 'templates/partials'],
    out: (p) => inProject(p, 'templates/partials'),
    line: () =>
      refusal('templates/partials', "it is inside the project's templates folder (templates/)"),
  },
  {
    name: '--out public/css',
    args: () => ['--out', 'public/css'],
    out: (p) => inProject(p, 'public/css'),
    line: () => refusal('public/css', "it is inside the project's public folder (public/)"),
  },
  {
    name: '--out colophon.config.ts',
    args: () => ['--out', 'colophon.config.ts'],
    out: (p) => inProject(p, 'colophon.config.ts'),
    line: () =>
      refusal('colophon.config.ts', "it is the project's config file (colophon.config.ts)"),
  },
  {
    name: '--out an existing file outside the project',
    args: (p) => ['--out', path.join(p.tmp, 'notes.txt')],
    out: (p) => path.join(p.tmp, 'notes.txt'),
    line: (p) => refusal(path.join(p.tmp, 'notes.txt'), 'it is an existing file, not a folder'),
  },
  {
    name: '--out a folder below an existing file',
    args: (p) => ['--out', path.join(p.tmp, 'notes.txt', 'site')],
    // Leftovers would be beside the file (nothing can be created below it).
    out: (p) => path.join(p.tmp, 'notes.txt'),
    line: (p) =>
      refusal(
        path.join(p.tmp, 'notes.txt', 'site'),
        `it is inside ${path.join(p.tmp, 'notes.txt')}, which is a file, not a folder`,
      ),
  },
  {
    name: '--out snippets/out',
    args: () => ['--out', 'snippets/out'],
    out: (p) => inProject(p, 'snippets/out'),
    line: () => refusal('snippets/out', "it is inside the project's snippets folder (snippets/)"),
  },
  {
    name: '--out a folder that contains a configured snippets folder',
    config: { snippets: 'examples/code' },
    args: () => ['--out', 'examples'],
    out: (p) => inProject(p, 'examples'),
    line: () => refusal('examples', "it contains the project's snippets folder (examples/code/)"),
  },
  {
    name: '--out .cache/site (inside the default cache folder)',
    args: () => ['--out', '.cache/site'],
    out: (p) => inProject(p, '.cache/site'),
    line: () => refusal('.cache/site', "it is inside the project's cache folder (.cache/)"),
  },
  {
    name: '--out and --cache-dir naming the same folder',
    args: () => ['--out', 'build', '--cache-dir', 'build'],
    out: (p) => inProject(p, 'build'),
    line: () => refusal('build', "it is the project's cache folder (build/)"),
  },
  {
    name: 'an output folder that contains the cache folder (cacheDir in the config)',
    config: { cacheDir: 'site-out/cache' },
    args: () => ['--out', 'site-out'],
    out: (p) => inProject(p, 'site-out'),
    line: () => refusal('site-out', "it contains the project's cache folder (site-out/cache/)"),
  },
  {
    name: 'a not-yet-existing folder whose parent is a symlink into content/posts',
    args: async (p) => {
      await symlink(path.join(p.root, 'content/posts'), path.join(p.tmp, 'posts-link'));
      return ['--out', path.join(p.tmp, 'posts-link', 'new')];
    },
    out: (p) => path.join(p.tmp, 'posts-link', 'new'),
    line: (p) =>
      refusal(
        path.join(p.tmp, 'posts-link', 'new'),
        "it is inside the project's content folder (content/), reached through a symlink",
      ),
  },
  {
    name: 'an output folder that is a symlink to templates/',
    args: async (p) => {
      await symlink(path.join(p.root, 'templates'), path.join(p.tmp, 'tpl-link'));
      return ['--out', path.join(p.tmp, 'tpl-link')];
    },
    out: (p) => path.join(p.tmp, 'tpl-link'),
    line: (p) =>
      refusal(
        path.join(p.tmp, 'tpl-link'),
        "it is the project's templates folder (templates/), reached through a symlink",
      ),
  },
];

/** Run a command of the real CLI in `p.root` with an empty TMPDIR of its own. */
async function run(p: Project, args: string[], tmpdir?: string) {
  const tmp = tmpdir ?? (await tempDir('colophon-tmpdir-'));
  const r = await runCli(args, { cwd: p.root, env: { TMPDIR: tmp } });
  return { ...r, tmp };
}

describe('build refuses an output folder that would replace part of the project (exit 2)', () => {
  it.each(buildCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const p = await project(c.config);
    const args = await c.args(p);
    const before = await hashTree(p.tmp);
    const r = await run(p, ['build', ...args]);
    expect(r.stderr).toContain(c.line(p) + '\n');
    expect(r.stderr).toContain('Nothing was written.');
    expect(r.code, r.stderr).toBe(2);
    expect(await hashTree(p.tmp)).toBe(before);
    expect(await leftovers(c.out(p))).toEqual([]);
    expect(await readdir(r.tmp)).toEqual([]);
  });

  it('the next build into dist/ still works (the refusal changed nothing)', async () => {
    const p = await project();
    expect((await run(p, ['build', '--out', 'colophon.config.ts'])).code).toBe(2);
    const r = await run(p, ['build']);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('check refuses the same output folders, before creating its temporary folder', () => {
  it("outDir: 'content/pages' in the config", async () => {
    const p = await project({ outDir: 'content/pages' });
    const before = await hashTree(p.tmp);
    const r = await run(p, ['check']);
    expect(r.stderr).toContain(
      refusal('content/pages', "it is inside the project's content folder (content/)") + '\n',
    );
    expect(r.code, r.stderr).toBe(2);
    expect(await hashTree(p.tmp)).toBe(before);
    expect(await readdir(r.tmp)).toEqual([]);
  });

  it('a TMPDIR inside content/ (check builds into a folder there)', async () => {
    const p = await project();
    const before = await hashTree(p.tmp);
    const posts = await readdir(path.join(p.root, 'content/posts'));
    const r = await run(p, ['check'], path.join(p.root, 'content/posts'));
    expect(r.stderr).toContain(
      `error [output/unsafe-out-dir] Refusing to use content/posts/colophon-check-* as the output folder: it is inside the project's content folder (content/). check and serve build into a new folder in the system's temporary folder (${path.join(p.root, 'content/posts')}); set TMPDIR to a folder outside the project.\n`,
    );
    expect(r.code, r.stderr).toBe(2);
    expect(await hashTree(p.tmp)).toBe(before);
    expect(await readdir(path.join(p.root, 'content/posts'))).toEqual(posts);
  });
});

describe('serve refuses them too, before creating its temporary folder', () => {
  /** Serve never exits by itself: wait for its exit, or stop it and fail. */
  async function serve(p: Project, tmpdir: string) {
    const child = startCli(['serve', '--port', '0'], { cwd: p.root, env: { TMPDIR: tmpdir } });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const r = await finished(child);
    clearTimeout(timer);
    return r;
  }

  it("outDir: 'content/pages' in the config", async () => {
    const p = await project({ outDir: 'content/pages' });
    const tmp = await tempDir('colophon-tmpdir-');
    const before = await hashTree(p.tmp);
    const r = await serve(p, tmp);
    expect(r.stderr).toContain(
      refusal('content/pages', "it is inside the project's content folder (content/)") + '\n',
    );
    expect(r.code, r.stderr).toBe(2);
    expect(await hashTree(p.tmp)).toBe(before);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('a TMPDIR inside content/ (serve builds into a folder there)', async () => {
    const p = await project();
    const before = await hashTree(p.tmp);
    const posts = await readdir(path.join(p.root, 'content/posts'));
    const r = await serve(p, path.join(p.root, 'content/posts'));
    expect(r.stderr).toContain(
      `error [output/unsafe-out-dir] Refusing to use content/posts/colophon-serve-* as the output folder: it is inside the project's content folder (content/). check and serve build into a new folder in the system's temporary folder (${path.join(p.root, 'content/posts')}); set TMPDIR to a folder outside the project.\n`,
    );
    expect(r.code, r.stderr).toBe(2);
    expect(await hashTree(p.tmp)).toBe(before);
    expect(await readdir(path.join(p.root, 'content/posts'))).toEqual(posts);
  });
});
