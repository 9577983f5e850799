import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevSession } from '../../src/dev/session.js';
import { copyFixture, describeDiff, fullBuild, NOW, readTree, tempDir } from './helpers.js';

/** `serve --drafts --future`: drafts and future posts are visible, marked, and still incremental. */
describe('serve with --drafts and --future', () => {
  let root = '';
  let outDir = '';
  let session: DevSession;
  const opts = { drafts: true, future: true };
  const html = async (rel: string) => (await readTree(outDir)).get(rel)?.toString('utf8') ?? '';

  beforeAll(async () => {
    root = await copyFixture('blog');
    outDir = path.join(await tempDir('flags-out'), 'out');
    session = new DevSession({ root, ...opts, outDir, now: NOW });
    expect((await session.start()).ok).toBe(true);
  });
  afterAll(async () => {
    await session?.dispose();
    await rm(path.dirname(root), { recursive: true, force: true });
    await rm(path.dirname(outDir), { recursive: true, force: true });
  });

  it('shows drafts and future posts, marked on their pages and in lists', async () => {
    const full = await fullBuild(root, opts);
    expect(describeDiff(await readTree(outDir), full.tree)).toBe('');
    expect(await html('posts/draft-ideas/index.html')).toContain('<p class="notice">Draft</p>');
    expect(await html('posts/future-post/index.html')).toContain('<p class="notice">Scheduled</p>');
    expect(await html('posts/draft-ideas/index.html')).toContain(
      '<meta name="robots" content="noindex">',
    );
    expect(await html('index.html')).toContain('<span class="badge">Scheduled</span>');
    expect(await html('topics/process/index.html')).toContain('<span class="badge">Draft</span>');
    expect(await html('sitemap.xml')).not.toContain('draft-ideas');
  });

  it('publishing a draft and moving a post into the future stay equal to a full build', async () => {
    const draft = path.join(root, 'content/posts/draft-ideas.md');
    const soon = path.join(root, 'content/posts/queue-theory.md');
    await writeFile(draft, (await readFile(draft, 'utf8')).replace('draft: true', 'draft: false'));
    await writeFile(
      soon,
      (await readFile(soon, 'utf8')).replace('date: 2020-11-11', 'date: 2025-09-09'),
    );
    const r = await session.rebuild({ files: [draft, soon] });
    expect(r.ok).toBe(true);
    const full = await fullBuild(root, opts);
    expect(describeDiff(await readTree(outDir), full.tree)).toBe('');
    expect(await html('posts/draft-ideas/index.html')).not.toContain('<p class="notice">Draft</p>');
    expect(await html('posts/queue-theory/index.html')).toContain(
      '<p class="notice">Scheduled</p>',
    );
    expect(r.changedUrls).toContain('/sitemap.xml');
  });
});
