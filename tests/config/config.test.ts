import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, type ResolvedConfig } from '../../src/config/index.js';
import { BuildFailure } from '../../src/diagnostics/index.js';
import { diagnosticLines } from '../helpers/site.js';

let tmp: string;
let n = 0;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-config-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A project folder with this config file (body of `defineConfig({...})` unless `raw`). */
async function project(body: string, opts: { raw?: boolean; file?: string } = {}): Promise<string> {
  const root = path.join(tmp, `p${n++}`);
  await import('node:fs/promises').then((fs) => fs.mkdir(root));
  const text = opts.raw
    ? body
    : `import { defineConfig } from 'colophon';\n\nexport default defineConfig({\n${body}\n});\n`;
  await writeFile(path.join(root, opts.file ?? 'colophon.config.ts'), text);
  return root;
}

async function load(body: string, overrides = {}): Promise<ResolvedConfig> {
  return loadConfig(await project(body), overrides);
}

/** The diagnostics a broken config produces, as printed. */
async function errorsOf(
  body: string,
  opts: { raw?: boolean; file?: string } = {},
): Promise<string[]> {
  try {
    await loadConfig(await project(body, opts));
  } catch (e) {
    if (e instanceof BuildFailure) return diagnosticLines(e.diagnostics);
    throw e;
  }
  throw new Error('the config loaded without errors');
}

const MINIMAL = `  title: 'T',\n  baseUrl: 'https://t.example/',`;

describe('config defaults', () => {
  test('a minimal config gets every default', async () => {
    const c = await load(MINIMAL);
    expect(c.description).toBe('');
    expect(c.language).toBe('en');
    expect(c.author).toEqual({ name: 'Anonymous' });
    expect(c.menu).toEqual([
      { label: 'Archive', url: '/archive/' },
      { label: 'Series', url: '/series/' },
      { label: 'Topics', url: '/topics/' },
    ]);
    expect(c.permalinks).toEqual({
      post: '/posts/:slug/',
      series: '/series/:slug/',
      topic: '/topics/:slug/',
      author: '/authors/:slug/',
      page: '/:slug/',
    });
    expect(c.pagination.pageSize).toBe(10);
    expect(c.feeds).toEqual({
      rss: true,
      atom: true,
      json: true,
      limit: 20,
      fullContent: true,
      aliases: {},
    });
    expect(c.markdown).toMatchObject({
      rawHtml: 'allow',
      lineNumbers: false,
      themes: { light: 'github-light', dark: 'github-dark' },
      math: true,
      wordsPerMinute: 230,
      remarkPlugins: [],
      rehypePlugins: [],
    });
    expect(c.related.count).toBe(3);
    expect(c.search.enabled).toBe(true);
    expect(c.rules).toEqual({});
  });

  test('folders resolve inside the project; output and cache default to dist/ and .cache/', async () => {
    const c = await load(MINIMAL);
    expect(c.configFile).toBe('colophon.config.ts');
    expect(c.contentDir).toBe(path.join(c.root, 'content'));
    expect(c.templatesDir).toBe(path.join(c.root, 'templates'));
    expect(c.publicDir).toBe(path.join(c.root, 'public'));
    expect(c.outPath).toBe(path.join(c.root, 'dist'));
    expect(c.cachePath).toBe(path.join(c.root, '.cache'));
  });

  test('baseUrl gains a trailing slash; basePath is its path', async () => {
    const c = await load(`  title: 'T',\n  baseUrl: 'https://user.github.io/blog',`);
    expect(c.baseUrl).toBe('https://user.github.io/blog/');
    expect(c.basePath).toBe('/blog/');
    expect((await load(MINIMAL)).basePath).toBe('/');
  });
});

