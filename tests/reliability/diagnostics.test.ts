/**
 * Promise 3, every mistake is reported where it is — the hostile and limit cases (the ordinary
 * invalid sites are tests/build/invalid.test.ts): oversize front matter, YAML alias bombs and
 * deep nesting, a 5 MB post, binary and mis-encoded files, all errors of a phase together,
 * `--strict`, per-rule severities from the config, and exit code 1 from the CLI.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  build,
  cleanupAll,
  errorsOf,
  hashTree,
  HOSTILE,
  leftovers,
  makeProject,
  post,
  cliInProcess,
  timed,
  warningsOf,
  where,
} from './helpers.js';

afterAll(cleanupAll);

const good = { 'content/posts/good.md': post({ title: 'Good', date: '2024-01-01' }) };
const input = (name: string) => readFile(path.join(HOSTILE, 'inputs', name));

describe('limits and hostile files: one error each, at the file and line', () => {
  const cases: [string, () => Promise<string | Uint8Array>, string[]][] = [
    [
      'front matter over 64 KB',
      async () =>
        `---\ntitle: T\ndate: 2024-01-01\ndescription: "${'x'.repeat(70_000)}"\n---\nbody\n`,
      ['front-matter/too-large content/posts/h.md:1:1'],
    ],
    [
      'a YAML alias bomb (billion laughs)',
      () => input('alias-bomb.md'),
      ['front-matter/invalid-yaml content/posts/h.md:2:1'],
    ],
    [
      'YAML nested 10,000 levels deep',
      async () =>
        `---\ntitle: T\ndate: 2024-01-01\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n`,
      ['front-matter/invalid-yaml content/posts/h.md:4:'],
    ],
    [
      'TOML nested 10,000 levels deep',
      async () =>
        `+++\ntitle = "T"\ndate = 2024-01-01\nx = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n+++\n`,
      ['front-matter/invalid-toml content/posts/h.md:4:'],
    ],
    [
      'a 5 MB post',
      async () =>
        post({ title: 'Big', date: '2024-01-01' }, 'Lorem ipsum dolor sit amet. '.repeat(190_000)),
      ['content/too-large content/posts/h.md:1:1'],
    ],
    [
      'a binary file named .md (a PNG)',
      () => input('binary.md'),
      ['content/binary-file content/posts/h.md:1:1'],
    ],
    [
      'a NUL byte in text',
      async () => post({ title: 'T', date: '2024-01-01' }, 'before\u0000after'),
      ['content/binary-file content/posts/h.md:1:1'],
    ],
    [
      'invalid UTF-8 on line 6, column 4',
      () => input('invalid-utf8.md'),
      ['content/invalid-utf8 content/posts/h.md:6:4'],
    ],
    [
      'front matter that is a list',
      async () => '---\n- a\n- b\n---\nbody\n',
      ['front-matter/not-a-map content/posts/h.md:2:1'],
    ],
    [
      'front matter never closed',
      async () => `---\ntitle: T\n${'x: y\n'.repeat(10)}`,
      ['front-matter/unclosed content/posts/h.md:1:1'],
    ],
  ];
  it.each(cases)('%s', async (_name, content, expected) => {
    const p = await makeProject({ ...good, 'content/posts/h.md': await content() });
    const { value: r, ms } = await timed(() => build(p.root));
    expect(r.ok).toBe(false);
    const got = errorsOf(r.diagnostics).map(where);
    expect(got.length).toBe(expected.length);
    got.forEach((g, i) => expect(g.startsWith(expected[i]!), `${g} vs ${expected[i]}`).toBe(true));
    // Refused before any real work: fast even on a loaded machine.
    expect(ms).toBeLessThan(20_000);
    expect(await leftovers(p.out)).toEqual([]);
  });
});

describe('all errors of a phase are reported together, in file order', () => {
  it('five broken files, one build, five errors', async () => {
    const p = await makeProject({
      ...good,
      'content/posts/a.md': post({ date: '2024-01-01' }),
      'content/posts/b.md': post({ title: 'B', date: '2024-02-30' }),
      'content/posts/c.md': await input('binary.md'),
      'content/posts/d.md': post({ title: 'D', date: '2024-01-01', descripton: 'red' }),
      'content/pages/e.md': '---\ntitle: [unclosed\n---\n',
    });
    const r = await build(p.root);
    expect(errorsOf(r.diagnostics).map(where)).toEqual([
      'front-matter/invalid-yaml content/pages/e.md:2:17',
      'front-matter/missing-key content/posts/a.md:2:1',
      'front-matter/invalid-date content/posts/b.md:3:7',
      'content/binary-file content/posts/c.md:1:1',
      'front-matter/unknown-key content/posts/d.md:4:1',
    ]);
  });
});

describe('--strict and per-rule severities', () => {
  const warned = {
    ...good,
    // Unknown code language: a warning (the block is shown as plain text).
    'content/posts/w.md': post(
      { title: 'W', date: '2024-01-02' },
      'Text.\n\n```nosuchlang\ncode\n```',
    ),
  };

  it('a warning alone does not fail the build', async () => {
    const p = await makeProject(warned);
    const r = await build(p.root);
    expect(r.ok).toBe(true);
    expect(warningsOf(r.diagnostics).map(where)).toEqual([
      'markdown/unknown-language content/posts/w.md:8:1',
    ]);
  });

  it('--strict makes it fail, and leaves the previous output alone', async () => {
    const p = await makeProject(good);
    expect((await build(p.root)).ok).toBe(true);
    const before = await hashTree(p.out);
    const { 'content/posts/w.md': w } = warned;
    await (await import('./helpers.js')).writeFiles(p.root, { 'content/posts/w.md': w });
    const r = await build(p.root, { strict: true });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map(where)).toEqual(['markdown/unknown-language content/posts/w.md:8:1']);
    expect(await hashTree(p.out)).toBe(before);
  });

  it.each([
    ['error', false, ['error markdown/unknown-language content/posts/w.md:8:1']],
    ['warning', true, ['warning markdown/unknown-language content/posts/w.md:8:1']],
    ['off', true, []],
  ] as const)('rules: { "markdown/unknown-language": "%s" }', async (setting, ok, expected) => {
    const p = await makeProject(warned, { rules: { 'markdown/unknown-language': setting } });
    const r = await build(p.root);
    expect(r.ok).toBe(ok);
    expect(r.diagnostics.map((d) => `${d.severity} ${where(d)}`)).toEqual(expected);
  });

  it('rules apply to content-stage warnings too: a symlink leaving the project as an error', async () => {
    const p = await makeProject(
      { ...good, 'content/posts/s.md': { symlink: '/etc/hostname' } },
      { rules: { 'content/symlink-outside': 'error' } },
    );
    const r = await build(p.root);
    expect(r.ok).toBe(false);
    expect(errorsOf(r.diagnostics).map(where)).toEqual([
      'content/symlink-outside content/posts/s.md:1:1',
    ]);
  });

  it('an invalid severity in the config is itself reported at the key', async () => {
    const p = await makeProject(good, { rules: { 'markdown/unknown-language': 'fatal' } });
    const r = await build(p.root);
    expect(r.ok).toBe(false);
    expect(errorsOf(r.diagnostics).map((d) => `${d.rule} ${d.span?.file}`)).toEqual([
      'config/invalid-value colophon.config.ts',
    ]);
  });
});

describe('the CLI: positions, rule ids and exit codes', () => {
  it('exit code 1 and "path:line:column error [rule]" for a content error', async () => {
    const p = await makeProject({ ...good, 'content/posts/h.md': await input('invalid-utf8.md') });
    const r = await cliInProcess(['build', '--root', p.root, '--no-cache']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('content/posts/h.md:6:4 error [content/invalid-utf8]');
    expect(r.stderr).not.toContain('bug in Colophon');
  });

  it('exit code 0 with a warning, 1 with --strict', async () => {
    const p = await makeProject({
      ...good,
      'content/posts/w.md': post({ title: 'W', date: '2024-01-02' }, '```nosuchlang\ncode\n```'),
    });
    const plain = await cliInProcess(['build', '--root', p.root, '--no-cache']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout + plain.stderr).toContain('warning [markdown/unknown-language]');
    const strict = await cliInProcess(['build', '--root', p.root, '--no-cache', '--strict']);
    expect(strict.code).toBe(1);
  });
});
