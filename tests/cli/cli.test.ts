import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run, today } from '../helpers/cli.js';
import { INVALID, REPO, SITES } from '../helpers/site.js';

const VERSION = (
  JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }
).version;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('colophon CLI: help, version, usage errors', () => {
  test('--help prints the commands and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: colophon <command> [options]');
    for (const cmd of ['build', 'serve', 'init DIR', 'new post']) expect(r.stdout).toContain(cmd);
    expect(r.stdout).toContain('Exit codes: 0 success, 1 content errors, 2 usage errors.');
  });

  test('a command --help prints its own help', async () => {
    const r = await run(['build', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('colophon build [options]');
    expect(r.stdout).toContain('--drafts');
  });

  test('--version prints the package version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  });

  test('no command prints help and exits 2', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage: colophon <command>');
  });

  test('an unknown command exits 2 and says so', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command "frobnicate". Run "colophon --help" for the list.');
    expect(r.stdout).toBe('');
  });

  test('an unknown flag exits 2 with the known options and the command usage', async () => {
    const r = await run(['build', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown option --frobnicate. Options of this command: --root,');
    expect(r.stderr).toContain('Usage: colophon build [options]');
  });

  test('an unexpected argument exits 2', async () => {
    const r = await run(['build', 'extra']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unexpected argument "extra".');
  });
});

describe('colophon build', () => {
  test('a site with errors exits 1 with positioned diagnostics and a code frame', async () => {
    const out = path.join(tmp, 'failed-out');
    const r = await run([
      'build',
      '--root',
      path.join(INVALID, 'impossible-date-yaml'),
      '--out',
      out,
      '--no-cache',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'content/posts/x.md:3:7 error [front-matter/invalid-date] Invalid value for "date": not a real calendar date; use YYYY-MM-DD (or an ISO date-time).',
    );
    // The frame: the offending line marked with ">", a caret under column 7.
    expect(r.stderr).toContain(
      ['  2 | title: Leap', '> 3 | date: 2024-02-30', '    |       ^', '  4 | ---'].join('\n'),
    );
    expect(r.stderr).toContain('1 error, 0 warnings');
    expect(r.stderr).toContain('Build failed;');
    expect(existsSync(out)).toBe(false);
  });

  test('a syntax error in the config: its real line and column, with a code frame', async () => {
    const r = await run([
      'build',
      '--root',
      path.join(INVALID, 'config-syntax-error'),
      '--no-cache',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'colophon.config.ts:8:5 error [config/syntax-error] Syntax error: Unexpected token, expected ",".',
    );
    expect(r.stderr).toContain(
      [
        "   7 |     { label: 'Archive', url: '/archive/' }",
        ">  8 |     { label: 'About', url: '/about/' },",
        '     |     ^',
      ].join('\n'),
    );
  });

  test('a good site builds, prints the summary line and exits 0', async () => {
    const out = path.join(tmp, 'aliases-out');
    const r = await run([
      'build',
      '--root',
      path.join(SITES, 'aliases'),
      '--out',
      out,
      '--no-cache',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Built \d+ pages into \S+ in \d+ms \(\+ \d+ feeds and other files; \d+ rendered, 0 reused; \d+ files written, 0 unchanged; 3 bodies rendered, 0 from cache\)$/m,
    );
    expect(existsSync(path.join(out, 'posts/moved-post/index.html'))).toBe(true);
  });

  test('--quiet prints nothing on success', async () => {
    const r = await run([
      'build',
      '--root',
      path.join(SITES, 'aliases'),
      '--out',
      path.join(tmp, 'quiet-out'),
      '--no-cache',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });
});

describe('colophon init and new', () => {
  test('init DIR creates a site that builds', async () => {
    const dir = path.join(tmp, 'new-site');
    const init = await run(['init', dir]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Created a new Colophon site in');
    expect(existsSync(path.join(dir, 'colophon.config.ts'))).toBe(true);
    expect(existsSync(path.join(dir, '.gitignore'))).toBe(true);
    // The config imports 'colophon', which is not installed in DIR: the loader provides it.
    expect(readFileSync(path.join(dir, 'colophon.config.ts'), 'utf8')).toContain("from 'colophon'");
    const build = await run(['build', '--no-cache'], dir);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(existsSync(path.join(dir, 'dist/index.html'))).toBe(true);
    expect(existsSync(path.join(dir, 'dist/posts/hello-world/index.html'))).toBe(true);
  });

  test('init into a non-empty folder fails with exit 2 and touches nothing', async () => {
    const dir = path.join(tmp, 'occupied');
    await mkdir(dir);
    await writeFile(path.join(dir, 'notes.txt'), 'mine\n');
    const r = await run(['init', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not empty. Choose a new folder.');
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  test("new post writes a draft with today's date, the next part and topics; a second one gets -2", async () => {
    const root = path.join(tmp, 'writer');
    await mkdir(path.join(root, 'content/posts'), { recursive: true });
    await writeFile(path.join(root, 'colophon.config.ts'), 'export default {};\n');
    await mkdir(path.join(root, 'content/series'), { recursive: true });
    await writeFile(path.join(root, 'content/series/s.md'), '---\ntitle: S\n---\n');
    await writeFile(
      path.join(root, 'content/posts/part-one.md'),
      '---\ntitle: One\ndate: 2026-01-01\nseries: s\npart: 1\n---\n\nBody.\n',
    );
    const args = ['new', 'post', 'Hello World', '--series', 's', '--topics', 'a,b', '--root', root];
    const first = await run(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const text = readFileSync(path.join(root, 'content/posts/hello-world.md'), 'utf8');
    expect(text).toMatch(/^---\ntitle: Hello World\n/);
    expect(text).toContain(`\ndate: ${today()}\n`);
    expect(text).toContain('\ntopics:\n  - a\n  - b\n');
    expect(text).toContain('\nseries: s\npart: 2\n');
    expect(text).toContain('\ndraft: true\n---\n');

    const second = await run(args);
    expect(second.code).toBe(0);
    const text2 = readFileSync(path.join(root, 'content/posts/hello-world-2.md'), 'utf8');
    // The first new post is part 2 now: the second one takes part 3.
    expect(text2).toContain('\nseries: s\npart: 3\n');
    expect(readFileSync(path.join(root, 'content/posts/hello-world.md'), 'utf8')).toBe(text);
  });

  test('new without a title is a usage error', async () => {
    const r = await run(['new', 'post']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: colophon new post "Title"');
  });
});