describe('config overrides', () => {
  test('values in the file win over defaults', async () => {
    const c = await load(
      `${MINIMAL}\n  pagination: { pageSize: 3 },\n  feeds: { json: false },\n  permalinks: { post: '/:year/:slug/' },\n  outDir: 'public_html',`,
    );
    expect(c.pagination.pageSize).toBe(3);
    expect(c.feeds).toEqual({
      rss: true,
      atom: true,
      json: false,
      limit: 20,
      fullContent: true,
      aliases: {},
    });
    expect(c.permalinks.post).toBe('/:year/:slug/');
    expect(c.permalinks.page).toBe('/:slug/');
    expect(c.outPath).toBe(path.join(c.root, 'public_html'));
  });

  test('command-line overrides win over the file and change the digest', async () => {
    const root = await project(MINIMAL);
    const plain = await loadConfig(root);
    const c = await loadConfig(root, {
      baseUrl: 'https://preview.example/pr-7/',
      outDir: '/tmp/elsewhere',
      cacheDir: 'c2',
    });
    expect(c.baseUrl).toBe('https://preview.example/pr-7/');
    expect(c.basePath).toBe('/pr-7/');
    expect(c.outPath).toBe('/tmp/elsewhere');
    expect(c.cachePath).toBe(path.join(root, 'c2'));
    expect(c.digest).not.toBe(plain.digest);
    expect((await loadConfig(root)).digest).toBe(plain.digest);
  });

  test('a .mjs config without any import works too', async () => {
    const root = await project(`export default { title: 'M', baseUrl: 'https://m.example/' };\n`, {
      raw: true,
      file: 'colophon.config.mjs',
    });
    const c = await loadConfig(root);
    expect(c.title).toBe('M');
    expect(c.configFile).toBe('colophon.config.mjs');
  });
});

