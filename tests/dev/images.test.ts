import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../src/dev/serve.js';
import { mediaSite, noise, type MediaSite } from '../media/helpers.js';

/**
 * `serve` does not wait for image variants: a run returns with the pages, which already name every
 * variant, while the variants are encoded in the background; until one is written, its URL
 * answers with the original image. Once all are written, the live folder holds the bytes a full
 * `build` writes.
 */

let site: MediaSite;
let server: RunningServer;
const wide = () => path.join(site.root, 'content/posts/gallery/wide.jpg');

async function fetchBytes(url: string): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await fetch(`http://127.0.0.1:${server.port}${url}`);
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

const variantUrls = (html: string) =>
  [...new Set([...html.matchAll(/\/_img\/[^\s",]+/g)].map((m) => m[0]))].sort();

beforeAll(async () => {
  site = await mediaSite();
  server = await startServer({
    root: site.root,
    host: '127.0.0.1',
    port: 0,
    drafts: false,
    future: false,
    debounceMs: 30,
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await site?.cleanup();
});

describe('serve never waits for an image variant', () => {
  test('every variant URL of a page answers at once, before and after the variants are written', async () => {
    const html = (await fetchBytes('/posts/gallery/')).body.toString('utf8');
    for (const u of variantUrls(html)) expect((await fetchBytes(u)).status, u).toBe(200);
    await server.session.pipeline.imagesWritten();
    for (const u of variantUrls(html)) expect((await fetchBytes(u)).status, u).toBe(200);
  });

  test('a replaced photo: the rebuilt page names its new variants; each answers with the original until it is written, then with the bytes of a full build', async () => {
    await server.session.pipeline.imagesWritten();
    const rebuilt = server.nextRebuild();
    // 4000×3000: decoding it alone takes longer than the requests below.
    await noise(4000, 3000, 3, 21).jpeg({ quality: 90 }).toFile(wide());
    expect((await rebuilt).ok).toBe(true);
    const html = (await fetchBytes('/posts/gallery/')).body.toString('utf8');
    const fresh = variantUrls(html).filter((u) => u.startsWith('/_img/wide-'));
    expect(fresh).toHaveLength(9);
    const original = await readFile(wide());
    // Variants are encoded in output path order within an image: the last one is written last.
    const last = await fetchBytes(fresh.at(-1)!);
    expect(last.status).toBe(200);
    expect(last.body.equals(original)).toBe(true);
    expect(last.type).toBe('image/jpeg');

    const built = await site.build({ cache: false, out: 'built' });
    const final = (u: string) => readFile(path.join(built.outDir, u));
    for (const u of fresh) {
      const r = await fetchBytes(u);
      expect(r.status, u).toBe(200);
      expect(r.body.equals(original) || r.body.equals(await final(u)), u).toBe(true);
    }
    await server.session.pipeline.imagesWritten();
    for (const u of variantUrls(html))
      expect((await fetchBytes(u)).body.equals(await final(u)), u).toBe(true);
    const live = (await readdir(path.join(server.session.outDir, '_img'))).sort();
    expect(live).toEqual((await readdir(path.join(built.outDir, '_img'))).sort());
  }, 120_000);

  test('a URL that is no variant of the page is still a 404', async () => {
    expect((await fetchBytes('/_img/photo-999-000000000000.avif')).status).toBe(404);
  });
});
