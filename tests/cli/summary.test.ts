import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { BIN, run } from '../helpers/cli.js';
import { SITES } from '../helpers/site.js';

// Several real CLI runs (and builds) per test: on a busy machine they take minutes, not seconds.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

/** The summary of a build says what it built and what it left out, in the numbers `check` uses. */
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-summary-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The fixture's "now" (2026-06-01), through SOURCE_DATE_EPOCH as a reproducible build sets it. */
const NOW = { SOURCE_DATE_EPOCH: String(Date.parse('2026-06-01T00:00:00Z') / 1000) };
const DRAFTS = path.join(SITES, 'drafts-future');

describe('what a build left out', () => {
  test('the summary counts drafts, future and expired posts, with the flag that includes them', async () => {
    const r = await run(
      ['build', '--root', DRAFTS, '--out', path.join(tmp, 'a'), '--no-cache'],
      undefined,
      NOW,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '\nLeft out 2 drafts (--drafts to include them), 1 post dated in the future (--future) and 1 expired post.\n',
    );
  });

  test('--verbose names the files', async () => {
    const r = await run(
      ['build', '--root', DRAFTS, '--out', path.join(tmp, 'b'), '--no-cache', '--verbose'],
      undefined,
      NOW,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        'Left out 2 drafts (--drafts to include them), 1 post dated in the future (--future) and 1 expired post:',
        '  content/pages/secret-page.md  draft',
        '  content/posts/draft-part.md   draft',
        '  content/posts/expired.md      expired on 2026-01-01',
        '  content/posts/future-part.md  dated 2026-09-01',
        '',
      ].join('\n'),
    );
  });

  test('--json counts them', async () => {
    const r = await run(
      ['build', '--root', DRAFTS, '--out', path.join(tmp, 'c'), '--no-cache', '--json'],
      undefined,
      NOW,
    );
    const summary = JSON.parse(r.stdout) as { pages: number; files: number; excluded: unknown };
    expect(summary.excluded).toEqual({ drafts: 2, future: 1, expired: 1 });
  });

  test('nothing left out, nothing said; --drafts --future leave out only the expired post', async () => {
    const r = await run(
      [
        'build',
        '--root',
        DRAFTS,
        '--out',
        path.join(tmp, 'd'),
        '--no-cache',
        '--drafts',
        '--future',
      ],
      undefined,
      NOW,
    );
    expect(r.stdout).toContain('\nLeft out 1 expired post.\n');
    const clean = await run([
      'build',
      '--root',
      path.join(SITES, 'basic'),
      '--out',
      path.join(tmp, 'e'),
      '--no-cache',
    ]);
    expect(clean.stdout).not.toContain('Left out');
  });

  test('check says the same', async () => {
    const r = await run(['check', '--root', DRAFTS], undefined, NOW);
    expect(r.stdout).toContain(
      '\nLeft out 2 drafts (--drafts to include them), 1 post dated in the future (--future) and 1 expired post.\n',
    );
  });
});

describe('serve says what it leaves out', () => {
  test('after its first build, and again when that changes', async () => {
    const site = path.join(tmp, 'serve-drafts');
    await cp(DRAFTS, site, { recursive: true });
    const child = spawn(process.execPath, [BIN, 'serve', '--root', site, '--port', '0'], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let stdout = '';
    const waitFor = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const look = () => {
          if (stdout.includes(text)) resolve();
          else if (child.exitCode !== null) reject(new Error(`serve exited:\n${stdout}`));
          else setTimeout(look, 50);
        };
        look();
      });
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    try {
      await waitFor('Serving http://');
      // Drafts do not depend on the clock: the machine's date decides only the other counts.
      expect(stdout).toMatch(/\nLeft out 2 drafts \(--drafts to include them\)/);
      await writeFile(
        path.join(site, 'content/posts/another-draft.md'),
        '---\ntitle: Another draft\ndate: 2026-02-11\ndraft: true\n---\n\nDraft.\n',
      );
      await waitFor('Left out 3 drafts');
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.once('close', r));
    }
  });
});

describe('build and check count the same pages', () => {
  test('feeds and the sitemap are counted apart; redirect pages and 404 are pages', async () => {
    const site = path.join(SITES, 'aliases');
    const build = await run(['build', '--root', site, '--out', path.join(tmp, 'f'), '--no-cache']);
    const check = await run(['check', '--root', site]);
    expect(build.code).toBe(0);
    expect(check.code).toBe(0);
    const built = /^Built (\d+) pages into \S+ in \d+ms \(\+ (\d+) feeds and other files;/m.exec(
      build.stdout,
    );
    const checked = /checked (\d+) pages and \d+ internal links/.exec(check.stdout);
    expect(built, build.stdout).not.toBeNull();
    expect(checked, check.stdout).not.toBeNull();
    expect(built![1]).toBe(checked![1]);
    // home, 2 posts, contact, archive, series index, topic index, 404 + 4 redirect pages (the
    // fixture has no search page).
    expect(Number(built![1])).toBe(12);
    // rss, atom, json feeds, sitemap.xml, robots.txt.
    expect(Number(built![2])).toBe(5);
  });

  test('HTML files from public/ are checked and named apart', async () => {
    const site = path.join(tmp, 'with-public-html');
    await cp(path.join(SITES, 'aliases'), site, { recursive: true });
    await mkdir(path.join(site, 'public'), { recursive: true });
    await writeFile(
      path.join(site, 'public', 'google1234.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>v</title></head><body>google-site-verification</body></html>\n',
    );
    const check = await run(['check', '--root', site]);
    expect(check.stdout, check.stderr).toContain(
      'checked 12 pages (+ 1 HTML file from public/) and',
    );
  });
});

describe('a draft naming a series that does not exist', () => {
  test('does not fail the build that leaves it out; fails the one that includes it', async () => {
    const site = path.join(tmp, 'draft-series');
    await cp(DRAFTS, site, { recursive: true });
    await writeFile(
      path.join(site, 'content/posts/new-draft.md'),
      '---\ntitle: SECRET DRAFT\ndate: 2026-02-10\ndraft: true\nseries: sagaa\npart: 1\n---\n\nDraft.\n',
    );
    const normal = await run(['build', '--root', site, '--no-cache', '--quiet'], undefined, NOW);
    expect(normal.stderr).toBe('');
    expect(normal.code).toBe(0);
    const drafts = await run(['build', '--root', site, '--no-cache', '--drafts'], undefined, NOW);
    expect(drafts.code).toBe(1);
    expect(drafts.stderr).toContain(
      'content/posts/new-draft.md:5:1 error [graph/unknown-series] Post names series "sagaa", which has no definition. Create content/series/sagaa.md or use one of: saga.',
    );
  });
});