describe('config errors name the key path, with a position and a suggestion', () => {
  test('no config file', async () => {
    const root = path.join(tmp, 'empty');
    await import('node:fs/promises').then((fs) => fs.mkdir(root));
    await expect(loadConfig(root)).rejects.toMatchObject({
      diagnostics: [{ rule: 'config/missing' }],
    });
  });

  test('an unknown top-level key suggests the right one', async () => {
    expect(await errorsOf(`${MINIMAL}\n  descripton: 'x',`)).toEqual([
      'colophon.config.ts:6:3 error [config/unknown-key] Unknown config key "descripton". Did you mean "description"?',
    ]);
  });

  test('an unknown nested key is reported with its full path', async () => {
    expect(await errorsOf(`${MINIMAL}\n  markdown: { themes: { ligt: 'x' } },`)).toEqual([
      'colophon.config.ts:6:25 error [config/unknown-key] Unknown config key "markdown.themes.ligt". Did you mean "markdown.themes.light"?',
    ]);
  });

  test('an unknown theme string is an unknown key with a suggestion', async () => {
    expect(await errorsOf(`${MINIMAL}\n  strings: { readMor: 'Weiter' },`)).toEqual([
      'colophon.config.ts:6:14 error [config/unknown-key] Unknown config key "strings.readMor". Did you mean "strings.readMore"?',
    ]);
  });

  test('a plural string needs its other form', async () => {
    expect(
      await errorsOf(`${MINIMAL}\n  strings: { postCount: { one: '{count} essay' } },`),
    ).toEqual([
      'colophon.config.ts:6:14 error [config/invalid-value] Invalid config value at "strings.postCount": use a text, or plural forms with at least "other" ({ one: "{count} post", other: "{count} posts" }).',
    ]);
  });

  test('an accent colour that fails WCAG AA on its background is an error with its ratio', async () => {
    expect(
      await errorsOf(`${MINIMAL}\n  theme: { accent: '#7fb2ff', accentDark: '#1e50c8' },`),
    ).toEqual([
      'colophon.config.ts:6:12 error [config/invalid-value] Invalid config value at "theme.accent": #7fb2ff has a contrast of 1.91:1 on the light scheme\'s background (#fbfaf7) or its tint; links need 4.5:1 (WCAG AA): choose a darker colour.',
      'colophon.config.ts:6:31 error [config/invalid-value] Invalid config value at "theme.accentDark": #1e50c8 has a contrast of 2.50:1 on the dark scheme\'s background (#111318) or its tint; links need 4.5:1 (WCAG AA): choose a lighter colour.',
    ]);
  });

  test('accent colours that read well are accepted', async () => {
    const c = await load(`${MINIMAL}\n  theme: { accent: '#8a2be2', accentDark: '#d0a8ff' },`);
    expect(c.theme).toEqual({ accent: '#8a2be2', accentDark: '#d0a8ff' });
  });

  test('without a close match, the known keys are listed', async () => {
    expect(await errorsOf(`${MINIMAL}\n  feeds: { podcast: true },`)).toEqual([
      'colophon.config.ts:6:12 error [config/unknown-key] Unknown config key "feeds.podcast". Known keys here: rss, atom, json, limit, fullContent, aliases.',
    ]);
  });

  test("a feed alias must be a file's site path, of a feed that is on", async () => {
    expect(
      await errorsOf(
        `${MINIMAL}\n  feeds: { aliases: { '/index.xml': 'rss', '/feeds/': 'rss' } },`,
      ),
    ).toEqual([
      'colophon.config.ts:6:44 error [config/invalid-value] Invalid config value at "feeds.aliases./feeds/": a feed alias is the site path of a file, such as "/index.xml" or "/feed.xml" (no trailing slash, no segment starting with a dot).',
    ]);
    expect(
      await errorsOf(`${MINIMAL}\n  feeds: { atom: false, aliases: { '/feed.xml': 'atom' } },`),
    ).toEqual([
      'colophon.config.ts:6:36 error [config/invalid-value] Invalid config value at "feeds.aliases./feed.xml": the atom feed is off (feeds.atom: false): turn it on, or remove this alias.',
    ]);
  });

  test('wrong types and out-of-range values', async () => {
    expect(await errorsOf(`${MINIMAL}\n  pagination: { pageSize: 0 },`)).toEqual([
      'colophon.config.ts:6:17 error [config/invalid-value] Invalid config value at "pagination.pageSize": Too small: expected number to be >=1.',
    ]);
    expect(await errorsOf(`  title: '',\n  baseUrl: 'https://t.example/',`)).toEqual([
      'colophon.config.ts:4:3 error [config/invalid-value] Invalid config value at "title": Too small: expected string to have >=1 characters.',
    ]);
  });

  test('a bad menu entry points at the key inside the array', async () => {
    expect(
      await errorsOf(`${MINIMAL}\n  menu: [{ label: 'Home', url: '/' }, { label: 'Broken' }],`),
    ).toEqual([
      'colophon.config.ts:6:3 error [config/invalid-value] Invalid config value at "menu.1.url": Invalid input: expected string, received undefined.',
    ]);
  });

  test('a permalink pattern with an unknown placeholder', async () => {
    const [line] = await errorsOf(`${MINIMAL}\n  permalinks: { post: '/:category/:slug/' },`);
    expect(line).toBe(
      'colophon.config.ts:6:17 error [config/invalid-value] Invalid config value at "permalinks.post": a permalink pattern starts and ends with "/" and uses only path segments and :slug, :year, :month, :day.',
    );
  });

  test('several mistakes are reported together', async () => {
    const lines = await errorsOf(`${MINIMAL}\n  languag: 'de',\n  related: { count: 99 },`);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(
      '[config/unknown-key] Unknown config key "languag". Did you mean "language"?',
    );
    expect(lines[1]).toContain('Invalid config value at "related.count"');
  });

  test('a config that throws is reported at the line that threw', async () => {
    const lines = await errorsOf(
      `import { defineConfig } from 'colophon';\nthrow new Error('boom');\nexport default defineConfig({ title: 'x', baseUrl: 'https://x.example/' });\n`,
      { raw: true },
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^colophon\.config\.ts:2:7 error \[config\/load-error\] Could not load the config: boom\. /,
    );
  });
});
