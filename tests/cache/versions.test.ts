import { createHash } from 'node:crypto';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CACHE_VERSIONS } from '../../src/cache/versions.js';
import type { BuildResult } from '../../src/pipeline/index.js';
import { FIXED_NOW } from '../helpers/site.js';
import { mediaSite, type MediaSite } from '../media/helpers.js';

/**
 * Each cache format version (src/cache/versions.ts) covers exactly what its comment says. A warm
 * build after bumping one must redo that and nothing else: here, each version is bumped in turn
 * (the versions module is replaced before Colophon is loaded again), a warm build runs from the
 * same cache and output, and what it redid is read from its result and from the cache folder.
 */

type Work =
  'entries' | 'code' | 'config' | 'bodies' | 'pages' | 'probes' | 'variants' | 'cards' | 'search';

/** What a bump of each version must redo (a warm build with no bump redoes nothing). */
const COVERS: Record<keyof typeof CACHE_VERSIONS, Work[]> = {
  // Every record of `.cache/<namespace>/`: parsed entries, bodies, code blocks, image probes.
  record: ['entries', 'code', 'bodies', 'probes'],
  entry: ['entries'],
  // Bodies and code blocks; the renderer's digest is part of every page's key.
  markdown: ['code', 'bodies', 'pages'],
  page: ['pages'],
  imageProbe: ['probes'],
  // Variant names hold their key: the bodies and pages showing them change, and the search
  // parts that hold those pages.
  imageCodec: ['bodies', 'pages', 'variants', 'search'],
  socialCard: ['cards'],
  searchPart: ['search'],
  configTransform: ['config'],
  // The snapshot of a build's inputs only decides whether the stages run: they find it all cached.
  buildInputs: [],
};

let site: MediaSite;
const out = () => path.join(site.tmp, 'out');
const cache = () => path.join(site.tmp, 'cache');
const saved = (name: string) => path.join(site.tmp, `saved-${name}`);

/** A build with Colophon loaded afresh, with `bump` (if any) added to one version. */
async function warmBuild(bump?: keyof typeof CACHE_VERSIONS): Promise<BuildResult> {
  vi.resetModules();
  vi.doMock('../../src/cache/versions.js', () => ({
    CACHE_VERSIONS: bump
      ? { ...CACHE_VERSIONS, [bump]: `${String(CACHE_VERSIONS[bump])}-bumped` }
      : CACHE_VERSIONS,
  }));
  try {
    const { buildSite } = await import('../../src/pipeline/index.js');
    return await buildSite({
      root: site.root,
      outDir: out(),
      cacheDir: cache(),
      now: FIXED_NOW,
      workers: 0,
    });
  } finally {
    vi.doUnmock('../../src/cache/versions.js');
  }
}

/** Hash of every file under `dir`, by path. */
async function files(dir: string): Promise<Map<string, string>> {
  const list = await readdir(dir, { recursive: true, withFileTypes: true });
  const out = new Map<string, string>();
  for (const e of list.filter((x) => x.isFile())) {
    const abs = path.join(e.parentPath, e.name);
    out.set(
      path.relative(dir, abs),
      createHash('sha256')
        .update(await readFile(abs))
        .digest('hex'),
    );
  }
  return out;
}

/** Cache files written (new, or new bytes) under `.cache/<namespace>/`. */
function written(before: Map<string, string>, after: Map<string, string>, ns: string): number {
  let n = 0;
  for (const [f, h] of after) if (f.startsWith(`${ns}/`) && before.get(f) !== h) n++;
  return n;
}

/** What a warm build (after a bump, or not) redid. */
async function redone(bump?: keyof typeof CACHE_VERSIONS): Promise<Work[]> {
  await rm(out(), { recursive: true, force: true });
  await rm(cache(), { recursive: true, force: true });
  await cp(saved('out'), out(), { recursive: true, preserveTimestamps: true });
  await cp(saved('cache'), cache(), { recursive: true, preserveTimestamps: true });
  const before = await files(cache());
  const r = await warmBuild(bump);
  expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
  const after = await files(cache());
  const work: Record<Work, number> = {
    entries: written(before, after, 'entries'),
    code: written(before, after, 'code'),
    config: written(before, after, 'config'),
    bodies: r.bodiesRendered,
    pages: r.rendered,
    probes: r.images?.probed ?? 0,
    variants: r.images?.encoded ?? 0,
    cards: r.cards?.rendered ?? 0,
    search: r.search?.built ?? 0,
  };
  return (Object.keys(work) as Work[]).filter((k) => work[k] > 0);
}

beforeAll(async () => {
  site = await mediaSite();
  // Every cache at work: social cards and search on.
  const config = await readFile(path.join(site.root, 'colophon.config.ts'), 'utf8');
  await site.write(
    'colophon.config.ts',
    config
      .replace('socialCards: { enabled: false }', 'socialCards: { enabled: true }')
      .replace('search: { enabled: false }', 'search: { enabled: true }'),
  );
  const cold = await warmBuild();
  expect(cold.ok, JSON.stringify(cold.diagnostics)).toBe(true);
  expect(cold.cards?.rendered).toBeGreaterThan(0);
  expect(cold.images?.encoded).toBeGreaterThan(0);
  await cp(out(), saved('out'), { recursive: true, preserveTimestamps: true });
  await cp(cache(), saved('cache'), { recursive: true, preserveTimestamps: true });
}, 180_000);

afterAll(() => site?.cleanup());

describe('cache versions: a bump redoes exactly what the version covers', () => {
  it('a warm build with no bump redoes nothing', async () => {
    expect(await redone()).toEqual([]);
  }, 120_000);

  it.each(Object.entries(COVERS))(
    '%s',
    async (name, covers) => {
      expect(await redone(name as keyof typeof CACHE_VERSIONS)).toEqual(covers);
    },
    120_000,
  );

  it('every version is covered here', () => {
    expect(Object.keys(COVERS).sort()).toEqual(Object.keys(CACHE_VERSIONS).sort());
  });
});
