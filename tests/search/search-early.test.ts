/**
 * A split search index is built while the unchanged pages are linked: the search stage ranks
 * pages (the parts known to change first) and, once the changed pages are rendered, starts
 * Pagefind on a part as soon as its last page is final, before the build reaches the search stage. The parts it builds early are the same files as the
 * parts built after everything.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { ManifestEntry } from '../../src/pipeline/stages/pages.js';
import { SearchStage } from '../../src/search/stage.js';
import { Timer } from '../../src/util/timer.js';
import { StagedWriter } from '../../src/output/staged-writer.js';
import type { PagePlan } from '../../src/routes/index.js';
import { hash } from '../../src/util/hash.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const page = (word: string) =>
  `<!doctype html><html lang="en"><head><title>${word}</title></head><body><main data-pagefind-body><h1>${word}</h1><p>All about ${word} and more ${word}.</p></main></body></html>`;
const WORDS = ['aardvark', 'badger', 'capybara', 'dingo', 'echidna', 'ferret', 'gecko', 'heron'];
const plans = [
  ...WORDS.map((w) => ({ kind: 'html', outPath: `posts/${w}/index.html`, searchable: true })),
  { kind: 'html', outPath: 'index.html', searchable: false },
] as unknown as PagePlan[];

async function setup() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'colophon-search-early-'));
  dirs.push(root);
  const writer = new StagedWriter(path.join(root, 'dist'));
  await writer.init();
  const stage = new SearchStage(writer, new Timer(), {
    language: 'en',
    shards: 2,
    keyFile: undefined,
    previous: {},
  });
  await stage.planned(plans);
  return { writer, stage };
}

async function files(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) {
      const abs = path.join(e.parentPath, e.name);
      out.set(path.relative(dir, abs), (await readFile(abs)).toString('base64'));
    }
  return out;
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

test('pages are ranked by part, and a part is indexed once its last page is written', async () => {
  const { writer, stage } = await setup();
  const ranks = plans.map((p) => stage.order(p.outPath));
  // Two parts: every searchable page ranks by its part; other pages come last.
  expect(new Set(ranks.slice(0, -1)).size).toBe(2);
  expect(ranks.at(-1)).toBeGreaterThan(Math.max(...ranks.slice(0, -1)));

  const sorted = [...plans].sort((a, b) => stage.order(a.outPath) - stage.order(b.outPath));
  const firstPart = sorted.filter(
    (p) => stage.order(p.outPath) === stage.order(sorted[0]!.outPath),
  );
  const part = stage.order(firstPart[0]!.outPath) === 2 ? 0 : 1; // rank = count + part
  const dir = path.join(writer.staging, part === 0 ? 'pagefind' : `pagefind/shard/${part}`);
  for (const [i, p] of firstPart.entries()) {
    const html = page(p.outPath.split('/')[1]!);
    await writer.write(p.outPath, html);
    stage.settled(p.outPath, { key: 'k', out: hash(html) } as ManifestEntry);
    // A part changed: its pages now rank before every other page.
    expect(stage.order(p.outPath)).toBe(part);
    // The first page was rendered; the others are reused (linked) after it.
    if (i === 0) stage.reusing();
    if (i < firstPart.length - 1) expect(await exists(dir)).toBe(false);
  }
  // Built without waiting for the other part's pages, or for `finish`.
  for (let t = 0; t < 100 && !(await exists(path.join(dir, 'pagefind-entry.json'))); t++)
    await new Promise((r) => setTimeout(r, 50));
  expect(await exists(path.join(dir, 'pagefind-entry.json'))).toBe(true);
  await stage.close();
});

test('while pages are still rendered (a cold build), no part starts before `finish`', async () => {
  const { writer, stage } = await setup();
  for (const p of plans) {
    const html = page(p.outPath.split('/')[1] ?? 'home');
    await writer.write(p.outPath, html);
    stage.settled(p.outPath, { key: 'k', out: hash(html) } as ManifestEntry);
  }
  await new Promise((r) => setTimeout(r, 300));
  expect(await exists(path.join(writer.staging, 'pagefind'))).toBe(false);
  await stage.close();
});

test('parts built early are the same files as parts built after every page', async () => {
  const build = async (early: boolean) => {
    const { writer, stage } = await setup();
    const manifest: Record<string, ManifestEntry> = {};
    if (early) stage.reusing();
    for (const p of plans) {
      const html = page(p.outPath.split('/')[1] ?? 'home');
      await writer.write(p.outPath, html);
      manifest[p.outPath] = { key: 'k', out: hash(html) };
      if (early) stage.settled(p.outPath, manifest[p.outPath]!);
    }
    const r = await stage.finish(manifest);
    expect(r.diagnostics).toEqual([]);
    expect(r.stats).toEqual({ shards: 2, built: 2, kept: 0 });
    return files(path.join(writer.staging, 'pagefind'));
  };
  const early = await build(true);
  expect(early.size).toBeGreaterThan(6);
  expect(early).toEqual(await build(false));
});

test('closing (a failed build) stops parts in progress and never starts the queued ones', async () => {
  const { writer, stage } = await setup();
  stage.reusing();
  for (const p of plans) {
    const html = page(p.outPath.split('/')[1] ?? 'home');
    await writer.write(p.outPath, html);
    stage.settled(p.outPath, { key: 'k', out: hash(html) } as ManifestEntry);
  }
  // Both parts are complete: one is being indexed, the other waits for the lane.
  await stage.close();
  const entries = [
    path.join(writer.staging, 'pagefind/pagefind-entry.json'),
    path.join(writer.staging, 'pagefind/shard/1/pagefind-entry.json'),
  ];
  const written = await Promise.all(entries.map(exists));
  expect(written.filter(Boolean).length).toBeLessThan(2);
  // Nothing is written after `close` returned.
  await new Promise((r) => setTimeout(r, 500));
  expect(await Promise.all(entries.map(exists))).toEqual(written);
});
