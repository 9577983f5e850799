/**
 * A damaged cache is never published. Each kind of `.cache/` entry is damaged in each way
 * (truncated, emptied, garbled, swapped with another entry's file, replaced by a folder), the
 * output folder removed, and the site built again: it must equal a clean build's, byte for byte,
 * without an error, and the next build finds the entry healed.
 */
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  build,
  cleanupAll,
  errorsOf,
  hashTree,
  listTree,
  makeProject,
  post,
  type Project,
} from './helpers.js';

afterAll(cleanupAll);

const KINDS = ['images', 'cards', 'bodies', 'entries', 'code', 'image-meta', 'pages'] as const;
const WAYS = ['truncated', 'empty', 'garbled', 'swapped', 'folder'] as const;

let p: Project;
let clean = '';
let pristine = '';
const cache = () => path.join(p.root, '.cache');
const warm = () => build(p.root, { cache: true });

beforeAll(async () => {
  const png = (c: string) =>
    sharp({ create: { width: 900, height: 500, channels: 3, background: c } })
      .png()
      .toBuffer();
  const code = (i: number) => `\`\`\`ts\nconst n${i} = ${i};\n\`\`\``;
  p = await makeProject(
    {
      'content/posts/a/index.md': post(
        { title: 'A', date: '2024-01-01' },
        `![Red](./red.png)\n\n${code(1)}`,
      ),
      'content/posts/a/red.png': await png('#c33'),
      'content/posts/b/index.md': post(
        { title: 'B', date: '2024-01-02' },
        `![Blue](./blue.png)\n\n${code(2)}`,
      ),
      'content/posts/b/blue.png': await png('#33c'),
    },
    { socialCards: { enabled: true } },
  );
  const first = await warm();
  expect(errorsOf(first.diagnostics)).toEqual([]);
  clean = await hashTree(p.out);
  pristine = path.join(p.tmp, 'pristine-cache');
  await cp(cache(), pristine, { recursive: true });
}, 180_000);

/** The entries of one kind: data files (a checksum beside an image is not an entry of its own). */
async function entriesOf(kind: string): Promise<string[]> {
  const dir = path.join(cache(), kind);
  const all = await listTree(dir);
  return all
    .filter((f) => !f.endsWith('.sum') && !(kind === 'bodies' && f.endsWith('.json')))
    .map((f) => path.join(dir, f));
}

async function damage(files: string[], way: (typeof WAYS)[number]): Promise<void> {
  const [a, b] = files as [string, string];
  const bytes = await readFile(a);
  if (way === 'truncated') await writeFile(a, bytes.subarray(0, bytes.length >> 1));
  if (way === 'empty') await writeFile(a, '');
  if (way === 'garbled') {
    const g = Buffer.from(bytes);
    for (let i = g.length >> 2; i < g.length; i += 7) g[i] = g[i]! ^ 0x55;
    await writeFile(a, g);
  }
  if (way === 'swapped') {
    await rename(a, `${a}.x`);
    await rename(b, a);
    await rename(`${a}.x`, b);
  }
  if (way === 'folder') {
    await rm(a);
    await mkdir(path.join(a, 'inside'), { recursive: true });
  }
}

describe('a damaged cache entry is rebuilt, never published', () => {
  for (const kind of KINDS)
    for (const way of WAYS)
      it(`${kind}: ${way}`, async () => {
        await rm(cache(), { recursive: true, force: true });
        await cp(pristine, cache(), { recursive: true });
        const files = await entriesOf(kind);
        // One page manifest per output folder: it is swapped with an entry of another kind.
        if (kind === 'pages') files.push(...(await entriesOf('entries')));
        expect(files.length, `${kind} entries`).toBeGreaterThanOrEqual(2);
        await damage(files, way);
        if (kind !== 'pages') await rm(p.out, { recursive: true, force: true });
        const r = await warm();
        expect(errorsOf(r.diagnostics)).toEqual([]);
        expect(await hashTree(p.out), 'output equals a clean build').toBe(clean);
        // Healed: the next build from this cache, without the output, is clean too.
        await rm(p.out, { recursive: true, force: true });
        await warm();
        expect(await hashTree(p.out)).toBe(clean);
      }, 60_000);
});
