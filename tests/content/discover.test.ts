import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { discoverContent, loadContent } from '../../src/content/index.js';
import { diagnosticLines } from '../helpers/site.js';

let tmp: string;
let root: string;
const post = (title: string) => `---\ntitle: ${title}\ndate: 2026-01-01\n---\n\nBody.\n`;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-discover-'));
  root = path.join(tmp, 'site');
  const files: Record<string, string> = {
    'content/posts/plain.md': post('Plain'),
    'content/posts/Capital Letters.md': post('Capital'),
    'content/posts/bundle/index.md': post('Bundle'),
    'content/posts/bundle/diagram.svg': '<svg/>',
    'content/posts/bundle/data/table.csv': 'a,b\n',
    'content/posts/bundle/notes.md': 'not a post of its own',
    'content/posts/bundle/.DS_Store': 'x',
    'content/posts/2025/grouped.md': post('In a year folder'),
    'content/posts/_drafts/ignored.md': post('Ignored'),
    'content/posts/.hidden.md': post('Hidden'),
    'content/posts/readme.txt': 'not markdown',
    'content/series/s.md': '---\ntitle: S\n---\n',
    'content/topics/t.md': '---\ntitle: T\n---\n',
    'content/pages/about.md': '---\ntitle: About\n---\n',
    'content/pages/uses/index.md': '---\ntitle: Uses\n---\n',
    'content/pages/uses/desk.jpg': 'jpg',
    'shared/inside.md': post('Inside the project'),
  };
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
  await writeFile(path.join(tmp, 'outside.md'), post('Outside the project'));
  await symlink(path.join(tmp, 'outside.md'), path.join(root, 'content/posts/leak.md'));
  await symlink(path.join(root, 'shared/inside.md'), path.join(root, 'content/posts/linked.md'));
  await symlink(path.join(tmp, 'nowhere.md'), path.join(root, 'content/posts/dangling.md'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('content discovery', () => {
  test('finds every entry, sorted by path, with kinds and slugs from file or folder names', async () => {
    const { files } = await discoverContent(root, path.join(root, 'content'));
    expect(files.map((f) => [f.file, f.kind, f.slug, f.bundle])).toEqual([
      ['content/pages/about.md', 'page', 'about', false],
      ['content/pages/uses/index.md', 'page', 'uses', true],
      ['content/posts/2025/grouped.md', 'post', 'grouped', false],
      ['content/posts/Capital Letters.md', 'post', 'capital-letters', false],
      ['content/posts/bundle/index.md', 'post', 'bundle', true],
      ['content/posts/linked.md', 'post', 'linked', false],
      ['content/posts/plain.md', 'post', 'plain', false],
      ['content/series/s.md', 'series', 's', false],
      ['content/topics/t.md', 'topic', 't', false],
    ]);
  });

  test('a bundle is index.md plus every other non-Markdown file below it', async () => {
    const { files } = await discoverContent(root, path.join(root, 'content'));
    const bundle = files.find((f) => f.slug === 'bundle')!;
    expect(bundle.dir).toBe('content/posts/bundle');
    expect(bundle.assets).toEqual([
      'content/posts/bundle/data/table.csv',
      'content/posts/bundle/diagram.svg',
    ]);
    expect(files.find((f) => f.slug === 'uses')!.assets).toEqual(['content/pages/uses/desk.jpg']);
    // A folder without index.md is just a folder: its posts keep their own names.
    expect(files.find((f) => f.slug === 'grouped')!.dir).toBe('content/posts/2025');
  });

  test('a symlink leading outside the project is skipped with a warning; one inside is followed', async () => {
    const { files, diagnostics } = await discoverContent(root, path.join(root, 'content'));
    expect(files.some((f) => f.file.endsWith('leak.md'))).toBe(false);
    expect(files.some((f) => f.file.endsWith('linked.md'))).toBe(true);
    expect(diagnosticLines(diagnostics)).toEqual([
      'content/posts/dangling.md:1:1 warning [content/broken-symlink] Symlink content/posts/dangling.md points to a missing file; it is skipped.',
      'content/posts/leak.md:1:1 warning [content/symlink-outside] Symlink content/posts/leak.md leads outside the project and is not followed. Copy the file into the project instead.',
    ]);
  });

  test('loadContent reads every file and keeps the sources for code frames', async () => {
    const { entries, diagnostics, sources } = await loadContent(root, path.join(root, 'content'));
    expect(entries.map((e) => `${e.kind}:${e.id}`).sort()).toEqual([
      'page:about',
      'page:uses',
      'post:bundle',
      'post:capital-letters',
      'post:grouped',
      'post:linked',
      'post:plain',
      'series:s',
      'topic:t',
    ]);
    expect(sources.get('content/posts/linked.md')).toContain('Inside the project');
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    for (const text of sources.values()) expect(text).not.toContain('Outside the project');
  });
});
