import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  lineRuns,
  parseIncludeAttributes,
  parseLineRanges,
  regionMarker,
  selectInclude,
} from '../../src/markdown/plugins/include-select.js';
import {
  createIncludeReader,
  MAX_INCLUDE_BYTES,
  resolveIncludePath,
} from '../../src/pipeline/markdown/includes.js';

describe('fence attributes', () => {
  test('file, lines and region with their offsets; other words ignored; first one wins', () => {
    expect(
      parseIncludeAttributes(`rust title="x" file="./a b.rs" lines='3-4' region=main file="other"`),
    ).toEqual({
      file: { value: './a b.rs', index: 15 },
      lines: { value: '3-4', index: 31 },
      region: { value: 'main', index: 43 },
    });
    expect(parseIncludeAttributes('rust myfile="x"')).toEqual({});
  });
});

describe('line ranges', () => {
  test.each([
    ['10-24', [[10, 24]]],
    ['7', [[7, 7]]],
    ['3-', [[3, null]]],
    [
      ' 1-2 , 5 ',
      [
        [1, 2],
        [5, 5],
      ],
    ],
  ])('%j', (text, ranges) => expect(parseLineRanges(text)).toEqual(ranges));

  test.each(['', '0-3', '5-2', 'a', '1-2-3', '-4'])(
    '%j is an error that shows the syntax',
    (text) => {
      expect(parseLineRanges(text)).toMatch(
        /^lines=".*" is not a line range\. Write lines="10-24"/,
      );
    },
  );
});

describe('region markers in any comment style', () => {
  test.each([
    ['// #region append', false, 'append'],
    ['    # #region setup', false, 'setup'],
    ['-- #region q', false, 'q'],
    ['<!-- #region page -->', false, 'page'],
    ['/* #region len */', false, 'len'],
    ['#region Main', false, 'Main'],
    ['// #endregion append', true, 'append'],
    ['// #endregion', true, undefined],
  ])('%j', (line, end, name) => expect(regionMarker(line)).toEqual({ end, name }));

  test.each(['let region = 1;', 'x = "#region a"', '// see #region docs'])(
    'not a marker: %j',
    (line) => {
      expect(regionMarker(line)).toBeNull();
    },
  );
});

describe('selectInclude', () => {
  const text = [
    'fn a() {}',
    '',
    'mod m {',
    '    // #region r',
    '    fn b() {',
    '        // #region inner',
    '        1',
    '        // #endregion inner',
    '    }',
    '    // #endregion r',
    '}',
    '',
  ].join('\n');

  test('whole file: marker lines dropped, trailing blank lines trimmed; each line keeps its number in the file', () => {
    expect(selectInclude(text, 'x.rs', {})).toEqual({
      ok: true,
      code: 'fn a() {}\n\nmod m {\n    fn b() {\n        1\n    }\n}',
      lines: [1, 2, 3, 5, 7, 9, 11],
    });
  });

  test('a region, dedented, nested markers dropped', () => {
    expect(selectInclude(text, 'x.rs', { region: 'r' })).toEqual({
      ok: true,
      code: 'fn b() {\n    1\n}',
      lines: [5, 7, 9],
    });
    expect(selectInclude(text, 'x.rs', { region: 'inner' })).toEqual({
      ok: true,
      code: '1',
      lines: [7],
    });
  });

  test('line ranges are 1-based and inclusive over the file as written; lists concatenate', () => {
    expect(selectInclude(text, 'x.rs', { lines: '1' })).toEqual({
      ok: true,
      code: 'fn a() {}',
      lines: [1],
    });
    expect(selectInclude(text, 'x.rs', { lines: '5-9' })).toEqual({
      ok: true,
      code: 'fn b() {\n    1\n}',
      lines: [5, 7, 9],
    });
    expect(selectInclude(text, 'x.rs', { lines: '1,11' })).toEqual({
      ok: true,
      code: 'fn a() {}\n}',
      lines: [1, 11],
    });
    expect(selectInclude(text, 'x.rs', { lines: '11-' })).toEqual({
      ok: true,
      code: '}',
      lines: [11],
    });
    // Blank lines trimmed at the start move the first number.
    expect(selectInclude(text, 'x.rs', { lines: '2-3' })).toEqual({
      ok: true,
      code: 'mod m {',
      lines: [3],
    });
  });

  test('a region that appears twice is shown as one piece', () => {
    const twice = '// #region x\na\n// #endregion x\nb\n// #region x\nc\n// #endregion x\n';
    expect(selectInclude(twice, 't', { region: 'x' })).toEqual({
      ok: true,
      code: 'a\nc',
      lines: [2, 6],
    });
  });

  test('line numbers as runs for the highlighter; none when they are just 1, 2, 3, …', () => {
    expect(lineRuns([10, 11, 12, 20, 21])).toEqual([
      [10, 3],
      [20, 2],
    ]);
    expect(lineRuns([5, 7, 9])).toEqual([
      [5, 1],
      [7, 1],
      [9, 1],
    ]);
    expect(lineRuns([1, 2, 3])).toBeUndefined();
    expect(lineRuns([])).toBeUndefined();
  });

  test('errors: past the end, unknown region, unclosed region, both lines and region', () => {
    expect(selectInclude(text, 'x.rs', { lines: '10-12' })).toMatchObject({
      ok: false,
      rule: 'include/bad-range',
      attribute: 'lines',
      message: expect.stringContaining('x.rs, which has 11 lines'),
    });
    expect(selectInclude(text, 'x.rs', { lines: '12' })).toMatchObject({
      ok: false,
      rule: 'include/bad-range',
    });
    expect(selectInclude(text, 'x.rs', { region: 'nope' })).toEqual({
      ok: false,
      rule: 'include/unknown-region',
      attribute: 'region',
      message:
        'x.rs has no region "nope". Regions in that file: "r", "inner". Mark the code with "#region nope" and "#endregion nope" comments (// #region nope, # #region nope, ...) or fix the name.',
    });
    expect(selectInclude('a\n// #region open\nb\n', 'o.rs', { region: 'open' })).toEqual({
      ok: false,
      rule: 'include/unclosed-region',
      attribute: 'region',
      message:
        'Region "open" starts at line 2 of o.rs but never ends. Add a "#endregion open" comment where it should stop.',
    });
    expect(selectInclude(text, 'x.rs', { lines: '1', region: 'r' })).toMatchObject({
      ok: false,
      rule: 'include/bad-range',
      message: expect.stringContaining('use one of them'),
    });
  });
});

