import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { hashTree } from '../../src/import/source.js';
import type { Generator } from '../../src/import/model.js';
import { expectImportGolden, importFixture, IMPORT_FIXTURES, srcOf } from './helpers.js';

const GENERATORS: Generator[] = ['hugo', 'zola', 'jekyll'];

function capture() {
  const lines: string[] = [];
  return {
    lines,
    out: {
      log: (s: string) => void lines.push(s),
      err: (s: string) => void lines.push(s),
      color: false,
      tty: false,
    },
  };
}

describe.each(GENERATORS)('colophon import %s', (g) => {
  const before = hashTree(srcOf(g));
  const run = importFixture(g);
  afterAll(async () => (await run).cleanup());

  test('DEST matches the golden tree (IMPORT.md included)', async () => {
    const { result, dest } = await run;
    expect(result.ok).toBe(true);
    await expectImportGolden(g, dest);
  });

  test('SRC is never written to', async () => {
    await run;
    expect(hashTree(srcOf(g))).toBe(before);
  });

  test('--dry-run writes nothing and gives the same report', async () => {
    const dry = await importFixture(g, { dryRun: true });
    try {
      expect(existsSync(dry.dest)).toBe(false);
      expect(dry.result.ok && dry.result.markdown).toBe(
        await readFile(path.join(IMPORT_FIXTURES, g, 'expected/IMPORT.md'), 'utf8'),
      );
    } finally {
      await dry.cleanup();
    }
  });
});

describe('the report names, at file:line, what needs a human and what was left out', () => {
  test.each([
    [
      'hugo',
      '`content/posts/codegen-peepholes/index.md:30`: Shortcode "callout" became the directive :::callout; templates/directives/callout.liquid is a starter made from layouts/shortcodes/callout.html: port what it showed.',
    ],
    [
      'hugo',
      '`content/posts/query-plans.md:33`: Shortcode "notice" became the directive :::notice; templates/directives/notice.liquid is a starter made from themes/paper/layouts/shortcodes/notice.html: port what it showed.',
    ],
    [
      'hugo',
      '`content/posts/codegen-peepholes/index.md:64`: {{< instagram >}}: Colophon has no Instagram embed, so a plain link to https://www.instagram.com/p/C5xQ2mLpT8a/ was written (nothing loads from Instagram).',
    ],
    [
      'zola',
      '`content/blog/bloom-filters/index.md:32`: Shortcode "note" became the directive :::note; templates/directives/note.liquid is a starter made from templates/shortcodes/note.html: port what it showed.',
    ],
    ['hugo', '`layouts/`: theme templates are not imported; Colophon has its own (templates/)'],
    [
      'hugo',
      '`themes/paper/`: theme templates are not imported; Colophon has its own (templates/)',
    ],
    ['hugo', "`archetypes/`: templates for new content; `colophon new post` makes Colophon's own"],
    [
      'hugo',
      '`assets/`: files processed by Hugo Pipes (styles, scripts); not imported: the theme has its own',
    ],
    ['zola', '`templates/`: theme templates are not imported; Colophon has its own (templates/)'],
    ['jekyll', '`_layouts/`: theme templates are not imported; Colophon has its own (templates/)'],
    [
      'jekyll',
      '`_drafts/gc-pauses.md`: A draft without a date: 2026-06-01 (the day of the import) was written. Set the date before publishing.',
    ],
  ] as const)('%s: %s', async (g, line) => {
    const report = await readFile(path.join(IMPORT_FIXTURES, g, 'expected/IMPORT.md'), 'utf8');
    expect(report.split('\n')).toContain(`- ${line}`);
  });
});

describe('the command line', () => {
  const tmp = mkdtemp(path.join(os.tmpdir(), 'colophon-import-cli-'));
  afterAll(async () => rm(await tmp, { recursive: true, force: true }));

  test('a SRC that is not a site of that kind is exit 2, saying what was expected', async () => {
    const empty = path.join(await tmp, 'empty');
    await mkdir(empty);
    const c = capture();
    expect(await main(['import', 'hugo', empty, path.join(await tmp, 'd1')], c.out)).toBe(2);
    expect(c.lines.join('\n')).toContain(
      'is not a hugo site: expected a Hugo site: a folder with hugo.toml (or config.toml/yaml/json) and content/',
    );
    const c2 = capture();
    expect(
      await main(['import', 'zola', srcOf('jekyll'), path.join(await tmp, 'd2')], c2.out),
    ).toBe(2);
    expect(c2.lines.join('\n')).toContain(
      'is not a zola site: expected a Zola site: a folder with config.toml and content/',
    );
    expect(existsSync(path.join(await tmp, 'd1'))).toBe(false);
  });

  test('a DEST that is not empty is exit 2 and is left alone', async () => {
    const dest = path.join(await tmp, 'full');
    await mkdir(dest);
    await writeFile(path.join(dest, 'keep.txt'), 'mine');
    const c = capture();
    expect(await main(['import', 'jekyll', srcOf('jekyll'), dest], c.out)).toBe(2);
    expect(c.lines.join('\n')).toContain('is not empty. Give a new folder, or an empty one');
    expect(await readFile(path.join(dest, 'keep.txt'), 'utf8')).toBe('mine');
  });

  test('an unknown generator or missing folders are usage errors', async () => {
    const c = capture();
    expect(await main(['import', 'wordpress', 'a', 'b'], c.out)).toBe(2);
    expect(c.lines[0]).toBe('Say which generator the site was made with: hugo, zola, jekyll.');
    expect(await main(['import', 'hugo', 'a'], capture().out)).toBe(2);
  });

  test('--dry-run prints the report and the summary, and writes nothing', async () => {
    const dest = path.join(await tmp, 'dry');
    const c = capture();
    expect(await main(['import', 'zola', srcOf('zola'), dest, '--dry-run'], c.out)).toBe(0);
    const text = c.lines.join('\n');
    expect(text).toContain('# Import report: Packet & Page');
    expect(text).toMatch(/Needs a human: \d+ places \(listed in IMPORT\.md\)\./);
    expect(text).toContain('Dry run: nothing was written');
    expect(existsSync(dest)).toBe(false);
  });
});
