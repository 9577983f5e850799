import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parse } from 'yaml';
import { run, today } from '../helpers/cli.js';
import { REPO } from '../helpers/site.js';

// Several real CLI runs (and builds) per test: on a busy machine they take minutes, not seconds.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

/** `colophon new <kind>`: every kind writes a valid skeleton under the next free slug. */
let tmp: string;
let site: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-new-'));
  site = path.join(tmp, 'site');
  const init = await run(['init', site, '--no-ci']);
  expect(init.code).toBe(0);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const read = (rel: string) => readFileSync(path.join(site, rel), 'utf8');
const frontMatter = (rel: string) =>
  parse(/^---\n([\s\S]*?)\n---\n/.exec(read(rel))![1]!) as Record<string, unknown>;

describe('colophon new series, topic, page, author', () => {
  test('each kind writes its skeleton, the site builds with all of them', async () => {
    const made = [
      [
        ['series', 'Deep Dive', '--planned', '3', '--topics', 'storage'],
        'content/series/deep-dive.md',
      ],
      [['series', 'Deep Dive'], 'content/series/deep-dive-2.md'],
      [['topic', 'Storage Engines'], 'content/topics/storage-engines.md'],
      [['page', 'Uses'], 'content/pages/uses.md'],
      [['post', 'Part one', '--series', 'deep-dive'], 'content/posts/part-one.md'],
      [['author', 'Ada Lovelace', '--email', 'ada@example.com'], 'content/authors/ada-lovelace.md'],
    ] as const;
    for (const [args, file] of made) {
      const r = await run(['new', ...args, '--root', site]);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Created ${path.relative(REPO, path.join(site, file))}`);
    }
    expect(frontMatter('content/series/deep-dive.md')).toEqual({
      title: 'Deep Dive',
      description: '',
      planned: 3,
      topics: ['storage'],
    });
    expect(frontMatter('content/series/deep-dive-2.md')).toEqual({
      title: 'Deep Dive',
      description: '',
    });
    expect(frontMatter('content/topics/storage-engines.md')).toEqual({
      title: 'Storage Engines',
      description: '',
    });
    expect(frontMatter('content/pages/uses.md')).toEqual({ title: 'Uses', description: '' });
    expect(frontMatter('content/posts/part-one.md')).toEqual({
      title: 'Part one',
      date: today(),
      description: '',
      series: 'deep-dive',
      part: 1,
      draft: true,
    });
    // The author skeleton (issue 18's content/authors/<id>.md): the name, optional keys shown as
    // comments so the file is valid whatever is filled in, and the bio as the body.
    expect(frontMatter('content/authors/ada-lovelace.md')).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    const author = read('content/authors/ada-lovelace.md');
    expect(author).toContain('\n# avatar: ');
    expect(author).toContain('\n# links: ');
    expect(author).toMatch(/\n---\n\nA sentence or two about the author/);

    const build = await run(['build', '--drafts', '--no-cache', '--root', site]);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    for (const page of ['series/deep-dive', 'topics/storage-engines', 'uses', 'posts/part-one'])
      expect(existsSync(path.join(site, 'dist', page, 'index.html')), page).toBe(true);
  });

  test('a post for a series that does not exist is refused, with the known ones', async () => {
    const before = await readdir(path.join(site, 'content/posts'));
    const r = await run(['new', 'post', 'Part two', '--series', 'deep-div', '--root', site]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'There is no series "deep-div". Did you mean "deep-dive"? Known series: deep-dive, deep-dive-2, getting-started. Create it first: colophon new series "Title"\n',
    );
    expect(r.stderr).toContain(
      'Usage: colophon new post "Title" [--series SLUG] [--topics a,b] [--slug SLUG] [--root DIR]',
    );
    expect(await readdir(path.join(site, 'content/posts'))).toEqual(before);
  });

  test('an unknown series with no close name says how to create it', async () => {
    const r = await run(['new', 'post', 'X', '--series', 'zzz', '--root', site]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'There is no series "zzz". Known series: deep-dive, deep-dive-2, getting-started. Create it first: colophon new series "Title" --slug zzz',
    );
  });

  test('an explicit --slug that is taken is refused', async () => {
    const r = await run(['new', 'page', 'Uses again', '--slug', 'uses', '--root', site]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'content/pages/uses already exists. Choose another --slug, or leave it out to get the next free one.',
    );
  });

  test('each kind has its own help and usage', async () => {
    const help = await run(['new', 'series', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^colophon new series "Title" \[--planned N\]/);
    const page = await run(['new', 'page', '--root', site]);
    expect(page.code).toBe(2);
    expect(page.stderr).toBe(
      'colophon new page needs a title.\nUsage: colophon new page "Title" [--slug SLUG] [--root DIR]\nRun "colophon new page --help" for every option.\n',
    );
    const overview = await run(['new', '--help']);
    expect(overview.stdout).toContain('colophon new author "Name"    content/authors/<id>.md');
  });

  test('an unknown kind gets a "did you mean"', async () => {
    const r = await run(['new', 'serie', 'X', '--root', site]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'Unknown kind "serie". Did you mean "series"? colophon new makes a post, series, topic, page or author.',
    );
  });
});