describe('resolveIncludePath: relative to the post with ./ or ../, else in the snippets folder', () => {
  test.each([
    ['./wal.rs', 'content/posts/wal/wal.rs'],
    ['../shared/x.rs', 'content/posts/shared/x.rs'],
    ['wal/append.rs', 'snippets/wal/append.rs'],
    ['a/../b.rs', 'snippets/b.rs'],
  ])('%s -> %s', (written, file) => {
    expect(resolveIncludePath('content/posts/wal', written, 'snippets')).toEqual({
      ok: true,
      file,
    });
  });

  test.each([
    ['/etc/passwd', 'is absolute'],
    ['C:/x.rs', 'is absolute'],
    ['file:///etc/passwd', 'is absolute'],
    ['../../../../etc/passwd', 'points outside the project'],
    ['../../../..', 'points outside the project'],
    ['..\\..\\x', 'uses backslashes'],
    ['./.env', 'hidden file'],
    ['.git/config', 'hidden file'],
  ])('%s is refused (%s)', (written, why) => {
    const r = resolveIncludePath('content/posts/wal', written, 'snippets');
    expect(r).toMatchObject({ ok: false, rule: 'include/outside-project' });
    expect(!r.ok && r.message).toContain(why);
  });
});

describe('createIncludeReader', () => {
  let root: string;
  let outside: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'colophon-includes-'));
    outside = await mkdtemp(path.join(os.tmpdir(), 'colophon-outside-'));
    await mkdir(path.join(root, 'content/posts/p'), { recursive: true });
    await mkdir(path.join(root, 'snippets'), { recursive: true });
    await writeFile(path.join(root, 'content/posts/p/near.rs'), '\uFEFFfn near() {}\n');
    await writeFile(path.join(root, 'snippets/far.rs'), 'fn far() {}\n');
    await writeFile(path.join(root, 'snippets/bin.dat'), Buffer.from([1, 0, 2]));
    await writeFile(path.join(root, 'snippets/huge.txt'), 'x'.repeat(MAX_INCLUDE_BYTES + 1));
    await writeFile(path.join(outside, 'secret.txt'), 'secret');
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'snippets/link.txt'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });
  const read = (written: string) =>
    createIncludeReader({ root, snippets: 'snippets' })('content/posts/p', written);

  test('reads text files (a BOM dropped) and names them project-relative', () => {
    expect(read('./near.rs')).toEqual({
      kind: 'ok',
      file: 'content/posts/p/near.rs',
      text: 'fn near() {}\n',
    });
    expect(read('far.rs')).toEqual({ kind: 'ok', file: 'snippets/far.rs', text: 'fn far() {}\n' });
  });

  test('a missing file says where it looked, and suggests the other place when the file is there', () => {
    expect(read('./far.rs')).toEqual({
      kind: 'error',
      rule: 'include/missing-file',
      message:
        'content/posts/p/far.rs does not exist. There is snippets/far.rs: write file="far.rs" to include it (paths starting with ./ or ../ are relative to this post, others are inside (snippets/)).',
    });
    expect(read('near.rs')).toMatchObject({
      rule: 'include/missing-file',
      message: expect.stringContaining('write file="./near.rs"'),
    });
    expect(read('gone.rs')).toEqual({
      kind: 'error',
      rule: 'include/missing-file',
      message:
        'snippets/gone.rs does not exist. Paths without ./ are inside the snippets folder (snippets/); add the file there, or write file="./gone.rs" for a file beside this post.',
    });
    expect(read('.')).toMatchObject({
      kind: 'error',
      rule: 'include/missing-file',
      message: expect.stringMatching(/^snippets is a folder, not a file\./),
    });
  });

  test('symlinks out of the project, binary and huge files are refused', () => {
    expect(read('link.txt')).toMatchObject({ kind: 'error', rule: 'include/outside-project' });
    expect(read('bin.dat')).toMatchObject({ kind: 'error', rule: 'include/binary-file' });
    expect(read('huge.txt')).toMatchObject({ kind: 'error', rule: 'include/too-large' });
  });
});
