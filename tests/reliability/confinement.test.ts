/**
 * Promise 6, confined to the project (the build side; tests/dev covers the server):
 * - symlinks in content/ or public/ that lead outside the project are not followed: a warning
 *   with its rule, and the file's bytes appear nowhere in the output;
 * - slugs, aliases, file names, topic names and permalink patterns cannot put a file outside the
 *   output folder (`..`, encoded forms, absolute paths, backslashes) or give it a name Windows
 *   cannot store: an error at the key (or file), exit code 1, and nothing written anywhere.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  build,
  cleanupAll,
  errorsOf,
  hashTree,
  leftovers,
  listTree,
  makeProject,
  post,
  cliInProcess,
  tempDir,
  timed,
  warningsOf,
  where,
  writeFiles,
  type FileSpec,
} from './helpers.js';

afterAll(cleanupAll);

const SECRET = 'TOP-SECRET-8c1f0e';
const ok = { 'content/posts/ok.md': post({ title: 'Fine', date: '2024-01-01' }) };

/** Files outside any project: what a symlink might point at. */
async function outside(): Promise<string> {
  const dir = await tempDir('colophon-outside-');
  await writeFiles(dir, {
    'secret.txt': `${SECRET}\n`,
    'secret.md': post({ title: `Secret ${SECRET}`, date: '2024-01-02' }, SECRET),
    'posts/leak.md': post({ title: `Leak ${SECRET}`, date: '2024-01-03' }, SECRET),
    'posts/cover.png': SECRET,
  });
  return dir;
}

/** Every output file's bytes contain no trace of the secret. */
async function expectNoSecret(out: string) {
  for (const rel of await listTree(out)) {
    const text = (await readFile(path.join(out, rel))).toString('latin1');
    expect(text.includes(SECRET), `${rel} contains the secret`).toBe(false);
  }
}

describe('symlinks leaving the project are not followed', () => {
  const cases: [string, (o: string, root: string) => Record<string, FileSpec>, string, string][] = [
    [
      'a post file',
      (o) => ({ 'content/posts/s.md': { symlink: `${o}/secret.md` } }),
      'content/symlink-outside',
      'content/posts/s.md',
    ],
    [
      'a folder inside content/posts',
      (o) => ({ 'content/posts/sub': { symlink: `${o}/posts` } }),
      'content/symlink-outside',
      'content/posts/sub',
    ],
    [
      'content/posts itself',
      (o) => ({ 'content/posts': { symlink: `${o}/posts` } }),
      'content/symlink-outside',
      'content/posts',
    ],
    [
      'a page-bundle file',
      (o) => ({
        'content/posts/b/index.md': post({ title: 'B', date: '2024-01-05' }),
        'content/posts/b/secret.txt': { symlink: `${o}/secret.txt` },
      }),
      'content/symlink-outside',
      'content/posts/b/secret.txt',
    ],
    [
      'a relative link climbing out of public/',
      (o, root) => ({
        'public/s.txt': {
          symlink: path.relative(path.join(root, 'public'), path.join(o, 'secret.txt')),
        },
      }),
      'public/symlink-outside',
      'public/s.txt',
    ],
    [
      'a public file',
      (o) => ({ 'public/s.txt': { symlink: `${o}/secret.txt` } }),
      'public/symlink-outside',
      'public/s.txt',
    ],
    [
      'a folder inside public/',
      (o) => ({ 'public/sub': { symlink: o } }),
      'public/symlink-outside',
      'public/sub',
    ],
  ];
  it.each(cases)('%s', async (_name, files, rule, file) => {
    const o = await outside();
    // The good file is a page, so that content/posts itself can be one of the symlinks.
    const p = await makeProject({ 'content/pages/ok.md': post({ title: 'Fine' }) });
    await writeFiles(p.root, files(o, p.root));
    const r = await build(p.root);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.ok).toBe(true);
    const warned = warningsOf(r.diagnostics).filter((d) => d.rule === rule);
    expect(warned.length, JSON.stringify(r.diagnostics)).toBeGreaterThan(0);
    if (file) expect(warned.map(where)).toContain(`${rule} ${file}:1:1`);
    await expectNoSecret(p.out);
  });

  it('symlinks that stay inside the project are followed', async () => {
    const p = await makeProject({
      ...ok,
      'shared/note.md': post({ title: 'Shared', date: '2024-02-01' }),
      'content/posts/shared.md': { symlink: '../../shared/note.md' },
    });
    const r = await build(p.root);
    expect(r.diagnostics).toEqual([]);
    expect(await listTree(p.out)).toContain('posts/shared/index.html');
  });

  // content/ and public/ themselves: docs/reliability.md promises "symlinks in content/ or public/".
  it('content/ itself linked outside the project is not followed', async () => {
    const o = await outside();
    const p = await makeProject({ content: { symlink: o } });
    const r = await build(p.root);
    expect(r.diagnostics.map(where)).toContain('content/symlink-outside content:1:1');
    await expectNoSecret(p.out);
  });

  // public/ itself: assets.ts realpathed public/ first and then accepted anything inside that real
  // folder, so a repository with `public -> /home/me/.ssh` published the keys.
  it('public/ itself linked outside the project is not copied', async () => {
    const o = await outside();
    const p = await makeProject({ ...ok, public: { symlink: o } });
    const r = await build(p.root);
    expect(warningsOf(r.diagnostics).map(where)).toContain('public/symlink-outside public:1:1');
    await expectNoSecret(p.out);
  });

  it('a symlink cycle in public/ is copied once, with a warning, not followed endlessly', async () => {
    const p = await makeProject({
      ...ok,
      'public/css/site.css': 'body{}',
      'public/loop': { symlink: '.' },
      'public/css/up': { symlink: '..' },
    });
    const { value: r, ms } = await timed(() => build(p.root));
    expect(ms).toBeLessThan(20_000);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(warningsOf(r.diagnostics).map(where)).toEqual([
      'public/symlink-cycle public/css/up:1:1',
      'public/symlink-cycle public/loop:1:1',
    ]);
    const files = await listTree(p.out);
    expect(files).toContain('css/site.css');
    expect(files.filter((f) => f.includes('loop/') || f.includes('up/'))).toEqual([]);
  });
});

