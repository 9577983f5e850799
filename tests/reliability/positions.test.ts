/**
 * Errors that used to come without a position or as a crash: two writers of one output file
 * (an alias over a feed), a file system refusing a write (no path was named), a file name so long
 * that a temporary name built from it could not exist, and names in front matter too long to be
 * a file name. Each is reported at the file and line that caused it, with what to do.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/dev/serve.js';
import { get } from '../dev/http.js';
import {
  BIN,
  build,
  cleanupAll,
  errorsOf,
  hashTree,
  leftovers,
  makeProject,
  post,
  runCli,
  where,
  writeFiles,
} from './helpers.js';

afterAll(cleanupAll);

const one = { 'content/posts/one.md': post({ title: 'One', date: '2024-01-01' }) };

describe('two writers of one output file', () => {
  it('an alias over the site feed names the alias’s file and line, and the feed', async () => {
    const p = await makeProject({
      ...one,
      'content/posts/a.md':
        '---\ntitle: A\ndate: 2024-01-02\naliases:\n  - /old/\n  - /rss.xml\n---\n\nHi.\n',
    });
    const r = await build(p.root);
    expect(errorsOf(r.diagnostics).map((d) => `${where(d)} ${d.message}`)).toEqual([
      'output/collision content/posts/a.md:6:5 Two things write rss.xml: the redirect of the alias "/rss.xml" in content/posts/a.md and the RSS feed of the site. Remove the alias, or give it another path.',
    ]);
  });

  it('an alias over a topic feed names the topic', async () => {
    const p = await makeProject({
      'content/posts/a.md':
        '---\ntitle: A\ndate: 2024-01-02\ntopics: [go]\naliases:\n  - /topics/go/rss.xml\n---\n\nHi.\n',
    });
    const r = await build(p.root);
    expect(errorsOf(r.diagnostics).map((d) => `${where(d)} ${d.message}`)).toEqual([
      'output/collision content/posts/a.md:6:5 Two things write topics/go/rss.xml: the redirect of the alias "/topics/go/rss.xml" in content/posts/a.md and the RSS feed of the topic "go". Remove the alias, or give it another path.',
    ]);
  });

  it('a public/ file over a post page names both files', async () => {
    const p = await makeProject({ ...one, 'public/posts/one/index.html': 'x' });
    const r = await build(p.root);
    expect(errorsOf(r.diagnostics).map((d) => `${where(d)} ${d.message}`)).toEqual([
      'output/collision content/posts/one.md:1:1 Two things write posts/one/index.html: the page of content/posts/one.md and public/posts/one/index.html. Rename one of them.',
    ]);
  });
});

describe('a write the file system refuses names the path and what to do', () => {
  it('EFBIG from write(2), which carries no path: the file, the reason and the fix', async () => {
    const p = await makeProject(one);
    expect((await build(p.root)).ok).toBe(true);
    const before = await hashTree(p.out);
    await writeFiles(p.root, {
      'content/posts/two.md': post({ title: 'Two', date: '2024-02-01' }),
    });
    // A 1 KB file-size limit, SIGXFSZ ignored: write(2) fails with EFBIG, as with a full disk.
    const child = spawn(
      'bash',
      ['-c', `trap '' XFSZ; ulimit -f 1; exec "${process.execPath}" "${BIN}" build --no-cache`],
      { cwd: p.root, env: { ...process.env, NO_COLOR: '1' } },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error \[output\/io-error\] The build stopped on a file-system error \(EFBIG: the file is larger than this process may write\) in write .*\/\.dist\.colophon-tmp-\d+-[0-9a-f]+\/\S+\. dist was left as it was\. Raise the file size limit \(ulimit -f\), then build again\.$/m,
    );
    expect(await hashTree(p.out)).toBe(before);
    expect(await leftovers(p.out)).toEqual([]);
  }, 60_000);
  it('ENOSPC on a really full disk: the file, the reason and the fix; the output as it was', async (ctx) => {
    const p = await makeProject(one);
    // The output on a small disk of its own (a tmpfs: needs root, or the test is skipped).
    const disk = path.join(p.tmp, 'disk');
    await mkdir(disk);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', disk], { stdio: 'ignore' });
    } catch {
      ctx.skip();
    }
    try {
      const out = path.join(disk, 'dist');
      const args = ['build', '--root', p.root, '--out', out, '--no-cache'];
      const first = await runCli(args, { env: { NO_COLOR: '1' } });
      expect(first.code, first.stderr).toBe(0);
      const before = await hashTree(out);
      // A 3 MB file in public/ (published as is): it cannot fit in what is left.
      await writeFiles(p.root, { 'public/big.bin': new Uint8Array(3 * 1024 * 1024).fill(7) });
      const r = await runCli(args, { env: { NO_COLOR: '1' } });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^error \[output\/io-error\] The build stopped on a file-system error \(ENOSPC: no space left on the device\) in copyfile \S+\/site\/public\/big\.bin to \S+\/disk\/\.dist\.colophon-tmp-\d+-[0-9a-f]+\/\S+\. dist was left as it was\. Free some space on the disk that holds it, then build again\.$/m,
      );
      expect(await hashTree(out)).toBe(before);
      expect(await leftovers(out)).toEqual([]);
    } finally {
      execFileSync('umount', ['-l', disk]);
    }
  }, 60_000);
});

describe('long file names', () => {
  const long = 'n'.repeat(251) + '.txt'; // 255 bytes: the most a file name may have
  it('a 255-byte bundle file is published by build and served by serve', async () => {
    const p = await makeProject({
      'content/posts/b/index.md': post({ title: 'B', date: '2024-01-01' }),
      [`content/posts/b/${long}`]: 'hello\n',
    });
    const r = await build(p.root);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    const s = await startServer({
      root: p.root,
      host: '127.0.0.1',
      port: 0,
      drafts: false,
      future: false,
    });
    try {
      const res = await get(s.port, `/posts/b/${long}`);
      expect(res.status).toBe(200);
      expect(res.body).toBe('hello\n');
    } finally {
      await s.close();
    }
  }, 60_000);

  it('a slug, alias or topic too long for a file name: an error at its line', async () => {
    const p = await makeProject({
      'content/posts/a.md': `---\ntitle: A\ndate: 2024-01-01\nslug: ${'s'.repeat(230)}\n---\n`,
      'content/posts/b.md': `---\ntitle: B\ndate: 2024-01-01\naliases: ["/${'é'.repeat(120)}/"]\n---\n`,
      'content/posts/c.md': `---\ntitle: C\ndate: 2024-01-01\ntopics: ["${'漢'.repeat(70)}"]\n---\n`,
    });
    const r = await build(p.root);
    expect(errorsOf(r.diagnostics).map((d) => `${where(d)} ${d.message}`)).toEqual([
      'front-matter/invalid-value content/posts/a.md:4:7 Invalid value for "slug": a slug is at most 200 bytes long (this one has 230): a longer name cannot be a file name on every system.',
      'front-matter/invalid-value content/posts/b.md:4:11 Invalid value for "aliases.0": each part of an alias is at most 200 bytes long (one has 240): a longer name cannot be a file name on every system.',
      'front-matter/invalid-value content/posts/c.md:4:10 Invalid value for "topics.0": a topic name gives a URL name of at most 200 bytes (this one gives 210): a longer name cannot be a file name on every system.',
    ]);
  });
});