describe('symlink cycles in content/', () => {
  // discover.ts followed `content/posts/loop -> .` until the OS refused (ELOOP), reading the same
  // posts forty times over: forty duplicate-URL errors for one harmless link.
  it('a link back to a containing folder is skipped with a warning, posts read once', async () => {
    const p = await makeProject({
      ...ok,
      'content/posts/bundle/index.md': post({ title: 'B', date: '2024-01-02' }),
      'content/posts/loop': { symlink: '.' },
      'content/posts/bundle/up': { symlink: '..' },
    });
    const { value: r, ms } = await timed(() => build(p.root));
    expect(ms).toBeLessThan(20_000);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(warningsOf(r.diagnostics).map(where)).toEqual([
      'content/symlink-cycle content/posts/bundle/up:1:1',
      'content/symlink-cycle content/posts/loop:1:1',
    ]);
    expect(r.ok).toBe(true);
  });
});

describe('nothing can be written outside the output folder, or under a name Windows cannot store', () => {
  // [name, files, expected errors as "rule file:line:col"]
  const date = '2024-01-01';
  const cases: [string, Record<string, FileSpec>, string[]][] = [
    [
      'slug: ../x',
      { 'content/posts/a.md': post({ title: 'A', date, slug: '../x' }) },
      ['front-matter/invalid-value content/posts/a.md:4:7'],
    ],
    [
      'slug: %2e%2e',
      { 'content/posts/a.md': post({ title: 'A', date, slug: '%2e%2e' }) },
      ['front-matter/invalid-value content/posts/a.md:4:7'],
    ],
    [
      'slug: /etc/passwd (absolute)',
      { 'content/posts/a.md': post({ title: 'A', date, slug: '/etc/passwd' }) },
      ['front-matter/invalid-value content/posts/a.md:4:7'],
    ],
    [
      'slug: a\\b (backslash)',
      { 'content/posts/a.md': post({ title: 'A', date, slug: 'a\\..\\..\\b' }) },
      ['front-matter/invalid-value content/posts/a.md:4:7'],
    ],
    [
      'slug: con (reserved)',
      { 'content/posts/a.md': post({ title: 'A', date, slug: 'con' }) },
      ['front-matter/invalid-value content/posts/a.md:4:7'],
    ],
    [
      'slug: nul.txt (reserved with an extension)',
      { 'content/pages/a.md': post({ title: 'A', slug: 'nul.txt' }) },
      ['front-matter/invalid-value content/pages/a.md:3:7'],
    ],
    [
      'aliases: /../../x/',
      { 'content/posts/a.md': post({ title: 'A', date, aliases: ['/../../x/'] }) },
      ['front-matter/invalid-value content/posts/a.md:4:11'],
    ],
    [
      'aliases: /%2e%2e/%2e%2e/x/ (encoded)',
      { 'content/posts/a.md': post({ title: 'A', date, aliases: ['/%2e%2e/%2e%2e/x/'] }) },
      ['front-matter/invalid-value content/posts/a.md:4:11'],
    ],
    [
      'aliases: //evil.example/x/',
      { 'content/posts/a.md': post({ title: 'A', date, aliases: ['//evil.example/x/'] }) },
      ['front-matter/invalid-value content/posts/a.md:4:11'],
    ],
    [
      'aliases: C:/x/ (drive)',
      { 'content/posts/a.md': post({ title: 'A', date, aliases: ['C:/x/'] }) },
      ['front-matter/invalid-value content/posts/a.md:4:11'],
    ],
    [
      'aliases: /a\\..\\b/ (backslashes)',
      { 'content/posts/a.md': post({ title: 'A', date, aliases: ['/a\\..\\b/'] }) },
      ['front-matter/invalid-value content/posts/a.md:4:11'],
    ],
    [
      'aliases: /con/ (reserved)',
      { 'content/posts/a.md': post({ title: 'A', date, aliases: ['/con/'] }) },
      ['front-matter/invalid-value content/posts/a.md:4:11'],
    ],
    [
      'aliases: /x/aux.html (reserved with an extension)',
      { 'content/posts/a.md': post({ title: 'A', date, aliases: ['/x/aux.html'] }) },
      ['front-matter/invalid-value content/posts/a.md:4:11'],
    ],
    [
      'aliases: /a:b/ (a colon)',
      { 'content/posts/a.md': post({ title: 'A', date, aliases: ['/a:b/'] }) },
      ['front-matter/invalid-value content/posts/a.md:4:11'],
    ],
    [
      'aliases: /a%zz/ (malformed escape)',
      { 'content/posts/a.md': post({ title: 'A', date, aliases: ['/a%zz/'] }) },
      ['front-matter/invalid-value content/posts/a.md:4:11'],
    ],
    [
      'aliases: a NUL byte in an escape',
      { 'content/posts/a.md': post({ title: 'A', date, aliases: ['/a%00b/'] }) },
      ['front-matter/invalid-value content/posts/a.md:4:11'],
    ],
    [
      'a post file named CON.md',
      { 'content/posts/CON.md': post({ title: 'A', date }) },
      ['content/unsafe-file-name content/posts/CON.md:1:1'],
    ],
    [
      'a page file named nul.txt.md',
      { 'content/pages/nul.txt.md': post({ title: 'A' }) },
      ['content/unsafe-file-name content/pages/nul.txt.md:1:1'],
    ],
    [
      'a series file named com1.md',
      { 'content/series/com1.md': post({ title: 'S' }) },
      ['content/unsafe-file-name content/series/com1.md:1:1'],
    ],
    [
      'a topic file named aux.md',
      { 'content/topics/aux.md': post({ title: 'T' }) },
      ['content/unsafe-file-name content/topics/aux.md:1:1'],
    ],
    [
      'a topic named "CON" in a post',
      { 'content/posts/a.md': post({ title: 'A', date, topics: ['ok', 'CON'] }) },
      ['front-matter/invalid-value content/posts/a.md:4:15'],
    ],
    [
      'a bundle file named con.png',
      { 'content/posts/b/index.md': post({ title: 'B', date }), 'content/posts/b/con.png': 'x' },
      ['content/unsafe-file-name content/posts/b/con.png:1:1'],
    ],
    [
      'a bundle file named a:b.png',
      { 'content/posts/b/index.md': post({ title: 'B', date }), 'content/posts/b/a:b.png': 'x' },
      ['content/unsafe-file-name content/posts/b/a:b.png:1:1'],
    ],
  ];
  it.each(cases)('%s', async (_name, files, expected) => {
    const p = await makeProject({ ...ok, ...files });
    const outside = await hashTree(p.tmp).then(() => listTree(p.tmp));
    const r = await build(p.root);
    expect(r.ok).toBe(false);
    // One key may break several rules (an alias that is neither a site path nor safe): one place.
    expect([...new Set(errorsOf(r.diagnostics).map(where))]).toEqual(expected);
    // Nothing written: no output folder, nothing new anywhere in the temp folder.
    expect(await listTree(p.tmp)).toEqual(outside);
    expect(await leftovers(p.out)).toEqual([]);
  });

  it('a double-encoded alias (/%252e%252e/x/) stays a literal folder inside the output', async () => {
    const p = await makeProject({
      'content/posts/a.md': post({ title: 'A', date, aliases: ['/%252e%252e/x/'] }),
    });
    const before = (await listTree(p.tmp)).filter((f) => !f.startsWith('site/dist/'));
    const r = await build(p.root);
    expect(r.diagnostics).toEqual([]);
    expect(await listTree(p.out)).toContain('%2e%2e/x/index.html');
    expect((await listTree(p.tmp)).filter((f) => !f.startsWith('site/dist/'))).toEqual(before);
  });

  it('topic names that only look dangerous become safe single-segment ids', async () => {
    const p = await makeProject({
      'content/posts/a.md': post({
        title: 'A',
        date,
        topics: ['../../x', '%2e%2e', 'a\\b', '<script>', '/etc/passwd'],
      }),
    });
    const r = await build(p.root);
    expect(r.diagnostics).toEqual([]);
    const folders = [
      ...new Set(
        (await listTree(p.out))
          .filter((f) => /^topics\/[^/]+\//.test(f))
          .map((f) => f.split('/')[1]!),
      ),
    ];
    expect(folders.length).toBeGreaterThanOrEqual(4);
    for (const f of folders) expect(f).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}-]*$/u);
  });

  it('a public file the writer refuses (a reserved name) is an error, not a crash', async () => {
    const p = await makeProject({ ...ok, 'public/aux.css': 'x' });
    const r = await build(p.root);
    expect(r.ok).toBe(false);
    expect(errorsOf(r.diagnostics).map((d) => d.rule)).toEqual(['output/unsafe-path']);
    expect(r.diagnostics[0]!.message).toContain('aux.css');
    expect(await leftovers(p.out)).toEqual([]);
  });

  it('the CLI reports an unsafe slug with exit code 1 (not a crash)', async () => {
    const p = await makeProject({ ...ok, 'content/posts/CON.md': post({ title: 'A', date }) });
    const r = await cliInProcess(['build', '--root', p.root, '--no-cache']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr + r.stdout).toContain('content/posts/CON.md:1:1');
    expect(r.stderr).not.toContain('bug in Colophon');
  });

  const patterns = [['/../:slug/'], ['/./:slug/'], ['/con/:slug/'], ['/posts/aux/:slug/']];

  it.each(patterns)(
    'permalinks.post: %s writes nothing outside the output folder',
    async (pattern) => {
      const p = await makeProject(ok, { permalinks: { post: pattern } });
      const before = await listTree(p.tmp);
      const r = await build(p.root);
      expect(r.ok).toBe(false);
      expect(errorsOf(r.diagnostics).length).toBe(1);
      expect(await listTree(p.tmp)).toEqual(before);
      expect(await leftovers(p.out)).toEqual([]);
    },
  );

  // The writer refuses such paths too (above), but as a positionless output/unsafe-path error:
  // the config schema refuses them first, at the key in colophon.config.ts.
  it.each(patterns)(
    'permalinks.post: %s is refused at the key in colophon.config.ts',
    async (pattern) => {
      const p = await makeProject(ok, { permalinks: { post: pattern } });
      const r = await build(p.root);
      const errors = errorsOf(r.diagnostics);
      expect(errors.map((d) => d.rule)).toEqual(['config/invalid-value']);
      expect(errors[0]!.span?.file).toBe('colophon.config.ts');
    },
  );
});
